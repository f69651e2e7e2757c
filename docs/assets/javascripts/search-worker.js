/*
 * Phrase search for a Chinese text, behind Material for MkDocs' own search UI.
 *
 * Material talks to its search worker with four messages (SETUP, READY, QUERY, RESULT); this
 * worker answers them with exact substring matching instead of lunr + jieba, and, when the
 * speech does not hold the query as typed, adds the paragraphs that hold most of its pieces
 * (character pairs) below a line that says so. Why, and what was measured: design/search.md
 * (not part of the site; in the repository).
 *
 * Matching works on "folded" text: NFKC (full-width and half-width forms become one), lower
 * case, traditional characters mapped to the site's simplified ones (table from the index), and
 * every character that is not a letter or a digit dropped — punctuation, spaces, zero-width
 * marks. So 党章, 黨章, "党章；" and "党 章" all find 党章, and a sentence pasted with either
 * punctuation width finds itself. Each folded character remembers where it came from, so a hit
 * is shown and highlighted in the original text.
 *
 * The index (search/search_docs.js, written by speech/search/index.py) is loaded on the first
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

const MAX_QUERY_LENGTH = 1000    // UTF-16 units of a query read; a longer paste is cut here
const MAX_TERMS = 16             // words in one query; more are ignored
const MAX_NEAR_BLOCKS = 12       // near hits listed at most
// A near hit holds at least this share of the query's pieces, counted and weighted by rarity.
const NEAR_SHARE = 0.5
const NEAR_LINE = "没有完全相同的字句，以下段落包含其中的词语"
const MAX_SHOWN_BLOCKS = 3       // matching blocks shown under a page; the rest fold into "more"
const SNIPPET_CONTEXT = 30       // characters shown before the first hit in a long block
const SNIPPET_LENGTH = 120       // characters of a block shown at most

let variants = {}                // traditional character -> the site's character
let maxPassages = 0              // passages a hit's link carries (the index says: speech/search/index.py)
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

/* The query's words: split on white space (NFKC turns the ideographic space into a plain one).
   Only the first MAX_QUERY_LENGTH units are read, so a pasted megabyte costs what a page does. */
function parseQuery(query) {
  const terms = []
  const seen = new Set()
  for (const word of String(query).slice(0, MAX_QUERY_LENGTH).normalize("NFKC").split(/\s+/u)) {
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
    if (doc.location.includes("#")) {
      const folded = fold(doc.text)
      page.blocks.push({
        location: doc.location,
        title: doc.title,
        text: doc.text,
        speech: Boolean(doc.speech),
        folded,
        pairs: pairsOf(folded.chars)
      })
    }
  }
}

/* Each pair of neighbouring folded characters: pairs[i] is chars[i] + chars[i + 1]. */
function pairsOf(chars) {
  const pairs = []
  for (let i = 0; i + 1 < chars.length; i++)
    pairs.push(chars[i] + chars[i + 1])
  return pairs
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
   page.js marks on arrival (?hw=, a near hit's pieces, it marks in the linked block alone). */
function link(location, phrases, name = "hl") {
  const [path, anchor] = location.split("#")
  const query = [...phrases].slice(0, maxPassages).map(p => `${name}=${encodeURIComponent(p)}`).join("&")
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

/* The near hits: blocks that hold most of the query's pieces, though not the query as typed.
 *
 * A piece is a pair of neighbouring characters of a word (a one-character word is its own
 * piece), so 单位职能职责搞清楚 is 单位 位职 职能 … 清楚, and 单位的职能职责要搞清楚 holds six of
 * its eight. Each piece weighs by its rarity among the blocks (BM25's idf), so 的工 counts less
 * than 职责. A block is a near hit if it holds at least NEAR_SHARE of the pieces counted, and of
 * the weight of those that stand anywhere in the text (one that stands nowhere, like 位职 where
 * two words were joined, tells no block from another): a query of unrelated characters finds
 * nothing, nor one whose rare pieces a block lacks. Near hits rank the speech first, then
 * by the weighted share, scaled by how close together the pieces stand: the shortest stretch of
 * the block that holds one of each, against the pieces' own length.
 */
function nearHits(terms, exclude) {
  const pieces = new Map()                   // piece -> { terms: the words it is of, length: 2 or 1 }
  terms.forEach((term, i) => {
    const own = term.chars.length === 1 ? term.chars : pairsOf(term.chars)
    for (const piece of own) {
      const entry = pieces.get(piece) || { terms: new Set(), length: term.chars.length === 1 ? 1 : 2 }
      entry.terms.add(i)
      pieces.set(piece, entry)
    }
  })
  if (pieces.size < 2)                       // one piece is a word the exact search has looked for
    return []

  // Where each piece stands in each block, and in how many blocks it stands at all.
  const candidates = []
  const blockCount = new Map()
  let blocks = 0
  for (const page of pages)
    for (const block of page.blocks) {
      blocks += 1
      const at = new Map()                   // piece -> folded offsets
      const standsAt = (piece, i) => {
        const offsets = at.get(piece)
        if (offsets)
          offsets.push(i)
        else
          at.set(piece, [i])
      }
      const chars = block.folded.chars
      for (let i = 0; i < chars.length; i++) {
        if (pieces.has(chars[i]))              // a one-character word
          standsAt(chars[i], i)
        if (pieces.has(block.pairs[i]))        // (past the last pair: undefined, never a piece)
          standsAt(block.pairs[i], i)
      }
      at.forEach((_, piece) => blockCount.set(piece, (blockCount.get(piece) || 0) + 1))
      if (at.size * 2 >= pieces.size && !exclude.has(block))
        candidates.push({ page, block, at })
    }

  const weight = piece => {
    const n = blockCount.get(piece) || 0
    return Math.log(1 + (blocks - n + 0.5) / (n + 0.5))
  }
  let total = 0
  blockCount.forEach((_, piece) => { total += weight(piece) })

  const hits = []
  for (const { page, block, at } of candidates) {
    let held = 0
    at.forEach((_, piece) => { held += weight(piece) })
    if (held < NEAR_SHARE * total)
      continue
    const window = closestTogether(at, pieces)
    // Overlapping pairs (职能 能职 职责) are one stretch of k + 1 characters, not 2k.
    const closeness = Math.min(1, (at.size + 1) / (window.end - window.start))
    const found = new Set()
    at.forEach((_, piece) => pieces.get(piece).terms.forEach(i => found.add(i)))
    hits.push({
      page, block, found,
      hits: window.hits,
      key: [+block.speech, (held / total) * (1 + closeness) / 2]
    })
  }
  return hits.sort(byKey).slice(0, MAX_NEAR_BLOCKS)
}

/* The shortest stretch of a block holding one occurrence of each piece it holds: its folded
   [start, end) and the occurrences in it, as { at, length } hits. */
function closestTogether(at, pieces) {
  const events = []
  at.forEach((offsets, piece) => offsets.forEach(offset => events.push({ piece, offset })))
  // At one offset the longer piece last, so the window's last event is also where it ends.
  events.sort((a, b) => a.offset - b.offset || pieces.get(a.piece).length - pieces.get(b.piece).length)
  const inside = new Map()                   // piece -> occurrences in the window
  let best = null
  let from = 0
  for (let to = 0; to < events.length; to++) {
    inside.set(events[to].piece, (inside.get(events[to].piece) || 0) + 1)
    while (inside.get(events[from].piece) > 1) {
      inside.set(events[from].piece, inside.get(events[from].piece) - 1)
      from++
    }
    if (inside.size === at.size) {
      const end = events[to].offset + pieces.get(events[to].piece).length
      if (!best || end - events[from].offset < best.end - best.start)
        best = { start: events[from].offset, end, from, to }
    }
  }
  const chosen = new Map()                   // the first occurrence of each piece in the window
  for (const event of events.slice(best.from, best.to + 1))
    if (!chosen.has(event.piece))
      chosen.set(event.piece, { at: event.offset, length: pieces.get(event.piece).length })
  return { start: best.start, end: best.end, hits: [...chosen.values()] }
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

  // The speech holds the query as typed: nothing is nearer than that.
  if (ranked.some(({ matches }) => matches.some(m => m.block.speech && m.found.size === terms.length)))
    return { items }
  const shown = new Set(ranked.flatMap(({ matches }) => matches.map(m => m.block)))
  return { items: [...items, ...nearItems(terms, nearHits(terms, shown))] }
}

/* Near hits, a result per page in the order of each page's best block, the first headed by the
   line that says these are not the query as typed. A near hit's link names its pieces with hw=,
   which page.js marks in the linked paragraph only. */
function nearItems(terms, hits) {
  const byPage = new Map()
  for (const hit of hits) {
    if (!byPage.has(hit.page))
      byPage.set(hit.page, [])
    byPage.get(hit.page).push(hit)
  }
  return [...byPage].map(([page, pageHits], n) => {
    const found = new Set()
    const children = pageHits.map(({ block, found: blockFound, hits: pieceHits }, i) => {
      blockFound.forEach(t => found.add(t))
      const spans = spansOf(block, pieceHits)
      return {
        location: link(block.location, new Set(spans.map(([s, e]) => block.text.slice(s, e))), "hw"),
        title: escapeHTML(block.title),
        text: snippet(block.text, spans),
        score: i < MAX_SHOWN_BLOCKS ? 1 : 0,
        terms: termFlags(terms, blockFound)
      }
    })
    return [{
      location: link(page.location, []),
      title: (n === 0 ? `<span class="search-near">${NEAR_LINE}</span>` : "") + escapeHTML(page.title),
      text: "",
      score: 1,
      terms: termFlags(terms, found)
    }, ...children]
  })
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
