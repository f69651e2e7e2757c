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
 * References in GB/T 7714-2015 for an electronic resource, with the reader's own date of citing:
 *   佚名. 在市城管局系统基层党务干部培训班开班仪式上的动员讲话[EB/OL]. (2022)[2026-11-27]. https://…/yiyi.html#yiyi-3.
 * The build writes the part before the date (speech/markdown/extension.py): in data-cite on each ¶ and
 * in data-reference on the 引用本页 block at the foot of the page. Activating a ¶ (click, tap,
 * or Enter on keyboard focus) puts the paragraph's address in the address bar and copies its
 * reference; the 引用本页 block gets today's date and the page's address filled in.
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

