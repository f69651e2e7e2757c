/*
 * The 打印 button on section pages and 全文, and 打印提纲 on the home page (overrides/main.html).
 */
document.addEventListener("click", function (ev) {
  if (ev.target instanceof Element && ev.target.closest("button.print-button"))
    window.print()
})

/*
 * 5. Take-away (overrides/partials/take-away.html), on each section page and on 全文:
 * - 复制本节 / 复制全文 copies the page's speech as plain text, the text of
 *   downloads/<page>.txt: the build puts it on the box (data-text, speech/takeaway/downloads.py), with
 *   a slot for the address of the page it is copied from.
 * - Inside WeChat (MicroMessenger in the user agent), whose browser blocks downloads, the
 *   download links give way to a hint to open the page in a browser; copying works there.
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

