/*
 * A selection inside the speech becomes marks: the bar offered under it when the pointer lets go,
 * or once the selection has stopped changing (touch handles, Shift+arrows).
 */

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
