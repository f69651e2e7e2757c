/*
 * What the page's scripts share (the parts of page.js, joined by the build in the order
 * speech/plugin/scripts.py lists; access.js and notes.js, loaded later, use it too). Each part
 * does one job. No page has an inline script handler (onclick=…): the site's
 * Content-Security-Policy forbids them (speech/plugin/hosting.py).
 */

/* The reader's settings, named once (speech/plugin/reader_settings.py) and written into every page
   as data by main.html: the localStorage keys (storage.zihao, .access, .notes), the 字号 values
   beside the default, the 高对比 palettes and the on/off 无障碍 settings. */
const readerSettings = JSON.parse(document.getElementById("reader-settings").textContent)

/* Every mark the site adds inside the speech (¶, note numbers, permalinks) carries this class
   (speech/edition/model.py, EDITORIAL): what reads the speech back off the page skips it. */
const EDITORIAL = ".editorial"

/* The text nodes of an element in document order, those inside `skip` (editorial marks) left out:
   the one walker the search marks, 朗读 and 学习笔记 read the speech with. */
function speechTextNodes(element, skip = EDITORIAL) {
  const nodes = []
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: node => node.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
  })
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    nodes.push(node)
  return nodes
}

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

