/*
 * The site's page script, small jobs in one file (one request instead of several):
 *   1. pass pasted / IME input on to Material's search box as a keyup;
 *   2. mark on the page what a search result pointed at (search-worker.js is the other half);
 *   3. references: the ¶ after each paragraph copies one, and 引用本页 shows the page's;
 *   4. the 打印 button;
 *   5. take-away: 复制本节 / 复制全文, and the download links inside WeChat;
 *   6. 字号: 默认 · 大 · 超大, remembered across pages and visits;
 *   7. the glossary card: clear of the page's footer, closed by scrolling, a tap elsewhere, Escape;
 *   8. 学习笔记: notes.js, loaded on first use.
 *   9. keyboard focus never hidden: not on what Material keeps off screen, not under the header.
 * No page has an inline script handler (onclick=…): the site's Content-Security-Policy forbids
 * them (speech/plugin/hosting.py).
 */

/* Every mark the site adds inside the speech (¶, note numbers, permalinks) carries this class
   (speech/edition/model.py, EDITORIAL): what reads the speech back off the page skips it. */
const EDITORIAL = ".editorial"

/* Copy text to the clipboard: the API where there is one and it agrees; else the old way, a
   selected hidden textarea (plain http on a remote host, permission refused, document not
   focused). Rejects only when both fail. */
function copyText(text) {
  function bySelection() {
    const area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"     // CSSOM, not a style attribute: allowed by the site's CSP
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    let ok = false
    try {
      ok = document.execCommand("copy")
    } catch (refused) { /* ok stays false */ }
    area.remove()
    if (!ok)
      throw new Error("copy refused")
  }
  const api = navigator.clipboard && window.isSecureContext
    ? navigator.clipboard.writeText(text)
    : Promise.reject(new Error("no clipboard API"))
  return api.catch(bySelection)
}

/* Say something in Material's own dialog, as a polite live region, the way Material shows
   "copied to clipboard". */
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

  /* The block's text nodes in document order, editorial marks left out. */
  function textNodes(block) {
    const nodes = []
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: node => node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
    })
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      nodes.push(node)
    return nodes
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
    const nodes = textNodes(block)
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

/* The reader's today as YYYY-MM-DD, in the reader's own time zone: the date of citing. */
function today() {
  const now = new Date()
  const pad = n => String(n).padStart(2, "0")
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/* A reference in GB/T 7714-2015 (section 3): the part the build wrote, the date, the address.
   notes.js cites the passages it exports with it too. */
function reference(start, url) {
  return `${start}[${today()}]. ${url}.`
}

/*
 * 3. References in GB/T 7714-2015 for an electronic resource, with the reader's own date of citing:
 *      佚名. 在市城管局系统基层党务干部培训班开班仪式上的动员讲话[EB/OL]. (2022)[2026-11-27]. https://…/yiyi.html#yiyi-3.
 *    The build writes the part before the date (speech/markdown/extension.py): in data-cite on each ¶ and
 *    in data-reference on the 引用本页 block at the foot of the page. Activating a ¶ (click, tap,
 *    or Enter on keyboard focus) puts the paragraph's address in the address bar and copies its
 *    reference; the 引用本页 block gets today's date and the page's address filled in.
 */
;(function () {
  "use strict"

  const block = document.querySelector(".cite-reference")
  if (block) {
    const url = new URL(location.href)
    url.search = ""
    url.hash = ""
    block.querySelector(".cite-date").textContent = today()
    block.querySelector(".cite-url").textContent = url.href
  }

  document.addEventListener("click", function (ev) {
    const mark = ev.target instanceof Element && ev.target.closest("a.para-link")
    if (!mark)
      return
    ev.preventDefault()
    const url = new URL(mark.getAttribute("href"), location.href)
    url.search = ""
    history.replaceState(null, "", url.href)
    const citation = reference(mark.dataset.cite, url.href)
    copyText(citation).then(
      () => tell("已复制引用：" + citation),
      () => tell("未能复制，请手动复制地址栏中的链接")
    )
    loadNotes().then(book => book.openParagraph(mark.closest(".speech"), mark))   // 划线本段 and the rest
  })
})()

/*
 * 4. The 打印 button on section pages and 全文, and 打印提纲 on the home page (overrides/main.html).
 */
document.addEventListener("click", function (ev) {
  if (ev.target instanceof Element && ev.target.closest("button.print-button"))
    window.print()
})

/*
 * 5. Take-away (overrides/partials/take-away.html), on each section page and on 全文:
 *    - 复制本节 / 复制全文 copies the page's speech as plain text, the text of
 *      downloads/<page>.txt: the build puts it on the box (data-text, speech/takeaway/downloads.py), with
 *      a slot for the address of the page it is copied from.
 *    - Inside WeChat (MicroMessenger in the user agent), whose browser blocks downloads, the
 *      download links give way to a hint to open the page in a browser; copying works there.
 */
;(function () {
  "use strict"
  const box = document.querySelector(".take-away")
  if (!box)
    return

  if (/MicroMessenger/i.test(navigator.userAgent)) {
    const files = box.querySelector(".take-away__files")
    const hint = box.querySelector(".take-away__wechat")
    if (files && hint) {
      files.hidden = true
      hint.hidden = false
    }
  }

  /* The page's text as speech/takeaway/downloads.py makes it (data-text), with this page's address in
     the source line. */
  function pageText() {
    const url = new URL(location.href)
    url.hash = ""
    url.search = ""
    return box.dataset.text.replace("{url}", url.href)
  }

  const button = box.querySelector(".take-away__copy")
  button.addEventListener("click", function () {
    const text = pageText()
    copyText(text).then(
      () => tell(`已复制${button.textContent.replace("复制", "")}文字，共 ${text.replace(/\s/g, "").length} 字`),
      () => tell("未能复制：请长按选择文字后复制")
    )
  })
})()

/*
 * 6. 字号 (overrides/partials/zihao.html): a button sets <html data-zihao>, which screen.css
 *    scales the text by, and keeps the choice in localStorage, which main.html reads before the
 *    first paint of every later page (from disk too). aria-pressed tells a screen reader which
 *    size is on; the status line says it once more.
 */
;(function () {
  "use strict"
  const KEY = "jianghua.zihao"
  const options = document.querySelectorAll(".zihao__option")

  function show(value) {
    for (const option of options)
      option.setAttribute("aria-pressed", String(option.dataset.zihao === value))
  }

  show(document.documentElement.getAttribute("data-zihao") || "")
  for (const option of options)
    option.addEventListener("click", function () {
      const value = option.dataset.zihao
      if (value)
        document.documentElement.setAttribute("data-zihao", value)
      else
        document.documentElement.removeAttribute("data-zihao")
      try {
        if (value)
          localStorage.setItem(KEY, value)
        else
          localStorage.removeItem(KEY)
      } catch (storageRefused) { /* chosen for this page only */ }
      show(value)
      tell(`字号：${option.textContent.trim()}`)
    })
})()

/*
 * 7. A glossary term, tapped or focused, shows its explanation in a card at the foot of the screen
 *    (screen.css, abbr.term:focus::after). When the page's footer (上一页 / 下一页) is in view the
 *    card stands above it (--term-card-lift), so that it never covers the way on. A tap elsewhere
 *    takes the focus away, and so the card; scrolling on and Escape close it too. The scroll that
 *    brings a focused term into view (Tab) does not count: only scrolling once the card is shown.
 */
;(function () {
  "use strict"
  const footer = document.querySelector(".md-footer")
  let shownAt = Infinity             // when the card was shown, and the page settled
  const isTerm = el => el && el.matches("abbr.term")
  const close = () => isTerm(document.activeElement) && document.activeElement.blur()

  document.addEventListener("focusin", function (ev) {
    if (!isTerm(ev.target))
      return
    const lift = footer ? Math.max(0, innerHeight - footer.getBoundingClientRect().top) : 0
    document.documentElement.style.setProperty("--term-card-lift", `${lift}px`)
    shownAt = performance.now() + 300
  })
  addEventListener("scroll", () => performance.now() > shownAt && close(), { passive: true })
  document.addEventListener("keydown", ev => ev.key === "Escape" && close())
})()

/*
 * 8. 学习笔记 (notes.js, notes.css; design/notes.md): marks on the speech and a reader's thoughts,
 *    listed on 我的笔记. The code loads on first use only: a selection inside the speech, a ¶,
 *    the 我的笔记 page, or a page visited by a reader who has marks; a first visit loads none of it.
 */
const loadNotes = (function () {
  "use strict"
  // Its address is an attribute of main.html's settings script: a published build names the
  // file by its content (speech/hosting/assets.py) and rewrites attributes only.
  const source = new URL(document.querySelector("script[data-notes-code]").dataset.notesCode, document.baseURI).href
  let loading = null

  function load() {
    loading = loading || new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: source })
      script.addEventListener("load", () => resolve(window.jianghuaNotes))
      script.addEventListener("error", reject)
      document.head.appendChild(script)
    })
    return loading
  }

  let stored = null
  try {
    stored = localStorage.getItem("jianghua.notes")
  } catch (storageRefused) { /* nothing kept to show */ }
  if (document.querySelector(".notes-book") || (stored && stored.includes('"para"')))
    load()
  document.addEventListener("selectionchange", function () {
    const selection = getSelection()
    const node = selection.anchorNode
    const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)
    if (!loading && !selection.isCollapsed && element && element.closest("article .speech"))
      load().then(book => book.offerSelection())
  })
  return load
})()

/*
 * 9. Keyboard focus never lands on what cannot be seen (WCAG 2.4.7, 2.4.11). On a narrow screen
 *    Material keeps the closed drawer's navigation off screen, yet Tab reached its links: it is
 *    inert while closed. Its opener in the header is a label, which Tab does not reach: a button
 *    takes its place on the screens where it shows, opens the drawer with the focus in it, and
 *    Escape closes it again, the focus back on the button. The search box
 *    opens when it takes focus; Tab on past it closes it again (its results would cover the page
 *    behind), and its results box takes focus only when it holds results. A focused element is
 *    scrolled clear of the sticky header: scroll-padding-top is the header's height (the 无障碍
 *    tools add their bar at the foot, as scroll-padding-bottom, in access.js).
 */
;(function () {
  "use strict"
  const root = document.documentElement
  const header = document.querySelector(".md-header")
  const drawer = document.getElementById("__drawer")
  const navigation = document.querySelector(".md-sidebar--primary")
  const narrow = matchMedia("(max-width: 76.234375em)")      // Material's drawer, off screen when closed
  const label = header && header.querySelector('label.md-header__button[for="__drawer"]')
  let opener = null

  if (drawer && label) {
    opener = document.createElement("button")
    opener.type = "button"
    opener.className = "md-header__button md-icon header-opener"
    opener.setAttribute("aria-label", "导航")
    opener.append(...[...label.childNodes].map(node => node.cloneNode(true)))
    opener.addEventListener("click", () => {
      drawer.click()                           // its change event lifts inert first (below)
      const first = drawer.checked && navigation && navigation.querySelector("a[href]")
      if (first)
        first.focus()                          // into the drawer, as a menu opens
    })
    label.before(opener)
    label.style.display = "none"               // CSSOM: allowed by the CSP
  }

  function sync() {
    if (drawer && navigation)
      navigation.inert = narrow.matches && !drawer.checked
    if (opener) {
      opener.hidden = !narrow.matches
      opener.setAttribute("aria-expanded", String(drawer.checked))
    }
    if (header)
      root.style.scrollPaddingTop = `${header.offsetHeight}px`
  }

  narrow.addEventListener("change", sync)
  document.addEventListener("change", ev => ev.target === drawer && sync(), true)   // before Material's
  document.addEventListener("keydown", ev => {
    if (ev.key === "Escape" && drawer && drawer.checked) {
      drawer.click()
      if (opener)
        opener.focus()
    }
  })
  const search = document.getElementById("__search")
  const searchBox = document.querySelector(".md-search")
  document.addEventListener("focusin", ev => {
    if (search && searchBox && search.checked && !searchBox.contains(ev.target))
      search.click()
  })
  const output = document.querySelector(".md-search__output")
  const results = document.querySelector(".md-search-result__list")
  if (output && results)
    new MutationObserver(() => { output.inert = !results.children.length })
      .observe(results, { childList: true })
  if (output)
    output.inert = !(results && results.children.length)
  // The palette toggle: a radio per scheme, each shown by the label after it, one label at a time.
  // No radio need be checked, so Tab could stop on the one whose label is hidden: only the radio
  // with the shown label takes focus (Material flips the labels' hidden attribute on a change).
  const palettes = [...document.querySelectorAll("input.md-option[name=__palette]")]
  const syncPalettes = () => palettes.forEach(input => {
    const label = input.nextElementSibling
    input.tabIndex = label && label.hidden ? -1 : 0
  })
  palettes.forEach(input => input.nextElementSibling &&
    new MutationObserver(syncPalettes).observe(input.nextElementSibling, { attributes: true, attributeFilter: ["hidden"] }))
  syncPalettes()
  addEventListener("resize", sync, { passive: true })
  sync()
})()
