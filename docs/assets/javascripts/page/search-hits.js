/*
 * Mark on the page what a search result pointed at, and bring it into view.
 *
 * search-worker.js links each hit as page.html?hl=<passage>&hl=…#<paragraph id>, where each
 * <passage> is matched text exactly as it stands on the page (at most MAX_PASSAGES of them). Here every
 * occurrence of each passage is wrapped in <mark class="search-hit">, also when it runs across
 * inline elements (a glossary term, say); editorial marks such as footnote numbers are skipped,
 * as the index skips them. Text is only ever compared and wrapped, never parsed as HTML.
 *
 * A link can be crafted and passed around, so the work is bounded whatever the address holds:
 * only the first few hl values are read (duplicates dropped, over-long ones ignored), each
 * block's text nodes are collected once, overlapping and touching hits merge into one span, and
 * each text node is replaced at most once, so marks never nest. Any address a browser accepts
 * (2 MB) is marked in a few milliseconds; the figures are in `make bench`.
 *
 * A near hit (words of the query, not the query as typed) links as ?hw=<piece>&hw=…#<paragraph>:
 * its pieces are a few characters each (单位, 搞清楚), so they are marked in that paragraph only.
 */
;(function () {
  "use strict"
  // Distinct passages marked: as many as a hit's link carries (MAX_PASSAGES in
  // speech/search/index.py, which the build writes into the index for the worker).
  const MAX_PASSAGES = 10
  const MAX_PAIRS = 64            // name=value pairs of the query string looked at
  const MAX_LENGTH = 500          // characters of one passage; longer ones are ignored
  // The editorial marks and Material's own widgets, whose text is not the speech.
  const SKIP = `${EDITORIAL}, .md-search-result`
  const BLOCKS = "p, h1, h2, h3, h4, td, th"

  /* The passages to mark: the first name=… (hl=…, hw=…) values of the query string, each decoded
     as URLSearchParams decodes it, without reading the rest of a query that may be megabytes long. */
  function passagesIn(search, name) {
    const passages = new Set()
    let from = search.startsWith("?") ? 1 : 0
    for (let pairs = 0; from < search.length && pairs < MAX_PAIRS && passages.size < MAX_PASSAGES; pairs++) {
      let end = search.indexOf("&", from)
      if (end === -1)
        end = search.length
      // A UTF-16 unit is at most 9 characters percent-encoded: a longer value is too long anyway.
      if (search.startsWith(`${name}=`, from) && end - from <= 3 + 9 * MAX_LENGTH) {
        const passage = new URLSearchParams(search.slice(from, end)).get(name)
        if (passage && passage.length <= MAX_LENGTH)
          passages.add(passage)
      }
      from = end + 1
    }
    return [...passages]
  }

  /* Where the passages occur in text: sorted [start, end) spans, overlapping or touching ones merged.
     (search-worker.js merges its snippet spans alike; a worker and the page share no script file.) */
  function spansIn(text, passages) {
    const found = []
    for (const passage of passages)
      for (let at = text.indexOf(passage); at !== -1; at = text.indexOf(passage, at + passage.length))
        found.push([at, at + passage.length])
    found.sort((a, b) => a[0] - b[0])
    const merged = []
    for (const span of found) {
      const last = merged[merged.length - 1]
      if (last && span[0] <= last[1])
        last[1] = Math.max(last[1], span[1])
      else
        merged.push(span)
    }
    return merged
  }

  function mark(text) {
    const element = document.createElement("mark")
    element.className = "search-hit"
    element.textContent = text
    return element
  }

  /* One pass over the nodes and the spans together: each node the spans touch is replaced once
     by its unmarked and marked pieces. */
  function wrap(nodes, spans) {
    let offset = 0
    let next = 0                                   // first span that may still reach this node
    for (const node of nodes) {
      const text = node.data
      const end = offset + text.length
      while (next < spans.length && spans[next][1] <= offset)
        next++
      if (next < spans.length && spans[next][0] < end) {
        const pieces = document.createDocumentFragment()
        let at = 0                                 // position in this node's text
        for (let i = next; i < spans.length && spans[i][0] < end; i++) {
          const from = Math.max(spans[i][0] - offset, 0)
          const to = Math.min(spans[i][1] - offset, text.length)
          if (from > at)
            pieces.append(text.slice(at, from))
          pieces.append(mark(text.slice(from, to)))
          at = to
        }
        if (at < text.length)
          pieces.append(text.slice(at))
        node.replaceWith(pieces)
      }
      offset = end
    }
  }

  /* The element the address's fragment names; a malformed fragment (a lone %E0) is taken as written. */
  function fragmentTarget() {
    const id = location.hash.slice(1)
    if (!id)
      return null
    let decoded = id
    try {
      decoded = decodeURIComponent(id)
    } catch (malformed) { /* keep it as written */ }
    return document.getElementById(decoded) || document.getElementById(id)
  }

  /* What it cost, for tests and `make bench` (User Timing: nothing is sent or shown). */
  function measure(name) {
    try {
      performance.measure(name, { start })
    } catch (olderBrowser) { /* no measure options before Chrome 76: nothing lost */ }
  }

  const start = performance.now()
  const passages = location.search ? passagesIn(location.search, "hl") : []
  const pieces = location.search ? passagesIn(location.search, "hw") : []
  const article = document.querySelector("article")
  if (!article || !location.search)
    return

  // One pass over the blocks, each marked once with all it gets, so marks never nest.
  const paragraph = fragmentTarget()
  const near = paragraph && article.contains(paragraph) ? pieces : []
  for (const block of passages.length || near.length ? article.querySelectorAll(BLOCKS) : []) {
    const marked = near.length && paragraph.contains(block) ? passages.concat(near) : passages
    if (!marked.length || block.querySelector(BLOCKS))
      continue
    const nodes = speechTextNodes(block, SKIP)
    const spans = spansIn(nodes.map(n => n.data).join(""), marked)
    if (spans.length)
      wrap(nodes, spans)
  }
  measure("search-hit marking")

  const target = paragraph || article
  const first = target.querySelector("mark.search-hit") || article.querySelector("mark.search-hit")
  if (first)
    first.scrollIntoView({ block: "center" })
  measure("search-hit marking and scrolling")
})()

