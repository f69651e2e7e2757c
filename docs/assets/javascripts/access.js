/*
 * The 无障碍 / 适老 tools (overrides/partials/access.html), loaded on first use by the inline
 * script of main.html, which also sets the remembered settings on <html> before the first paint:
 *   1. the tool row: opened from the 无障碍 entry in the header, settings kept in localStorage;
 *   2. 朗读: the browser's own speech synthesis reads the page's speech one sentence at a time
 *      (<span class="sentence">, cut at build time by speech/sentences.py), marking the sentence
 *      it reads; 指读 (a click or keyboard focus on a paragraph while reading) goes there;
 *   3. 大字幕: a caption bar with the sentence being read, or the one under the pointer / focus;
 *   4. 配色: Material's light and dark palettes through its own inputs, and 高对比 (黑底黄字, 白底黑字)
 *      laid over either by access.css; 十字线; single-key shortcuts while the row is open.
 * What it reads is the speech alone: editorial marks (¶, note numbers, permalinks) are skipped,
 * as everywhere on the site; the editors' notes only when the reader asks for them.
 */
;(function () {
  "use strict"
  const KEY = "jianghua.access"
  const root = document.documentElement
  const row = document.getElementById("access-tools")
  const entry = document.querySelector(".access-entry")
  if (!row || !entry)
    return
  build()
  const status = row.querySelector(".access-status")
  const RATES = { slow: 0.75, medium: 1, fast: 1.3 }
  const FLAGS = ["zimu", "shubiao", "shizixian", "jianyue", "open"]   // also on <html>, data-access-*
  const CONTRAST = ["heihuang", "baihei"]                              // <html data-access-peise>

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
        unit.className = "access-unit"
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
    const pause = row.querySelector("[data-access-action=pause]")
    pause.disabled = reading === "idle"
    pause.textContent = reading === "paused" ? "继续" : "暂停"
    row.querySelector("[data-access-action=stop]").disabled = reading === "idle"
    row.querySelector("[data-access-action=read]").setAttribute("aria-pressed", String(reading !== "idle"))
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
      localStorage.removeItem("jianghua.zihao")
    } catch (storageRefused) { /* nothing kept */ }
    const system = palettes().find(el => matchMedia(el.getAttribute("data-md-color-media")).matches)
    if (system)
      system.click()
    crosshair.update()
    caption.update()
    show()
    say("已恢复默认设置")
  }

  /* 朗读 ---------------------------------------------------------------------------------------- */

  const EDITORIAL = ".editorial"
  const article = document.querySelector("article")

  /* The words of an element: its text without editorial marks. */
  function words(el) {
    let text = ""
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: node => node.parentElement.closest(EDITORIAL) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
    })
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      text += node.data
    return text
  }

  /* What is read, in order: the sentences of the speech, then (if asked) the editors' notes. On
     我的笔记, a reader's passages and thoughts (.read-aloud, notes.js). */
  function readable() {
    if (!article)
      return []
    const items = [...article.querySelectorAll(".speech .sentence, .read-aloud .sentence")]
    if (settings.zhushi === true)
      for (const note of article.querySelectorAll(".footnote li")) {
        const copy = note.cloneNode(true)
        copy.querySelectorAll(".footnote-backref").forEach(a => a.remove())
        note.dataset.accessText = "编者注：" + copy.textContent.trim()
        items.push(note)
      }
    return items
  }

  function textOf(item) {
    return item.dataset.accessText || words(item)
  }

  const reader = {
    state: "idle",            // idle, reading, paused
    items: [],
    at: 0,
    voice: null,

    /* The reason this browser cannot read, or "" when it can. */
    unable() {
      if (!window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function")
        return /MicroMessenger/i.test(navigator.userAgent)
          ? "微信内置浏览器不能朗读。请点右上角“···”，选择“在浏览器打开”后再点“朗读”。"
          : "这个浏览器不能朗读。请换用系统自带的浏览器（如 Edge、Safari、Chrome）打开本页。"
      const voices = speechSynthesis.getVoices()
      this.voice = voices.find(v => /^zh[-_]CN/i.test(v.lang)) || voices.find(v => /^(zh|cmn)/i.test(v.lang)) || null
      if (!this.voice)
        return "这台设备没有中文语音，不能朗读。请在系统设置的“语音”或“文字转语音”中添加中文（普通话）语音，或换一个浏览器打开本页。"
      return ""
    },

    /* Voices may arrive a moment after the page loads (Chrome): wait for them once, briefly. */
    ready() {
      if (!window.speechSynthesis || speechSynthesis.getVoices().length)
        return Promise.resolve()
      return new Promise(resolve => {
        speechSynthesis.addEventListener("voiceschanged", resolve, { once: true })
        setTimeout(resolve, 1500)
      })
    },

    start(from) {
      return this.ready().then(() => {
        const problem = this.unable()
        if (problem) {
          say(problem)
          return
        }
        this.items = readable()
        if (!this.items.length) {
          say("本页没有讲话正文可以朗读。")
          return
        }
        const index = from ? this.items.indexOf(from) : 0
        this.at = Math.max(0, index)
        this.state = "reading"
        root.setAttribute("data-access-reading", "")
        say("开始朗读")
        this.speak()
      })
    },

    speak() {
      speechSynthesis.cancel()
      this.mark()
      if (this.at >= this.items.length) {
        this.stop()
        say("朗读完毕")
        return
      }
      const item = this.items[this.at]
      const utterance = new SpeechSynthesisUtterance(textOf(item))
      utterance.lang = this.voice.lang
      utterance.voice = this.voice
      utterance.rate = RATES[settings.yusu] || 1
      utterance.addEventListener("end", () => {
        if (this.state === "reading" && this.items[this.at] === item) {
          this.at += 1
          this.speak()
        }
      })
      utterance.addEventListener("error", ev => {
        if (this.state === "reading" && this.items[this.at] === item && !/interrupted|canceled/.test(ev.error)) {
          this.stop()
          say("朗读中断了（" + ev.error + "）。请再点“朗读”试一次。")
        }
      })
      speechSynthesis.speak(utterance)
    },

    /* The sentence being read: marked, kept in view above the caption bar, and captioned. */
    mark() {
      for (const el of document.querySelectorAll(".is-reading"))
        el.classList.remove("is-reading")
      const item = this.state === "idle" ? null : this.items[this.at]
      caption.update()
      if (item) {
        item.classList.add("is-reading")
        const box = item.getBoundingClientRect()
        if (box.top < 60 || box.bottom > innerHeight - caption.height()) {
          item.scrollIntoView({ block: "center" })
          caption.update()
        }
      }
    },

    /* Pausing cancels and resuming reads the sentence again from its start: speechSynthesis.pause()
       is unreliable on Android and some desktop voices. */
    pause() {
      if (this.state !== "reading")
        return
      this.state = "paused"
      speechSynthesis.cancel()
      say("已暂停")
      show()
    },

    resume() {
      if (this.state !== "paused")
        return
      this.state = "reading"
      say("继续朗读")
      this.speak()
      show()
    },

    stop() {
      if (this.state === "idle")
        return
      this.state = "idle"
      if (window.speechSynthesis)
        speechSynthesis.cancel()
      root.removeAttribute("data-access-reading")
      this.mark()
      say("已停止朗读")
      show()
    }
  }

  function read() {
    if (reader.state === "reading")
      reader.pause()
    else if (reader.state === "paused")
      reader.resume()
    else
      reader.start().then(show)
  }

  /* 指读: while reading, a click on the speech (or keyboard focus on a block) reads from there. */
  function pointAt(target, sentence) {
    if (reader.state === "idle" || !(target instanceof Element) || target.closest("a, button, abbr, " + EDITORIAL))
      return
    const block = target.closest(".speech")
    if (!block)
      return
    const from = sentence && target.closest(".sentence") || block.querySelector(".sentence")
    if (from && from !== reader.items[reader.at]) {
      reader.state = "reading"
      reader.at = reader.items.indexOf(from)
      reader.speak()
      show()
    }
  }

  let pointerDown = false      // focus that comes with a click: the click says where, to the sentence
  document.addEventListener("pointerdown", () => { pointerDown = true })
  document.addEventListener("keydown", () => { pointerDown = false })
  document.addEventListener("click", ev => {
    pointerDown = false
    pointAt(ev.target, true)
  })
  document.addEventListener("focusin", ev => {
    if (!pointerDown)
      pointAt(ev.target, false)
    caption.update(ev.target)
  })

  /* Speech blocks take keyboard focus while reading, so that Tab can choose where to read from. */
  function focusable(on) {
    for (const block of document.querySelectorAll("article .speech"))
      if (on)
        block.setAttribute("tabindex", "0")
      else
        block.removeAttribute("tabindex")
  }

  /* 大字幕 -------------------------------------------------------------------------------------- */

  const caption = {
    bar: null,

    height() {
      return this.bar && !this.bar.hidden ? this.bar.offsetHeight : 0
    },

    /* Show the sentence being read; else, not reading, the sentence pointed at or focused, if any:
       one sentence or nothing, never a stale one. */
    update(pointed) {
      if (settings.zimu !== true) {
        if (this.bar)
          this.bar.hidden = true
        return
      }
      if (!this.bar) {
        this.bar = document.createElement("div")
        this.bar.className = "access-caption"
        this.bar.setAttribute("aria-hidden", "true")   // a visual aid: screen readers read the page itself
        document.body.appendChild(this.bar)
      }
      let item = reader.state !== "idle" ? reader.items[reader.at] : null
      if (!item && pointed instanceof Element)
        item = pointed.closest(".speech .sentence")
      this.item = undefined                            // shown and placed again, wherever it is now
      this.show(item || null)
    },

    show(item) {
      if (!this.bar || item === this.item && this.bar.hidden === !item)
        return
      this.item = item
      this.bar.textContent = item ? textOf(item) : ""
      this.bar.hidden = !item
      if (item)
        this.place(item)
    },

    /* Never over the text it shows: at the foot of the screen, else at the top, else wherever it
       covers less of it. */
    place(item) {
      const box = item.getBoundingClientRect()
      const overlap = top => {
        this.bar.classList.toggle("access-caption--top", top)
        const bar = this.bar.getBoundingClientRect()
        return Math.max(0, Math.min(bar.bottom, box.bottom) - Math.max(bar.top, box.top))
      }
      const below = overlap(false)
      if (below > 0)
        overlap(overlap(true) > below ? false : true)
    }
  }

  /* The sentence at a point of the speech; between two lines, the one of the line nearest. */
  function sentenceAt(target, x, y) {
    if (!(target instanceof Element) || !target.closest(".speech"))
      return null
    const sentence = target.closest(".sentence")
    if (sentence)
      return sentence
    const caret = document.caretPositionFromPoint ? document.caretPositionFromPoint(x, y)
      : document.caretRangeFromPoint && document.caretRangeFromPoint(x, y)
    const node = caret && (caret.offsetNode || caret.startContainer)
    const el = node && (node instanceof Element ? node : node.parentElement)
    return el && target.contains(el) && el.closest(".sentence") || null
  }

  /* 指读 without reading: the sentence under the pointer (a mouse's, or a finger's tap). */
  for (const type of ["pointerover", "pointermove"])
    document.addEventListener(type, ev => {
      if (reader.state === "idle" && settings.zimu === true && (type === "pointerover" || ev.pointerType !== "touch"))
        caption.show(sentenceAt(ev.target, ev.clientX, ev.clientY))
    })

  /* 十字线 -------------------------------------------------------------------------------------- */

  const crosshair = {
    lines: null,
    update() {
      const on = settings.shizixian === true
      if (on && !this.lines) {
        this.lines = ["x", "y"].map(axis => {
          const line = document.createElement("div")
          line.className = "access-crosshair access-crosshair--" + axis
          line.setAttribute("aria-hidden", "true")
          document.body.appendChild(line)
          return line
        })
      }
      if (this.lines)
        this.lines.forEach(line => { line.hidden = !on })
    }
  }

  document.addEventListener("pointermove", ev => {
    if (!crosshair.lines || settings.shizixian !== true)
      return
    crosshair.lines[0].style.transform = `translateY(${ev.clientY}px)`    // CSSOM: allowed by the CSP
    crosshair.lines[1].style.transform = `translateX(${ev.clientX}px)`
  })

  /* The controls --------------------------------------------------------------------------------- */

  entry.addEventListener("click", () => {
    open(row.hidden)
    if (!row.hidden)
      row.querySelector("button").focus()
  })

  row.addEventListener("click", ev => {
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
  })

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

  /* Opened by the first click on the entry (main.html sets data-access-open), or remembered open. */
  row.hidden = !root.hasAttribute("data-access-open")
  if (!row.hidden && settings.open !== true)
    set("open", true)
  crosshair.update()
  caption.update()
  show()
  if (!row.hidden && document.activeElement === entry)
    row.querySelector("button").focus()
})()
