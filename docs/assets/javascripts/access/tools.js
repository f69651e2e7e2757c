/*
 * The 无障碍 / 适老 tools (overrides/partials/access.html), loaded on first use by the inline
 * script of main.html, which also sets the remembered settings on <html> before the first paint:
 *   1. the tool row: opened from the 无障碍 entry in the header, settings kept in localStorage;
 *   2. 朗读: the browser's own speech synthesis reads the page one sentence at a time
 *      (<span class="sentence">, cut at build time by speech/markdown/sentences.py), marking the sentence
 *      it reads; 指读 (a click or keyboard focus on a paragraph while reading, ↑ / ↓ from one to
 *      the next) goes there; 朗读 · 暂停 · 停止 ride in a bar at the foot of the screen meanwhile;
 *   3. 大字幕: in that bar, the sentence being read, or the one under the pointer / focus; the page
 *      keeps the sentence read (and keyboard focus) in the part of the screen the bar leaves free;
 *   4. 配色: Material's light and dark palettes through its own inputs, and 高对比 (黑底黄字, 白底黑字)
 *      laid over either by access.css; 十字线; single-key shortcuts while the row is open.
 * On the speech's pages it reads the speech alone; on the others (术语, 编辑说明, …) their text.
 * Editorial marks (¶, note numbers, permalinks) are skipped, as everywhere on the site; the
 * editors' notes are read only when the reader asks for them.
 *
 * The build joins the parts (access/, listed in speech/plugin/scripts.py) inside one function:
 * they share its scope, this part's names first. This part: the tool row, built from a list of
 * its controls; the settings kept in localStorage and set on <html> (data-access-*), the
 * palettes, 重置.
 */
const KEY = readerSettings.storage.access        // the names: page.js, shared part
const root = document.documentElement
const row = document.getElementById("access-tools")
const entry = document.querySelector(".access-entry")
if (!row || !entry)
  return
build()
const status = row.querySelector(".access-status")
const RATES = { slow: 0.75, medium: 1, fast: 1.3 }
const FLAGS = readerSettings.switches            // also on <html>, data-access-*
const CONTRAST = readerSettings.peise            // <html data-access-peise>

/* The row's controls: groups of units, each unit a line's worth that never breaks (a label stays
   with its buttons); data-access-* says what each does (see "The controls"). */
function build() {
  const groups = [
    ["朗读", [[["action", "read", "朗读"], ["action", "pause", "暂停"], ["action", "stop", "停止"]],
              ["语速", ["rate", "slow", "慢", "语速慢"], ["rate", "medium", "中", "语速中"], ["rate", "fast", "快", "语速快"]],
              [["setting", "zhushi", "连同编者注"]]]],
    ["配色", [[["scheme", "default", "浅色"], ["scheme", "slate", "深色"], ["scheme", "heihuang", "黑底黄字"],
               ["scheme", "baihei", "白底黑字"]]]],
    ["辅助", [[["setting", "zimu", "大字幕"], ["setting", "shubiao", "特大鼠标"]],
              [["setting", "shizixian", "十字线"], ["setting", "jianyue", "简约阅读"]],
              [["action", "reset", "重置"]]]]
  ]
  const inner = document.createElement("div")
  inner.className = "access-tools__inner"
  for (const [name, units] of groups) {
    const group = document.createElement("div")
    group.className = "access-group"
    group.setAttribute("role", "group")
    group.setAttribute("aria-label", name)
    for (const controls of units) {
      const unit = document.createElement("div")
      unit.className = controls[0][1] === "read" ? "access-unit access-player" : "access-unit"
      group.append(unit)
      for (const control of controls) {
        if (typeof control === "string") {
          const label = document.createElement("span")
          label.className = "access-label"
          label.setAttribute("aria-hidden", "true")
          label.textContent = control
          unit.append(label)
          continue
        }
        const [kind, value, text, name] = control
        const button = document.createElement("button")
        button.type = "button"
        button.className = "access-button"
        button.dataset["access" + kind[0].toUpperCase() + kind.slice(1)] = value
        button.textContent = text
        if (name)
          button.setAttribute("aria-label", name)
        if (kind !== "action")
          button.setAttribute("aria-pressed", "false")
        else if (value !== "read" && value !== "reset")
          button.disabled = true
        unit.append(button)
      }
    }
    inner.append(group)
  }
  const help = document.createElement("a")
  help.className = "access-button"
  help.href = row.dataset.help
  help.textContent = "无障碍说明"
  inner.lastChild.lastChild.append(help)
  const line = document.createElement("p")
  line.className = "access-status"
  line.setAttribute("role", "status")
  inner.append(line)
  row.replaceChildren(inner)
}

/* Settings ----------------------------------------------------------------------------------- */

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {}
  } catch (storageRefused) {
    return {}
  }
}

const settings = load()

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings))
  } catch (storageRefused) { /* kept for this page only */ }
}

function set(name, value) {
  settings[name] = value
  if (FLAGS.includes(name))
    root.toggleAttribute("data-access-" + name, value === true)
  if (name === "peise" && value)
    root.setAttribute("data-access-peise", value)
  else if (name === "peise")
    root.removeAttribute("data-access-peise")
  save()
  show()
}

function say(message) {
  status.textContent = message
}

/* Material's palette: its radio inputs in the header, which it listens to and remembers. */
function palettes() {
  return [...document.querySelectorAll("input[name=__palette]")]
}

function show() {
  entry.setAttribute("aria-expanded", String(!row.hidden))
  for (const button of row.querySelectorAll("[data-access-setting]"))
    button.setAttribute("aria-pressed", String(settings[button.dataset.accessSetting] === true))
  const rate = settings.yusu in RATES ? settings.yusu : "medium"
  for (const button of row.querySelectorAll("[data-access-rate]"))
    button.setAttribute("aria-pressed", String(button.dataset.accessRate === rate))
  const scheme = shownScheme()
  for (const button of row.querySelectorAll("[data-access-scheme]"))
    button.setAttribute("aria-pressed", String(button.dataset.accessScheme === scheme))
  const reading = reader.state
  const pause = document.querySelector("[data-access-action=pause]")   // in the row or the bar
  pause.disabled = reading === "idle"
  pause.textContent = reading === "paused" ? "继续" : "暂停"
  document.querySelector("[data-access-action=stop]").disabled = reading === "idle"
  document.querySelector("[data-access-action=read]").setAttribute("aria-pressed", String(reading !== "idle"))
}

function open(value) {
  row.hidden = !value
  set("open", value)
}

/* The scheme shown: a 高对比 one, or Material's (default, slate). */
function shownScheme() {
  return root.getAttribute("data-access-peise") || document.body.getAttribute("data-md-color-scheme")
}

function choosePalette(scheme) {
  if (CONTRAST.includes(scheme)) {
    set("peise", scheme)
    return
  }
  set("peise", null)
  const input = palettes().find(el => el.getAttribute("data-md-color-scheme") === scheme)
  if (input && !input.checked)
    input.click()
}

function reset() {
  reader.stop()
  for (const name of Object.keys(settings))
    delete settings[name]
  for (const name of FLAGS.concat("peise"))
    root.removeAttribute("data-access-" + name)
  settings.open = true
  root.setAttribute("data-access-open", "")
  save()
  // 字号 and the palette are kept by their own owners (page.js, Material): reset them there.
  const zihao = document.querySelector(".zihao__option[data-zihao='']")
  if (zihao)
    zihao.click()
  try {
    localStorage.removeItem(readerSettings.storage.zihao)
  } catch (storageRefused) { /* nothing kept */ }
  const system = palettes().find(el => matchMedia(el.getAttribute("data-md-color-media")).matches)
  if (system)
    system.click()
  crosshair.update()
  caption.update()
  show()
  say("已恢复默认设置")
}
