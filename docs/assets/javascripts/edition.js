/*
 * The site's page script, three small jobs in one file (one request instead of three):
 *   1. pass pasted / IME input on to Material's search box as a keyup;
 *   2. mark on the page what a search result pointed at (search-worker.js is the other half);
 *   3. paragraph permalinks that copy a citation.
 */

/*
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

/*
 * 3. Paragraph permalinks: activating the ¶ after a paragraph (click, tap, or Enter on keyboard
 * focus) puts the paragraph's address in the address bar and copies a citation:
 *   《title》 · 一、培训的意义 · 第 3 段 · https://…/yiyi.html#yiyi-3
 * hooks/paragraph_links.py writes the marks with the citation text in data-cite.
 */

;(function () {
  "use strict"

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(text)
    // Plain http on a remote host has no clipboard API: the old way still works.
    const area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    const ok = document.execCommand("copy")
    area.remove()
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"))
  }

  /* Material's own dialog element, shown the way Material shows "copied to clipboard". */
  function tell(message) {
    const dialog = document.querySelector("[data-md-component=dialog]")
    if (!dialog)
      return
    dialog.querySelector(".md-dialog__inner").textContent = message
    dialog.setAttribute("role", "status")
    dialog.classList.add("md-dialog--active")
    clearTimeout(tell.timer)
    tell.timer = setTimeout(() => dialog.classList.remove("md-dialog--active"), 2500)
  }

  document.addEventListener("click", function (ev) {
    const mark = ev.target instanceof Element && ev.target.closest("a.para-link")
    if (!mark)
      return
    ev.preventDefault()
    const url = new URL(mark.getAttribute("href"), location.href)
    url.search = ""
    history.replaceState(null, "", url.href)
    const citation = `${mark.dataset.cite} · ${url.href}`
    copy(citation).then(
      () => tell("已复制引用：" + citation),
      () => tell("未能复制，请手动复制地址栏中的链接")
    )
  })
})()

/*
 * 4. Take-away (overrides/partials/take-away.html), on each section page and on 全文:
 *    - 复制本节 / 复制全文 copies the page's speech as plain text: the title, the section headings,
 *      one paragraph a line with a blank line between, no ¶ or note marks, the editors' notes
 *      (编者注：……（见一、培训的意义 第 2 段）) and the source line with this page's address.
 *      It is the text of downloads/<page>.txt (speech/downloads.py) read back from the page.
 *    - Inside WeChat (MicroMessenger in the user agent), whose browser blocks downloads, the
 *      download links give way to a hint to open the page in a browser; copying works there.
 */
;(function () {
  "use strict"
  const box = document.querySelector(".take-away")
  const article = document.querySelector("article")
  if (!box || !article)
    return

  if (/MicroMessenger/i.test(navigator.userAgent)) {
    const files = box.querySelector(".take-away__files")
    const hint = box.querySelector(".take-away__wechat")
    if (files && hint) {
      files.hidden = true
      hint.hidden = false
    }
  }

  const SKIP = "sup, .headerlink, .editorial, .para-link"

  /* A block's own words: its text without note numbers, ¶ and other editorial marks. */
  function words(el) {
    let text = ""
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: node => node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
    })
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      text += node.data
    return text.trim()
  }

  function pageText() {
    const lines = []
    const notes = new Map()          // note name -> where it is first referred to
    let place = ""
    if (!article.querySelector("#biaoti"))
      lines.push(box.dataset.title)
    for (const block of article.querySelectorAll("h1.speech, h2.speech, p.speech")) {
      lines.push(words(block))
      if (block.id === "biaoti")
        continue
      if (block.tagName !== "P") {
        place = words(block)
        continue
      }
      const number = block.id.replace(/^.*-/, "")
      const where = block.id.startsWith("kaichang-") ? "开场白" : `${place} 第 ${number} 段`
      for (const ref of block.querySelectorAll("sup[id^='fnref']")) {
        const name = ref.id.slice(ref.id.indexOf(":") + 1)
        if (!notes.has(name))
          notes.set(name, where)
      }
    }
    for (const [name, where] of notes) {
      const item = document.getElementById("fn:" + name)
      if (item) {
        const note = item.cloneNode(true)
        note.querySelectorAll(".footnote-backref").forEach(a => a.remove())
        lines.push(`${note.textContent.replace(/\s+$/, "").trim()}（见${where}）`)
      }
    }
    const url = new URL(location.href)
    url.hash = ""
    url.search = ""
    lines.push(box.dataset.source.replace("{url}", url.href))
    return lines.join("\n\n") + "\n"
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(text).catch(() => copyByCommand(text))
    return copyByCommand(text)
  }

  /* Where there is no clipboard API (plain http, some in-app browsers): a selected text area. */
  function copyByCommand(text) {
    const area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    const ok = document.execCommand("copy")
    area.remove()
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"))
  }

  /* Say it in Material's own dialog, as a polite live region. */
  function tell(message) {
    const dialog = document.querySelector("[data-md-component=dialog]")
    if (!dialog)
      return
    dialog.querySelector(".md-dialog__inner").textContent = message
    dialog.setAttribute("role", "status")
    dialog.classList.add("md-dialog--active")
    clearTimeout(tell.timer)
    tell.timer = setTimeout(() => dialog.classList.remove("md-dialog--active"), 2500)
  }

  const button = box.querySelector(".take-away__copy")
  button.addEventListener("click", function () {
    const text = pageText()
    copy(text).then(
      () => tell(`已复制${button.textContent.replace("复制", "")}文字，共 ${text.replace(/\s/g, "").length} 字`),
      () => tell("未能复制：请长按选择文字后复制")
    )
  })
})()
