/*
 * The notebook: read from localStorage once, kept there after every change, re-anchored against
 * the text now; and, when the browser will not keep it, the warning that offers the export.
 */
const KEY = readerSettings.storage.notes          // the names: page.js, shared part

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

/* Storage refused or full: said once a visit, with the export offered at once. */
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
