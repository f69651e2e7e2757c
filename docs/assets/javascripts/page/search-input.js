/*
 * Material sends a query on "keyup" only. Text that arrives without a key going up (pasted
 * with the mouse, committed by a Chinese IME on some phones, dictated) would not be searched,
 * so every "input" on the search box is passed on as a keyup.
 */
document.addEventListener("input", function (ev) {
  if (ev.target instanceof HTMLInputElement && ev.target.matches("[data-md-component=search-query]"))
    ev.target.dispatchEvent(new KeyboardEvent("keyup"))
})

