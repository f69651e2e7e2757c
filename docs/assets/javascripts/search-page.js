/*
 * The page side of our search (the worker side is search-worker.js).
 *
 * 1. Material sends a query on "keyup" only. Text that arrives without a key going up (pasted
 *    with the mouse, committed by a Chinese IME on some phones, dictated) would not be searched,
 *    so every "input" on the search box is passed on as a keyup.
 */
document.addEventListener("input", function (ev) {
  if (ev.target instanceof HTMLInputElement && ev.target.matches("[data-md-component=search-query]"))
    ev.target.dispatchEvent(new KeyboardEvent("keyup"))
})

/*
 * 2. Mark on the page what a search result pointed at, and bring it into view.
 *
 * search-worker.js links each hit as page.html?hl=<passage>#<paragraph id>, where <passage> is
 * the matched text exactly as it stands on the page. Here every occurrence of each passage is
 * wrapped in <mark class="search-hit">, also when it runs across inline elements (a glossary
 * term, say); editorial marks such as footnote numbers are skipped, as the index skips them.
 * Text is only ever compared and wrapped, never parsed as HTML.
 */
;(function () {
  "use strict"
  const passages = new URLSearchParams(location.search).getAll("hl")
    .filter(p => p.length > 0 && p.length <= 500)
  const article = document.querySelector("article")
  if (!passages.length || !article)
    return

  const SKIP = "sup, .headerlink, .editorial, .para-link, .md-search-result"
  const BLOCKS = "p, h1, h2, h3, h4, td, th"

  function textNodes(block) {
    const nodes = []
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: node => node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
    })
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      nodes.push(node)
    return nodes
  }

  /* Wrap [start, end) of the block's joined text, one <mark> per text node it crosses. */
  function wrap(nodes, start, end) {
    let offset = 0
    for (const node of nodes) {
      const length = node.length           // before surroundContents splits the node
      const from = Math.max(start, offset)
      const to = Math.min(end, offset + length)
      if (from < to) {
        const range = document.createRange()
        range.setStart(node, from - offset)
        range.setEnd(node, to - offset)
        const mark = document.createElement("mark")
        mark.className = "search-hit"
        range.surroundContents(mark)
      }
      offset += length
    }
  }

  for (const block of article.querySelectorAll(BLOCKS)) {
    if (block.querySelector(BLOCKS))
      continue
    const text = textNodes(block).map(n => n.data).join("")
    const spans = []
    for (const passage of passages)
      for (let at = text.indexOf(passage); at !== -1; at = text.indexOf(passage, at + passage.length))
        spans.push([at, at + passage.length])
    // Right to left, so that earlier offsets stay valid while nodes are split.
    spans.sort((a, b) => b[0] - a[0])
    for (const [start, end] of spans)
      wrap(textNodes(block), start, end)
  }

  const target = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) || article
  const first = target.querySelector("mark.search-hit") || article.querySelector("mark.search-hit")
  if (first)
    first.scrollIntoView({ block: "center" })
})()
