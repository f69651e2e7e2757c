/*
 * The bar: 划线 · 写想法 · 复制引用, beside a selection, a paragraph or a mark. Here the bar itself
 * and the two that open it under a paragraph: the ¶ and a mark; a selection's is in selection.js.
 */
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

function copyPassage(block, quote) {
  const text = `“${quote}”（${block.dataset.label}）\n${referenceTo(block.id)}`
  copyText(text).then(() => say("已复制引文和出处"), () => say("未能复制：请长按选择文字后复制"))
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

/* A tap on an underline opens its mark, as its sign does; not at the end of a selection. */
document.addEventListener("click", ev => {
  const mark = ev.target instanceof Element && ev.target.closest("mark.note-mark")
  if (mark && getSelection().isCollapsed)
    openMark(mark.dataset.notes.split(" ")[0], null)
})
