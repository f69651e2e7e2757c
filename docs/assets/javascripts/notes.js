/*
 * 学习笔记: marks (划线) on the speech's own words, a reader's thoughts (想法) beside them, and the
 * page 我的笔记 (biji.html) that lists them all and exports them with their references.
 *
 * Loaded on first use only, by page.js: on a selection inside the speech, on a ¶, on 我的笔记, or
 * on a page visited by a reader who has marks. Everything lives in this browser (localStorage,
 * from file:// too); nothing is sent anywhere. design/notes.md says how marks are anchored.
 *
 * A mark is { id, para, start, end, quote, thought, at }: the paragraph's id, offsets into that
 * paragraph's speech text (its text without editorial marks, as the speech model defines it) and
 * the quoted words themselves, by which it is found again when the edition changes.
 *
 * Whatever a reader types is only ever set as textContent or as a form control's value.
 * From page.js, which loads it: copyText, tell (the status line) and reference (GB/T 7714).
 */
;(function (root) {
  "use strict"

  const MAX_THOUGHT = 2000                      // characters (code points) of one thought
  const MAX_MARKS = 2000                        // what one reader's notebook is read back to

  /* ---- The logic without the page: anchoring, order, export (tests/js/notes.test.js) ---- */

  /* Characters as a reader counts them: an emoji is one. */
  function length(text) {
    return [...text].length
  }

  /* A stored notebook, whatever is stored: only well-formed marks are kept. */
  function parse(stored) {
    let data = null
    try {
      data = JSON.parse(stored)
    } catch (malformed) { /* nothing usable */ }
    const marks = data && Array.isArray(data.marks) ? data.marks : []
    return marks.slice(0, MAX_MARKS).filter(m => m && typeof m.id === "string" && typeof m.para === "string"
      && Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end > m.start
      && typeof m.quote === "string" && m.quote.length === m.end - m.start)
      .map(m => ({ id: m.id, para: m.para, start: m.start, end: m.end, quote: m.quote,
                   thought: typeof m.thought === "string" ? m.thought : "", at: Number(m.at) || 0 }))
  }

  /*
   * Where a mark stands in the current text: `texts` maps paragraph id to its speech text, in
   * reading order. Its own place if the quote is still there; else the occurrence of the quote
   * nearest its old place in its own paragraph; else the first in another paragraph given. null
   * if the quote is nowhere: the mark is kept and listed under 未能定位.
   */
  function anchor(mark, texts) {
    const own = texts.get(mark.para)
    if (own !== undefined) {
      if (own.slice(mark.start, mark.end) === mark.quote)
        return { para: mark.para, start: mark.start, end: mark.end }
      let best = -1
      for (let at = own.indexOf(mark.quote); at !== -1; at = own.indexOf(mark.quote, at + 1))
        if (best === -1 || Math.abs(at - mark.start) < Math.abs(best - mark.start))
          best = at
      if (best !== -1)
        return { para: mark.para, start: best, end: best + mark.quote.length }
    }
    for (const [para, text] of texts) {
      const at = para === mark.para ? -1 : text.indexOf(mark.quote)
      if (at !== -1)
        return { para, start: at, end: at + mark.quote.length }
    }
    return null
  }

  /* Marks in the speech's order (`order`: paragraph ids in reading order); the ones not found last. */
  function ordered(marks, order) {
    const rank = new Map(order.map((id, n) => [id, n]))
    const place = m => rank.has(m.para) ? rank.get(m.para) : order.length
    return [...marks].sort((a, b) => place(a) - place(b) || a.start - b.start || a.end - b.end || a.at - b.at)
  }

  /*
   * The notebook as plain text: each passage with its label, the thought, and its reference.
   * `place(mark)` gives { label, reference } of a mark that was found, null for one that was not.
   */
  function exportText(marks, place, title, date) {
    const found = marks.filter(m => place(m))
    const lost = marks.filter(m => !place(m))
    const lines = [`学习笔记：《${title}》`, `共 ${marks.length} 条，${date} 导出`, ""]
    for (const m of found) {
      const { label, reference } = place(m)
      lines.push(label, `“${m.quote}”`)
      if (m.thought)
        lines.push(`想法：${m.thought}`)
      lines.push(reference, "")
    }
    if (lost.length) {
      lines.push("未能定位（本版讲话中找不到下列原文，请与原文核对）", "")
      for (const m of lost) {
        lines.push(`“${m.quote}”`)
        if (m.thought)
          lines.push(`想法：${m.thought}`)
        lines.push("")
      }
    }
    return lines.join("\n")
  }

  const logic = { MAX_THOUGHT, length, parse, anchor, ordered, exportText }
  root.jianghuaNotes = logic
  if (!root.document)
    return

  /* ---- The page ---- */

  const KEY = readerSettings.storage.notes          // the names: page.js, shared part
  const PARAGRAPHS = "article p.speech[id][data-label]"
  const script = document.currentScript
  const siteRoot = new URL("../../", script ? script.src : location.href)
  const book = document.querySelector(".notes-book")
  const data = book ? JSON.parse(book.querySelector(".notes-data").textContent) : null
  const inWeChat = /MicroMessenger/i.test(navigator.userAgent)

  const stylesheet = new URL(document.querySelector("script[data-notes-styles]").dataset.notesStyles, document.baseURI).href
  if (![...document.querySelectorAll("link[rel=stylesheet]")].some(l => l.href === stylesheet))
    document.head.appendChild(Object.assign(document.createElement("link"), { rel: "stylesheet", href: stylesheet }))

  let marks = []
  let storageWorks = true
  try {
    marks = parse(localStorage.getItem(KEY))
  } catch (refused) {
    storageWorks = false
  }

  /* Keep the notebook; if the browser refuses, say so plainly and offer the export at once. What
     was written stays in this page (marks, and a thought's text in its box) either way. */
  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: 1, marks }))
      storageWorks = true
      return true
    } catch (refused) {
      storageWorks = false
      warnUnsaved()
      return false
    }
  }

  function el(tag, className, text) {
    const element = document.createElement(tag)
    if (className)
      element.className = className
    if (text !== undefined)
      element.textContent = text
    return element
  }

  function button(text, action, label) {
    const b = el("button", "notes-button", text)
    b.type = "button"
    if (label)
      b.setAttribute("aria-label", label)
    b.addEventListener("click", action)
    return b
  }

  function say(message) {
    if (typeof tell === "function")
      tell(message)                              // page.js: Material's status line
  }

  /* A paragraph's speech text nodes, in order, editorial marks (and our own signs) left out. */
  const textNodes = block => speechTextNodes(block)

  const speechText = block => textNodes(block).map(n => n.data).join("")

  /* The speech-text offset of a boundary point (container, offset) in `block`. */
  function offsetOf(block, container, offset) {
    const before = document.createRange()
    before.setStart(block, 0)
    before.setEnd(container, offset)
    let count = 0
    for (const node of textNodes(block)) {
      if (node === container)
        return count + offset
      if (!before.intersectsNode(node))
        break
      count += node.length
    }
    return count
  }

  /* The paragraphs of this page, with their texts (reading order), and each mark's place now. */
  const pageBlocks = () => [...document.querySelectorAll(PARAGRAPHS)]

  function pageTexts() {
    const texts = new Map()
    for (const block of pageBlocks())
      if (!texts.has(block.id))
        texts.set(block.id, speechText(block))
    return texts
  }

  /* Re-anchor what can be checked against `texts`; a moved mark is stored at its new place. */
  function reanchor(texts) {
    let moved = false
    const places = new Map()
    for (const m of marks) {
      if (!texts.has(m.para) && book === null)
        continue                                  // another page's mark: checked there
      const place = anchor(m, texts)
      places.set(m.id, place)
      if (place && (place.para !== m.para || place.start !== m.start)) {
        Object.assign(m, place)
        moved = true
      }
    }
    if (moved && storageWorks)
      save()
    return places
  }

  /* ---- Marks on the speech ---- */

  function unwrapMarks() {
    for (const sign of document.querySelectorAll("article .note-sign"))
      sign.remove()
    for (const mark of document.querySelectorAll("article mark.note-mark")) {
      const parent = mark.parentNode
      mark.replaceWith(...mark.childNodes)
      parent.normalize()
    }
  }

  /* Underline every mark found on this page: each stretch of speech text under one or more marks
     becomes a <mark>, text nodes split where a stretch begins or ends; a mark with a thought gets
     a small button after its last stretch that opens it (editorial: not read as speech). */
  function render() {
    unwrapMarks()
    const places = reanchor(pageTexts())
    for (const block of pageBlocks()) {
      const here = marks.filter(m => places.get(m.id) && m.para === block.id)
      if (!here.length)
        continue
      const cuts = [...new Set(here.flatMap(m => [m.start, m.end]))].sort((a, b) => a - b)
      let offset = 0
      for (const node of textNodes(block)) {
        const end = offset + node.length
        const pieces = document.createDocumentFragment()
        let at = offset
        for (const cut of [...cuts.filter(c => c > offset && c < end), end]) {
          const text = node.data.slice(at - offset, cut - offset)
          const under = here.filter(m => m.start <= at && m.end >= cut)
          if (under.length) {
            const mark = el("mark", "note-mark", text)
            mark.dataset.notes = under.map(m => m.id).join(" ")
            pieces.append(mark)
          } else {
            pieces.append(text)
          }
          at = cut
        }
        node.replaceWith(pieces)
        offset = end
      }
      for (const m of here) {
        const covering = [...block.querySelectorAll("mark.note-mark")].filter(x => x.dataset.notes.split(" ").includes(m.id))
        const last = covering[covering.length - 1]
        if (m.thought && last) {
          const sign = button("想", () => openMark(m.id, sign), `想法：${m.thought.slice(0, 60)}`)
          sign.className = "note-sign editorial"
          sign.dataset.note = m.id
          last.after(sign)
        }
      }
    }
  }

  /* ---- The bar: 划线 · 写想法 · 复制引用, beside a selection, a paragraph or a mark ---- */

  let bar = null

  function closeBar(focusBack) {
    if (!bar)
      return
    const back = bar.returnFocus
    bar.remove()
    bar = null
    if (focusBack && back && back.isConnected)
      back.focus()
  }

  /* A new bar after `block`, floating by `rect` (a selection's) or standing under the block. */
  function openBar(block, label, rect) {
    closeBar(false)
    bar = el("div", "notes-bar")
    bar.setAttribute("role", "group")
    bar.setAttribute("aria-label", label)
    bar.addEventListener("keydown", ev => ev.key === "Escape" && closeBar(true))
    block.after(bar)
    if (rect) {
      bar.classList.add("notes-bar--floating")
      const host = bar.offsetParent || document.body
      const box = host.getBoundingClientRect()
      const width = Math.min(bar.offsetWidth || 320, innerWidth - 16)
      bar.style.top = `${rect.bottom - box.top + 8}px`
      bar.style.left = `${Math.max(8 - box.left, Math.min(rect.left - box.left, innerWidth - 8 - width - box.left))}px`
      // At 特大 on a phone it may start below the screen: brought into view once it is filled.
      const shown = bar
      requestAnimationFrame(() => shown.isConnected && shown.scrollIntoView({ block: "nearest" }))
    }
    return bar
  }

  /* A paragraph's address on its own page (yiyi-3: yiyi.html#yiyi-3; the opening: index.html),
     also from 全文, which shows every paragraph again under the same ids. */
  function addressOf(id) {
    const known = data && data.paragraphs.find(p => p.id === id)
    const page = known ? known.page : id.startsWith("kaichang-") ? "index.html" : `${sectionOf(id)}.html`
    return new URL(`${page}#${id}`, siteRoot).href
  }

  /* GB/T 7714, as the ¶ copies it: page.js's reference, from the build's start of it. */
  const referenceStart = () => data ? data.reference : document.querySelector("a.para-link").dataset.cite
  const referenceTo = id => reference(referenceStart(), addressOf(id))

  function copyPassage(block, quote) {
    const text = `“${quote}”（${block.dataset.label}）\n${referenceTo(block.id)}`
    copyText(text).then(() => say("已复制引文和出处"), () => say("未能复制：请长按选择文字后复制"))
  }

  function addMark(block, start, end) {
    const text = speechText(block)
    const quote = text.slice(start, end)
    const same = marks.find(m => m.para === block.id && m.start === start && m.end === end)
    if (same)
      return same
    const mark = { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
                   para: block.id, start, end, quote, thought: "", at: Date.now() }
    marks.push(mark)
    save()
    render()
    return mark
  }

  /* The paragraphs a selection touches, each with the part of its speech text selected. */
  function selected(range) {
    const parts = []
    for (const block of pageBlocks()) {
      if (!range.intersectsNode(block))
        continue
      const whole = speechText(block)
      const start = block.contains(range.startContainer) ? offsetOf(block, range.startContainer, range.startOffset) : 0
      const end = block.contains(range.endContainer) ? offsetOf(block, range.endContainer, range.endOffset) : whole.length
      // Blank ends of a selection (a triple click takes the space after the block) are not words.
      const text = whole.slice(start, end)
      const lead = text.length - text.trimStart().length
      const trail = text.length - text.trimEnd().length
      if (end - trail > start + lead)
        parts.push({ block, start: start + lead, end: end - trail })
    }
    return parts
  }

  const sectionOf = id => id.replace(/-\d+$/, "")

  /* The bar for what is selected now, or a plain word why there is none; not while a pointer is
     still drawing the selection (its mouseup offers it). */
  let pointerDown = false
  function offerSelection() {
    const selection = getSelection()
    if (pointerDown || !selection.rangeCount || selection.isCollapsed)
      return
    const range = selection.getRangeAt(0)
    const article = document.querySelector("article")
    if (!article || !range.intersectsNode(article) || (bar && bar.contains(range.commonAncestorContainer)))
      return
    const parts = selected(range)
    if (!parts.length) {
      const start = range.startContainer
      if ((start.nodeType === Node.ELEMENT_NODE ? start : start.parentElement).closest(PARAGRAPHS))
        say("所选的是编者加的标记，不是讲话原文：不能划线")
      return
    }
    const last = parts[parts.length - 1].block
    const rects = range.getClientRects()
    const rect = rects.length ? rects[rects.length - 1] : last.getBoundingClientRect()
    const b = openBar(last, "所选文字：划线、写想法、复制引用", rect)
    if (new Set(parts.map(p => sectionOf(p.block.id))).size > 1) {
      b.append(el("p", "notes-bar__message", "所选文字跨越讲话的不同部分：请在同一部分内选择。"))
      b.append(button("关闭", () => closeBar(true)))
      return
    }
    const quote = parts.map(p => speechText(p.block).slice(p.start, p.end)).join("")
    b.append(
      button("划线", () => {
        const made = parts.map(p => addMark(p.block, p.start, p.end))
        selection.removeAllRanges()
        closeBar(false)
        say(`已划线：${parts.length > 1 ? `${parts.length} 段` : `${made[0].quote.length} 字`}`)
      }),
      button("写想法", () => {
        const made = parts.map(p => addMark(p.block, p.start, p.end))
        selection.removeAllRanges()
        editThought(made[0].id, made[0].para)
      }),
      button("复制引用", () => copyPassage(parts[0].block, quote)),
      button("关闭", () => closeBar(false), "关闭划线工具"))
  }

  /* From the ¶: 划线本段, 写想法, or one sentence of it (for a reader who cannot select). */
  function openParagraph(block, from) {
    if (!block || !block.matches(PARAGRAPHS))
      return
    const b = openBar(block, `${block.dataset.label}：划线与想法`)
    b.returnFocus = from
    const total = speechText(block).length
    const sentences = el("div", "notes-bar__sentences")
    sentences.hidden = true
    sentences.setAttribute("role", "group")
    sentences.setAttribute("aria-label", "选一句划线")
    for (const [n, sentence] of [...block.querySelectorAll(".sentence")].entries()) {
      const nodes = textNodes(sentence)
      if (!nodes.length)
        continue
      const start = offsetOf(block, nodes[0], 0)
      const text = nodes.map(x => x.data).join("")
      const brief = [...text].length > 14 ? [...text].slice(0, 12).join("") + "……" : text
      sentences.append(button(`第 ${n + 1} 句：${brief}`, () => {
        addMark(block, start, start + text.length)
        closeBar(true)
        say(`已划线：${block.dataset.label}第 ${n + 1} 句`)
      }, `划线第 ${n + 1} 句：${text}`))
    }
    const bySentence = button("逐句划线", () => {
      sentences.hidden = !sentences.hidden
      bySentence.setAttribute("aria-expanded", String(!sentences.hidden))
      if (!sentences.hidden && sentences.firstChild)
        sentences.firstChild.focus()
    })
    bySentence.setAttribute("aria-expanded", "false")
    b.append(
      button("划线本段", () => {
        addMark(block, 0, total)
        closeBar(true)
        say(`已划线：${block.dataset.label}`)
      }),
      button("给本段写想法", () => editThought(addMark(block, 0, total).id, block.id)),
      bySentence,
      button("关闭", () => closeBar(true), "关闭划线工具"),
      sentences)
    b.firstChild.focus()
  }

  /* A mark's sign (or a tap on an underline): its thought, 写想法 / 删除划线 / 复制引用. */
  function openMark(id, from) {
    const m = marks.find(x => x.id === id)
    const block = m && document.getElementById(m.para)
    if (!block)
      return
    const b = openBar(block, `划线：${block.dataset.label}`)
    b.returnFocus = from
    b.append(el("p", "notes-bar__quote", `“${m.quote}”`))
    if (m.thought)
      b.append(el("p", "notes-bar__thought", `想法：${m.thought}`))
    b.append(
      button(m.thought ? "改想法" : "写想法", () => editThought(m.id, m.para)),
      button("删除划线", () => {
        remove(m.id)
        closeBar(false)
        say("已删除这条划线")
        const next = block.querySelector("a.para-link")
        if (next)
          next.focus()
      }),
      button("复制引用", () => copyPassage(block, m.quote)),
      button("关闭", () => closeBar(true), "关闭"))
    b.querySelector(".notes-button").focus()
  }

  function remove(id) {
    marks = marks.filter(m => m.id !== id)
    save()
    render()
  }

  /* A thought's editor: a text box, what it holds said plainly (up to 2,000 characters, refused
     beyond, never cut), 保存 / 取消. In the bar on a speech page, in its card on 我的笔记. */
  function thoughtEditor(m, done) {
    const form = el("form", "notes-editor")
    const id = `note-${m.id}`
    const label = el("label", "notes-editor__label", "想法")
    label.htmlFor = id
    const box = el("textarea", "notes-editor__box")
    box.id = id
    box.rows = 4
    box.value = m.thought
    const count = el("p", "notes-editor__count")
    count.id = `${id}-count`
    box.setAttribute("aria-describedby", count.id)
    const problem = el("p", "notes-editor__problem")
    problem.setAttribute("role", "alert")
    const counted = () => {
      const n = length(box.value)
      count.textContent = n > MAX_THOUGHT
        ? `已写 ${n} 字，超出 ${n - MAX_THOUGHT} 字（最多 ${MAX_THOUGHT} 字）`
        : `已写 ${n} 字，最多 ${MAX_THOUGHT} 字`
      count.classList.toggle("is-over", n > MAX_THOUGHT)
    }
    box.addEventListener("input", counted)
    counted()
    const saveButton = el("button", "notes-button", "保存想法")
    saveButton.type = "submit"
    form.append(label, box, count, problem, saveButton, button("取消", () => done(false)))
    form.addEventListener("submit", ev => {
      ev.preventDefault()
      const n = length(box.value)
      if (n > MAX_THOUGHT) {
        problem.textContent = `想法最多 ${MAX_THOUGHT} 字，现在是 ${n} 字：请删去 ${n - MAX_THOUGHT} 字后再保存。`
        box.focus()
        return
      }
      problem.textContent = ""
      m.thought = box.value.trim()
      const kept = save()
      render()
      done(true, kept)
    })
    return form
  }

  function editThought(id, para) {
    const m = marks.find(x => x.id === id)
    const block = document.getElementById(para)
    if (!m || !block)
      return
    const b = openBar(block, `想法：${block.dataset.label}`)
    b.append(el("p", "notes-bar__quote", `“${m.quote}”`))
    const form = thoughtEditor(m, (saved, kept) => {
      if (saved && !kept)
        return                                   // the warning stays, with its export
      closeBar(false)
      if (saved)
        say(m.thought ? "想法已保存" : "已划线，未写想法")
      const sign = document.querySelector(`.note-sign[data-note="${m.id}"]`)
      const back = sign || block.querySelector("a.para-link")
      if (back)
        back.focus()
    })
    b.append(form)
    form.querySelector("textarea").focus()
  }

  /* ---- Storage refused or full: said once a visit, with the export offered at once ---- */

  let warning = null
  function warnUnsaved() {
    if (warning && warning.isConnected)
      return
    warning = el("div", "notes-warning")
    warning.setAttribute("role", "alert")
    warning.append(
      el("p", "notes-warning__text", "这台设备的浏览器没有保存笔记（存储空间已满，或浏览器禁止网页保存数据）。本次写下的内容还在本页，离开或刷新就会丢失：请现在复制或下载。"),
      button("复制全部笔记", copyAll))
    if (!inWeChat)
      warning.append(button("下载纯文本", download))
    warning.append(button("知道了", () => warning.remove()))
    const anchor = book || document.querySelector("article") || document.body
    anchor.prepend(warning)
  }

  /* ---- Export ---- */

  function placeOf(m) {
    if (data) {
      const p = data.paragraphs.find(x => x.id === m.para)
      return p && p.text.slice(m.start, m.end) === m.quote
        ? { label: p.label, reference: referenceTo(m.para) } : null
    }
    const block = document.getElementById(m.para)
    return block && block.matches(PARAGRAPHS) && speechText(block).slice(m.start, m.end) === m.quote
      ? { label: block.dataset.label, reference: referenceTo(m.para) } : null
  }

  function notebookText() {
    const order = data ? data.paragraphs.map(p => p.id) : pageBlocks().map(b => b.id)
    // The speech's title: 我的笔记's data, a section page's print masthead, or the page's h1.
    const masthead = document.querySelector(".print-masthead")
    const title = data ? data.title
      : masthead ? masthead.textContent.replace(/^《|》$/g, "") : speechText(document.querySelector("article h1"))
    return exportText(ordered(marks, order), placeOf, title, today())
  }

  function copyAll() {
    const text = notebookText()
    copyText(text).then(() => say(`已复制全部笔记，共 ${marks.length} 条`), () => say("未能复制：请改用下载或打印"))
  }

  /* UTF-8 with a BOM and CRLF line ends, as the site's other .txt downloads (speech/takeaway/downloads.py). */
  function download() {
    const blob = new Blob(["\ufeff" + notebookText().replace(/\n/g, "\r\n")], { type: "text/plain;charset=utf-8" })
    const link = el("a")
    link.href = URL.createObjectURL(blob)
    link.download = `学习笔记-${today()}.txt`
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10000)
    say("已下载笔记纯文本")
  }

  /* ---- 我的笔记 ---- */

  function showBook() {
    const list = book.querySelector(".notes-book__list")
    const texts = new Map(data.paragraphs.map(p => [p.id, p.text]))
    const places = reanchor(texts)
    const byId = new Map(data.paragraphs.map(p => [p.id, p]))
    const sorted = ordered(marks, data.paragraphs.map(p => p.id))
    const found = sorted.filter(m => places.get(m.id))
    const lost = sorted.filter(m => !places.get(m.id))
    list.replaceChildren()
    book.querySelector(".notes-book__count").textContent = marks.length
      ? `共 ${marks.length} 条笔记${lost.length ? `，其中 ${lost.length} 条未能定位` : ""}。` : "还没有笔记。在讲话各部分的页面上选中文字，或点段末的“¶”，就可以划线、写想法。"
    for (const button of book.querySelectorAll(".notes-book__actions button"))
      button.disabled = !marks.length
    const card = (m, p) => {
      const item = el("li", "notes-card")
      item.id = `biji-${m.id}`
      if (p) {
        const link = el("a", "notes-card__label", p.label)
        link.href = addressOf(p.id)
        item.append(link)
      }
      const quote = el("blockquote", "notes-card__quote read-aloud")
      quote.append(el("span", "sentence", `“${m.quote}”`))
      item.append(quote)
      const thought = el("p", "notes-card__thought read-aloud")
      if (m.thought)
        thought.append(el("span", "notes-card__key", "想法："), el("span", "sentence", m.thought))
      item.append(thought)
      if (p)
        item.append(el("p", "notes-card__cite", referenceTo(p.id)))
      const tools = el("div", "notes-card__tools")
      const what = p ? p.label : "未能定位的笔记"
      tools.append(
        button(m.thought ? "改想法" : "写想法", () => {
          tools.hidden = true
          const form = thoughtEditor(m, (saved, kept) => {
            if (saved && !kept)
              return
            showBook()
            const again = document.getElementById(`biji-${m.id}`)
            if (again)
              again.querySelector(".notes-card__tools .notes-button").focus()
            if (saved)
              say("想法已保存")
          })
          item.append(form)
          form.querySelector("textarea").focus()
        }, `${m.thought ? "改想法" : "写想法"}：${what}`),
        button("删除", () => {
          const next = item.nextElementSibling || item.previousElementSibling
          const nextId = next && next.id
          marks = marks.filter(x => x.id !== m.id)
          save()
          showBook()
          say("已删除这条笔记")
          const focus = nextId && document.getElementById(nextId)
          ;(focus ? focus.querySelector(".notes-button") : book.querySelector(".notes-book__count")).focus()
        }, `删除笔记：${what}`))
      item.append(tools)
      return item
    }
    for (const m of found)
      list.append(card(m, byId.get(m.para)))
    const lostBox = book.querySelector(".notes-book__lost")
    lostBox.hidden = !lost.length
    const lostList = lostBox.querySelector("ol")
    lostList.replaceChildren(...lost.map(m => card(m, null)))
  }

  function setUpBook() {
    const actions = book.querySelector(".notes-book__actions")
    actions.append(
      button("复制全部", copyAll, "复制全部笔记（纯文本）"),
      button("下载纯文本", download, "下载全部笔记（.txt）"),
      button("打印", () => print(), "打印全部笔记"),
      button("全部清除", () => {
        if (!confirm(`清除全部 ${marks.length} 条笔记？清除后不能恢复。`))
          return
        marks = []
        save()
        showBook()
        say("已清除全部笔记")
      }, "清除全部笔记"))
    if (inWeChat)
      actions.querySelector(".notes-button:nth-child(2)").hidden = true
    book.querySelector(".notes-book__count").tabIndex = -1
    if (!storageWorks)
      warnUnsaved()
    showBook()
  }

  /* ---- Events ---- */

  let pending = 0
  function selectionSettled() {
    clearTimeout(pending)
    pending = setTimeout(offerSelection, 150)
  }
  document.addEventListener("pointerdown", ev => {
    pointerDown = !(bar && bar.contains(ev.target))
  })
  document.addEventListener("pointercancel", () => { pointerDown = false })
  document.addEventListener("pointerup", ev => {
    if (bar && bar.contains(ev.target))
      return
    pointerDown = false
    clearTimeout(pending)
    offerSelection()                              // at once: the reader's next click is on the bar
  })
  document.addEventListener("keyup", ev => ev.shiftKey && selectionSettled())
  document.addEventListener("selectionchange", () => {
    const selection = getSelection()
    if (bar && bar.classList.contains("notes-bar--floating") && selection.isCollapsed && !bar.contains(document.activeElement))
      closeBar(false)
    // Touch: the selection handles move without a touchend on the page.
    if (!selection.isCollapsed)
      selectionSettled()
  })
  document.addEventListener("click", ev => {
    const mark = ev.target instanceof Element && ev.target.closest("mark.note-mark")
    if (mark && getSelection().isCollapsed)
      openMark(mark.dataset.notes.split(" ")[0], null)
  })
  // Another tab changed the notebook: show what it holds now.
  addEventListener("storage", ev => {
    if (ev.key !== KEY)
      return
    marks = parse(ev.newValue)
    book ? showBook() : render()
  })

  Object.assign(logic, { openParagraph, offerSelection })
  if (book)
    setUpBook()
  else
    render()
})(globalThis)
