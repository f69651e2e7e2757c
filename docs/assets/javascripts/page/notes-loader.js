/*
 * 学习笔记 (notes.js, notes.css; design/notes.md): marks on the speech and a reader's thoughts,
 * listed on 我的笔记. The code loads on first use only: a selection inside the speech, a ¶,
 * the 我的笔记 page, or a page visited by a reader who has marks; a first visit loads none of it.
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
    stored = localStorage.getItem(readerSettings.storage.notes)
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

