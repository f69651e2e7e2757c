/*
 * 字号 (overrides/partials/zihao.html): a button sets <html data-zihao>, which screen.css
 * scales the text by, and keeps the choice in localStorage, which main.html reads before the
 * first paint of every later page (from disk too). aria-pressed tells a screen reader which
 * size is on; the status line says it once more.
 */
;(function () {
  "use strict"
  const KEY = readerSettings.storage.zihao
  const options = document.querySelectorAll(".zihao__option")

  function show(value) {
    for (const option of options)
      option.setAttribute("aria-pressed", String(option.dataset.zihao === value))
  }

  show(document.documentElement.getAttribute("data-zihao") || "")
  for (const option of options)
    option.addEventListener("click", function () {
      const value = option.dataset.zihao
      if (value)
        document.documentElement.setAttribute("data-zihao", value)
      else
        document.documentElement.removeAttribute("data-zihao")
      try {
        if (value)
          localStorage.setItem(KEY, value)
        else
          localStorage.removeItem(KEY)
      } catch (storageRefused) { /* chosen for this page only */ }
      show(value)
      tell(`字号：${option.textContent.trim()}`)
    })
})()

