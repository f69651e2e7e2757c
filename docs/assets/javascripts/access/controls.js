/*
 * The controls: the entry, the row's and the bar's buttons, single-key shortcuts while the row is
 * open; then the row as the remembered settings say.
 */
entry.addEventListener("click", () => {
  open(row.hidden)
  if (!row.hidden)
    row.querySelector("button").focus()
})

function press(ev) {
  const button = ev.target instanceof Element && ev.target.closest("button")
  if (!button)
    return
  const { accessAction: action, accessRate: rate, accessSetting: setting, accessScheme: scheme } = button.dataset
  if (action === "read")
    read()
  else if (action === "pause")
    reader.state === "paused" ? reader.resume() : reader.pause()
  else if (action === "stop")
    reader.stop()
  else if (action === "reset")
    reset()
  else if (rate) {
    set("yusu", rate)
    say("语速：" + button.textContent.trim())
  } else if (scheme) {
    choosePalette(scheme)
    say("配色：" + button.textContent.trim())
  } else if (setting) {
    set(setting, settings[setting] !== true)
    say(button.textContent.trim() + (settings[setting] ? "：开" : "：关"))
    if (setting === "zimu")
      caption.update()
    if (setting === "shizixian")
      crosshair.update()
  }
  show()
}
row.addEventListener("click", press)
dock.el.addEventListener("click", press)

/* Material's own toggle in the header goes from one of its palettes to the other: that is the
   reader leaving 高对比 too. Keep the buttons in step. */
document.addEventListener("change", ev => {
  if (ev.target instanceof HTMLInputElement && ev.target.name === "__palette")
    set("peise", null)
})
new MutationObserver(show).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] })

/* Shortcuts: Escape stops reading; single keys only while the row is open, never in a text
   field or with a modifier (those belong to the browser and to screen readers). */
const SHORTCUTS = {
  k: read,
  j: () => row.querySelector("[data-access-setting=jianyue]").click(),
  g: () => {
    const schemes = [...row.querySelectorAll("[data-access-scheme]")].map(b => b.dataset.accessScheme)
    choosePalette(schemes[(schemes.indexOf(shownScheme()) + 1) % schemes.length])
    say("配色：" + row.querySelector(`[data-access-scheme=${shownScheme()}]`).textContent)
  }
}
document.addEventListener("keydown", ev => {
  if (ev.key === "Escape" && reader.state !== "idle") {
    reader.stop()
    return
  }
  const onText = named.includes(document.activeElement) || dock.el.contains(document.activeElement)
  if (reader.state !== "idle" && onText && (ev.key === "ArrowDown" || ev.key === "ArrowUp") &&
      !ev.ctrlKey && !ev.altKey && !ev.metaKey && !ev.shiftKey) {
    ev.preventDefault()
    step(ev.key === "ArrowDown" ? 1 : -1)
    return
  }
  const field = ev.target instanceof Element && ev.target.closest("input, textarea, select, [contenteditable]")
  const action = SHORTCUTS[ev.key.toLowerCase()]
  if (row.hidden || field || ev.ctrlKey || ev.altKey || ev.metaKey || !action)
    return
  ev.preventDefault()
  ev.stopPropagation()
  action()
}, true)

/* Leaving the page stops reading (some browsers go on speaking otherwise). */
addEventListener("pagehide", () => reader.stop())

const observeReading = new MutationObserver(() => focusable(root.hasAttribute("data-access-reading")))
observeReading.observe(root, { attributes: true, attributeFilter: ["data-access-reading"] })
addEventListener("resize", () => dock.fit(), { passive: true })

/* Opened by the first click on the entry (main.html sets data-access-open), or remembered open. */
row.hidden = !root.hasAttribute("data-access-open")
if (!row.hidden && settings.open !== true)
  set("open", true)
crosshair.update()
caption.update()
show()
if (!row.hidden && document.activeElement === entry)
  row.querySelector("button").focus()
