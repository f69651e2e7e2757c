/*
 * The export: the notebook as plain text (exportText, given each mark's label and reference from
 * 我的笔记's data or from the page), copied or downloaded.
 */
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
