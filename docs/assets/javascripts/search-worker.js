/*
 * Phrase search for a Chinese text, behind Material for MkDocs' own search UI.
 *
 * Material talks to its search worker with four messages (SETUP, READY, QUERY, RESULT); this
 * worker answers them with exact substring matching instead of lunr + jieba. Why, and what was
 * measured: design/search.md (not part of the site; in the repository).
 *
 * Matching works on "folded" text: NFKC (full-width and half-width forms become one), lower
 * case, traditional characters mapped to the site's simplified ones (table from the index), and
 * every character that is not a letter or a digit dropped — punctuation, spaces, zero-width
 * marks. So 党章, 黨章, "党章；" and "党 章" all find 党章, and a sentence pasted with either
 * punctuation width finds itself. Each folded character remembers where it came from, so a hit
 * is shown and highlighted in the original text.
 *
 * The index (search/search_docs.js, written by speech/search_index.py) is loaded on the first
 * query, not at page load: Material's SETUP message only says where it is.
 *
 * It runs as a real Worker over http(s) and inside Material's iframe shim from file://, so it
 * uses only addEventListener("message"), postMessage(data) and importScripts (synchronous in a
 * worker, a promise in the shim).
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

const MAX_TERMS = 16             // words in one query; more are ignored
const MAX_SHOWN_BLOCKS = 3       // matching blocks shown under a page; the rest fold into "more"
const SNIPPET_CONTEXT = 30       // characters shown before the first hit in a long block
const SNIPPET_LENGTH = 120       // characters of a block shown at most

let variants = {}                // traditional character -> the site's character
let maxPassages = 0              // passages a hit's link carries (the index says: speech/search_index.py)
let pages = []                   // [{ location, title, blocks: [...] }] in navigation order

/* Folding --------------------------------------------------------------- */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function fold(text) {
  const chars = []               // folded characters
  const starts = []              // for each, its start offset in text (UTF-16 units)
  const ends = []                // and its end offset
  let offset = 0
  for (const original of text) {
    const next = offset + original.length
    for (let c of original.normalize("NFKC").toLowerCase()) {
      c = variants[c] || c
      if (LETTER_OR_DIGIT.test(c)) {
        chars.push(c)
        starts.push(offset)
        ends.push(next)
      }
    }
    offset = next
  }
  return { text: chars.join(""), length: chars.length, chars, starts, ends }
}

/* Terms are compared as arrays of characters (code points), never as regular expressions. */
function findAll(haystack, needle) {
  const found = []
  const n = needle.length
  outer: for (let i = 0; i + n <= haystack.length; i++) {
    for (let j = 0; j < n; j++)
      if (haystack[i + j] !== needle[j])
        continue outer
    found.push(i)
  }
  return found
}

/* The query's words: split on white space (NFKC turns the ideographic space into a plain one). */
function parseQuery(query) {
  const terms = []
  const seen = new Set()
  for (const word of String(query).normalize("NFKC").split(/\s+/u)) {
    const folded = fold(word)
    if (folded.length === 0 || seen.has(folded.text))
      continue
    seen.add(folded.text)
    terms.push({ word, chars: folded.chars })
    if (terms.length === MAX_TERMS)
      break
  }
  return terms
}

/* Setup ------------------------------------------------------------------ */

let indexUrl = null              // where search_docs.js is, from Material's SETUP message
let loading = null               // the promise of the index, once asked for

/* The site root: two folders up from this script (assets/javascripts/search-worker.js). In the
   iframe shim, `location` is the page's, so ask the script element instead. */
function siteRoot() {
  const script = typeof document !== "undefined" && document.querySelector("script[src*='search-worker']")
  return new URL("../../", script ? script.src : self.location.href)
}

function loadIndex() {
  if (!loading)
    loading = Promise.resolve()
      .then(() => importScripts(indexUrl))
      .then(() => setup(self.searchIndex))
      .catch(err => { loading = null; throw err })   // try again on the next query
  return loading
}

function setup({ config, docs }) {
  variants = (config && config.variants) || {}
  maxPassages = (config && config.passages) || 0
  const byLocation = new Map()
  pages = []
  for (const doc of docs) {
    const [path] = doc.location.split("#")
    let page = byLocation.get(path)
    if (!page) {
      page = { location: path, title: doc.title, blocks: [] }
      byLocation.set(path, page)
      pages.push(page)
    }
    if (doc.location.includes("#"))
      page.blocks.push({
        location: doc.location,
        title: doc.title,
        text: doc.text,
        speech: Boolean(doc.speech),
        folded: fold(doc.text)
      })
  }
}

/* Search ----------------------------------------------------------------- */

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* Merge the hits of all terms in a block into sorted, non-overlapping [start, end) spans of
   the original text. */
function spansOf(block, hits) {
  const spans = hits
    .map(({ at, length }) => [block.folded.starts[at], block.folded.ends[at + length - 1]])
    .sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span[0] <= last[1])
      last[1] = Math.max(last[1], span[1])
    else
      merged.push([...span])
  }
  return merged
}

/* Whether offset i of text falls inside a surrogate pair (a character outside the BMP, as 𠮷). */
function insidePair(text, i) {
  return /[\udc00-\udfff]/.test(text.charAt(i)) && /[\ud800-\udbff]/.test(text.charAt(i - 1))
}

function snippet(text, spans) {
  let from = 0
  let to = text.length
  if (text.length > SNIPPET_LENGTH) {
    from = Math.max(0, spans[0][0] - SNIPPET_CONTEXT)
    to = Math.min(text.length, Math.max(from + SNIPPET_LENGTH, spans[0][1]))
    // Offsets count UTF-16 units: take a character cut in half whole.
    if (insidePair(text, from))
      from -= 1
    if (insidePair(text, to))
      to += 1
  }
  let html = from > 0 ? "…" : ""
  let at = from
  for (const [start, end] of spans) {
    if (end <= from || start >= to)
      continue
    html += escapeHTML(text.slice(at, Math.max(at, start)))
    html += `<mark>${escapeHTML(text.slice(Math.max(at, start), Math.min(end, to)))}</mark>`
    at = Math.min(end, to)
  }
  html += escapeHTML(text.slice(at, to)) + (to < text.length ? "…" : "")
  return `<p>${html}</p>`
}

/* The link into the page: ?hl= carries each matched passage as it stands in the text, which
   page.js marks on arrival. */
function link(location, phrases) {
  const [path, anchor] = location.split("#")
  const query = [...phrases].slice(0, maxPassages).map(p => `hl=${encodeURIComponent(p)}`).join("&")
  return `${path}${query ? `?${query}` : ""}${anchor !== undefined ? `#${anchor}` : ""}`
}

function termFlags(terms, found) {
  const flags = {}
  terms.forEach((term, i) => { flags[term.word] = found.has(i) })
  return flags
}

/* Compare two ranking keys (arrays of numbers, larger first). */
function byKey(a, b) {
  for (let i = 0; i < a.key.length; i++)
    if (a.key[i] !== b.key[i])
      return b.key[i] - a.key[i]
  return 0
}

function search(query) {
  const terms = parseQuery(query)
  if (terms.length === 0)
    return { items: [] }

  const ranked = []
  pages.forEach((page, order) => {
    const found = new Set()
    const matches = []
    for (const [position, block] of page.blocks.entries()) {
      const hits = []
      const blockFound = new Set()
      terms.forEach((term, i) => {
        for (const at of findAll(block.folded.chars, term.chars)) {
          hits.push({ at, length: term.chars.length })
          blockFound.add(i)
        }
      })
      if (hits.length === 0)
        continue
      blockFound.forEach(i => found.add(i))
      const spans = spansOf(block, hits)
      matches.push({
        block, spans, found: blockFound,
        key: [blockFound.size, +block.speech, hits.length, -position]
      })
    }
    if (matches.length === 0)
      return
    matches.sort(byKey)
    const speechHits = matches.filter(m => m.block.speech).length
    ranked.push({
      page, found, matches,
      key: [
        +(found.size === terms.length),      // every word on the page
        found.size,                          // then as many words as possible
        +(speechHits > 0),                   // the speech before editorial text
        matches[0].found.size,               // words together in one paragraph
        speechHits,                          // more paragraphs of the speech
        matches.length,
        -order                               // then navigation order
      ]
    })
  })
  ranked.sort(byKey)

  const items = ranked.map(({ page, found, matches }) => {
    const passages = new Set()
    const children = matches.map(({ block, spans, found: blockFound }, i) => {
      const phrases = new Set(spans.map(([s, e]) => block.text.slice(s, e)))
      phrases.forEach(p => passages.add(p))
      return {
        location: link(block.location, phrases),
        title: escapeHTML(block.title),
        text: snippet(block.text, spans),
        score: i < MAX_SHOWN_BLOCKS ? 1 : 0,
        terms: termFlags(terms, blockFound)
      }
    })
    return [{
      location: link(page.location, passages),
      title: escapeHTML(page.title),
      text: "",
      score: 1,
      terms: termFlags(terms, found)
    }, ...children]
  })
  return { items }
}

/* Protocol --------------------------------------------------------------- */

async function handle(message) {
  switch (message && message.type) {
    case SETUP:
      indexUrl = new URL(message.data.config.index, siteRoot()).href
      return { type: READY }
    case QUERY:
      try {
        // Material asks for "" as soon as it is ready; that needs no index. (Whether a query
        // has words does not depend on the character table, which only maps letters to letters.)
        // But while the index loads, earlier queries are waiting for it: wait too, so that the
        // answer to a box just cleared comes last and is what stays on screen.
        if (parseQuery(message.data).length === 0) {
          await loading
          return { type: RESULT, data: { items: [] } }
        }
        await loadIndex()
        return { type: RESULT, data: search(message.data) }
      } catch (err) {
        // A query must never break the UI: answer "nothing found".
        console.warn("search failed", err)
        return { type: RESULT, data: { items: [] } }
      }
    default:
      throw new TypeError("Invalid message type")
  }
}

// Queries answer in the order they came: each waits for the same index promise.
addEventListener("message", async ev => postMessage(await handle(ev.data)))
