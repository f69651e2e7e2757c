/*
 * A glossary term, tapped or focused, shows its explanation in a card at the foot of the screen
 * (screen.css, abbr.term:focus::after). When the page's footer (上一页 / 下一页) is in view the
 * card stands above it (--term-card-lift), so that it never covers the way on. A tap elsewhere
 * takes the focus away, and so the card; scrolling on and Escape close it too. The scroll that
 * brings a focused term into view (Tab) does not count: only scrolling once the card is shown.
 */
;(function () {
  "use strict"
  const footer = document.querySelector(".md-footer")
  let shownAt = Infinity             // when the card was shown, and the page settled
  const isTerm = el => el && el.matches("abbr.term")
  const close = () => isTerm(document.activeElement) && document.activeElement.blur()

  document.addEventListener("focusin", function (ev) {
    if (!isTerm(ev.target))
      return
    const lift = footer ? Math.max(0, innerHeight - footer.getBoundingClientRect().top) : 0
    document.documentElement.style.setProperty("--term-card-lift", `${lift}px`)
    shownAt = performance.now() + 300
  })
  addEventListener("scroll", () => performance.now() > shownAt && close(), { passive: true })
  document.addEventListener("keydown", ev => ev.key === "Escape" && close())
})()

