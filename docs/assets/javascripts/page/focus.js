/*
 * Keyboard focus never lands on what cannot be seen (WCAG 2.4.7, 2.4.11). On a narrow screen
 * Material keeps the closed drawer's navigation off screen, yet Tab reached its links: it is
 * inert while closed. Its opener in the header is a label, which Tab does not reach: a button
 * takes its place on the screens where it shows, opens the drawer with the focus in it, and
 * Escape closes it again, the focus back on the button. The search box
 * opens when it takes focus; Tab on past it closes it again (its results would cover the page
 * behind), and its results box takes focus only when it holds results. A focused element is
 * scrolled clear of the sticky header: scroll-padding-top is the header's height (the 无障碍
 * tools add their bar at the foot, as scroll-padding-bottom, in access/caption.js).
 */
;(function () {
  "use strict"
  const root = document.documentElement
  const header = document.querySelector(".md-header")
  const drawer = document.getElementById("__drawer")
  const navigation = document.querySelector(".md-sidebar--primary")
  const narrow = matchMedia("(max-width: 76.234375em)")      // Material's drawer, off screen when closed
  const label = header && header.querySelector('label.md-header__button[for="__drawer"]')
  let opener = null

  if (drawer && label) {
    opener = document.createElement("button")
    opener.type = "button"
    opener.className = "md-header__button md-icon header-opener"
    opener.setAttribute("aria-label", "导航")
    opener.append(...[...label.childNodes].map(node => node.cloneNode(true)))
    opener.addEventListener("click", () => {
      drawer.click()                           // its change event lifts inert first (below)
      const first = drawer.checked && navigation && navigation.querySelector("a[href]")
      if (first)
        first.focus()                          // into the drawer, as a menu opens
    })
    label.before(opener)
    label.style.display = "none"               // CSSOM: allowed by the CSP
  }

  function sync() {
    if (drawer && navigation)
      navigation.inert = narrow.matches && !drawer.checked
    if (opener) {
      opener.hidden = !narrow.matches
      opener.setAttribute("aria-expanded", String(drawer.checked))
    }
    if (header)
      root.style.scrollPaddingTop = `${header.offsetHeight}px`
  }

  narrow.addEventListener("change", sync)
  document.addEventListener("change", ev => ev.target === drawer && sync(), true)   // before Material's
  document.addEventListener("keydown", ev => {
    if (ev.key === "Escape" && drawer && drawer.checked) {
      drawer.click()
      if (opener)
        opener.focus()
    }
  })
  const search = document.getElementById("__search")
  const searchBox = document.querySelector(".md-search")
  document.addEventListener("focusin", ev => {
    if (search && searchBox && search.checked && !searchBox.contains(ev.target))
      search.click()
  })
  const output = document.querySelector(".md-search__output")
  const results = document.querySelector(".md-search-result__list")
  if (output && results)
    new MutationObserver(() => { output.inert = !results.children.length })
      .observe(results, { childList: true })
  if (output)
    output.inert = !(results && results.children.length)
  // The palette toggle: a radio per scheme, each shown by the label after it, one label at a time.
  // No radio need be checked, so Tab could stop on the one whose label is hidden: only the radio
  // with the shown label takes focus (Material flips the labels' hidden attribute on a change).
  const palettes = [...document.querySelectorAll("input.md-option[name=__palette]")]
  const syncPalettes = () => palettes.forEach(input => {
    const label = input.nextElementSibling
    input.tabIndex = label && label.hidden ? -1 : 0
  })
  palettes.forEach(input => input.nextElementSibling &&
    new MutationObserver(syncPalettes).observe(input.nextElementSibling, { attributes: true, attributeFilter: ["hidden"] }))
  syncPalettes()
  addEventListener("resize", sync, { passive: true })
  sync()
})()
