/*
 * Paragraph permalinks: activating the ¶ after a paragraph (click, tap, or Enter on keyboard
 * focus) puts the paragraph's address in the address bar and copies a citation:
 *   《title》 · 一、培训的意义 · 第 3 段 · https://…/yiyi.html#yiyi-3
 * hooks/paragraph_links.py writes the marks with the citation text in data-cite.
 */
(function () {
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
