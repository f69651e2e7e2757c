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
 */
;(function () {
  "use strict"
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

  /* 朗读 ---------------------------------------------------------------------------------------- */

  const article = document.querySelector("article")

  /* The words of an element: its text without editorial marks. */
  const words = el => speechTextNodes(el).map(node => node.data).join("")

  /* What is read, in order: the sentences of the speech on its pages, of a reader's notes on
     我的笔记, of the text on the others,
     then (if asked) the editors' notes, which name themselves (编者注：…). */
  function readable() {
    if (!article)
      return []
    const sentences = [...article.querySelectorAll(".sentence")]
    // The speech on its pages, a reader's passages and thoughts on 我的笔记 (notes.js), else all.
    const main = [".speech", ".read-aloud"].find(selector => article.querySelector(selector))
    const note = s => s.closest(".footnote")
    const items = sentences.filter(s => !note(s) && (!main || s.closest(main)))
    return settings.zhushi === true ? items.concat(sentences.filter(note)) : items
  }

  /* The block a sentence belongs to: what 指读 and ↑ / ↓ go to. */
  const BLOCK = ".speech, h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td"
  const blockOf = sentence => sentence.closest(BLOCK)

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
          say("本页没有可以朗读的文字。")
          return
        }
        const index = from ? this.items.indexOf(from) : 0
        this.at = Math.max(0, index)
        this.state = "reading"
        root.setAttribute("data-access-reading", "")
        dock.update()
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
      const utterance = new SpeechSynthesisUtterance(words(item))
      utterance.lang = this.voice.lang
      utterance.voice = this.voice
      utterance.rate = RATES[settings.yusu] || 1
      utterance.addEventListener("boundary", ev => caption.follow(ev.charIndex / utterance.text.length))
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

    /* The sentence being read: marked, captioned, and kept in the part of the screen between
       the header and the bar at the foot. */
    mark() {
      for (const el of document.querySelectorAll(".is-reading"))
        el.classList.remove("is-reading")
      const item = this.state === "idle" ? null : this.items[this.at]
      if (item)
        item.classList.add("is-reading")
      caption.update()
      if (item)
        dock.keepInView(item)
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

    /* Stopped by 停止, Escape, the end of the page or leaving it. Focus on a control that goes
       (暂停, 停止: disabled now) moves to the one that acts now, 朗读. */
    stop() {
      if (this.state === "idle")
        return
      const player = document.querySelector(".access-player")
      const wasOnPlayer = player.contains(document.activeElement)
      this.state = "idle"
      if (window.speechSynthesis)
        speechSynthesis.cancel()
      root.removeAttribute("data-access-reading")
      this.mark()
      dock.update()
      say("已停止朗读")
      show()
      if (wasOnPlayer)
        player.querySelector("[data-access-action=read]").focus()
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

  /* 指读: while reading, a click on the text (or keyboard focus on a block) reads from there. */
  function pointAt(target, sentence) {
    if (reader.state === "idle" || !(target instanceof Element) || target.closest("a, button, abbr, " + EDITORIAL))
      return
    const block = target.closest(BLOCK)
    const from = sentence && target.closest(".sentence") ||
      reader.items.find(item => block && blockOf(item) === block)
    if (from && reader.items.includes(from) && from !== reader.items[reader.at]) {
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

  /* While reading, the blocks read take keyboard focus, so that Tab (or ↑ / ↓) can choose where
     to read from; each is named for what it does: 从这里朗读：一、培训的意义 第 3 段 (the
     model's label), or the block's first words off the speech. A paragraph is a group for that
     while: ARIA gives a paragraph no name. The one focused when reading stops keeps its focus. */
  let named = []

  function focusable(on) {
    for (const block of named) {
      block.removeAttribute("aria-label")
      if (block.getAttribute("role") === "group")
        block.removeAttribute("role")
      if (block === document.activeElement) {
        block.setAttribute("tabindex", "-1")
        block.addEventListener("blur", () => block.removeAttribute("tabindex"), { once: true })
      } else
        block.removeAttribute("tabindex")
    }
    named = on ? [...new Set(reader.items.map(blockOf).filter(Boolean))] : []
    for (const block of named) {
      const label = block.dataset.label || words(block).trim().slice(0, 16)
      block.setAttribute("tabindex", "0")
      block.setAttribute("aria-label", "从这里朗读：" + label)
      if (block.tagName === "P")
        block.setAttribute("role", "group")
    }
  }

  /* ↑ / ↓ while reading: the previous / next block, read from its start. Only with the focus on
     a block read or on the bar at the foot (elsewhere the arrows scroll, as always). */
  function step(by) {
    const current = blockOf(reader.items[reader.at])
    const at = named.indexOf(named.includes(document.activeElement) ? document.activeElement : current)
    const next = named[Math.min(named.length - 1, Math.max(0, at + by))]
    if (next) {
      pointerDown = false
      next.focus()                     // focusin: 指读 from there
    }
  }

  /* The bar at the foot: 大字幕 and, while reading, 朗读 · 暂停 · 停止 ----------------------------- */

  /* It lies over the page, at the foot, under the header; the page keeps the sentence read (and
     keyboard focus: scroll-padding) in the part of the screen between the two, and has room below
     its end for the last lines to rise above the bar. */
  const dock = {
    el: document.createElement("div"),
    home: null,                      // where the player unit goes back to in the tool row

    /* In the page's order after the header: Tab goes from its buttons on to the text. */
    init() {
      this.el.className = "access-dock"
      this.el.hidden = true
      const header = document.querySelector(".md-header")
      if (header)
        header.after(this.el)
      else
        document.body.prepend(this.el)
    },

    headerBottom() {
      const header = document.querySelector(".md-header")
      return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0
    },

    /* The player rides in the bar while reading (the same buttons: one Tab stop each, focus kept). */
    update() {
      const player = document.querySelector(".access-player")
      const reading = reader.state !== "idle"
      this.el.hidden = !reading && !(caption.bar && !caption.bar.hidden)    // shown first: focus kept in it
      if (reading)
        this.atFoot()
      if (player && reading && player.parentElement !== this.el) {
        this.home = [player.parentElement, player.nextSibling]
        this.move(player, () => this.el.prepend(player))
      } else if (player && !reading && player.parentElement === this.el && this.home) {
        const [parent, next] = this.home
        this.move(player, () => parent.insertBefore(player, next))
      }
      this.fit()
    },

    atFoot() {
      this.el.classList.remove("access-dock--top")
      this.el.style.top = ""
    },

    move(player, put) {
      const focused = player.contains(document.activeElement) ? document.activeElement : null
      put()
      if (focused)
        focused.focus({ preventScroll: true })
    },

    /* The caption gets what room the sentence read leaves it (at least a line); what does not fit
       scrolls within the bar, following the voice. The bar's height is the page's reserve. */
    fit(item) {
      if (caption.bar && !caption.bar.hidden) {
        const sentence = item || reader.state !== "idle" && reader.items[reader.at]
        const others = this.el.offsetHeight - caption.bar.offsetHeight
        const line = parseFloat(getComputedStyle(caption.bar).lineHeight) + 16
        const free = innerHeight - this.headerBottom() - others - 16 -
          (sentence ? sentence.getBoundingClientRect().height : 0)
        caption.bar.style.maxHeight = `${Math.max(line, Math.min(free, innerHeight * 0.4))}px`   // CSSOM
      }
      const height = this.el.hidden ? 0 : this.el.offsetHeight
      root.style.setProperty("--access-dock", `${height}px`)
      root.style.scrollPaddingBottom = `${height}px`
    },

    /* Scroll the page, if need be, so that the item lies between the header and the bar. */
    keepInView(item) {
      this.fit(item)
      const top = this.headerBottom() + 8
      const bottom = innerHeight - (this.el.hidden ? 0 : this.el.offsetHeight) - 8
      const box = item.getBoundingClientRect()
      if (box.top >= top && box.bottom <= bottom)
        return
      const room = bottom - top
      scrollBy(0, box.top - top - Math.max(0, (room - box.height) / 2))
    }
  }
  dock.init()

  const caption = {
    bar: null,

    /* Show the sentence being read; else, not reading, the sentence pointed at or focused, if any:
       one sentence or nothing, never a stale one. */
    update(pointed) {
      if (settings.zimu !== true) {
        if (this.bar)
          this.bar.hidden = true
        dock.update()
        return
      }
      if (!this.bar) {
        this.bar = document.createElement("div")
        this.bar.className = "access-caption"
        this.bar.setAttribute("aria-hidden", "true")   // a visual aid: screen readers read the page itself
        dock.el.appendChild(this.bar)
      }
      let item = reader.state !== "idle" ? reader.items[reader.at] : null
      if (!item && pointed instanceof Element)
        item = pointed.closest(".sentence")
      this.item = undefined                            // shown and placed again, wherever it is now
      this.show(item || null)
    },

    show(item) {
      if (!this.bar || item === this.item && this.bar.hidden === !item)
        return
      this.item = item
      this.bar.textContent = item ? words(item) : ""
      this.bar.hidden = !item
      this.bar.scrollTop = 0
      dock.update()
      if (item && reader.state === "idle")
        this.place(item)
    },

    /* Pointed at, not reading: the page is not scrolled under the reader's pointer, so the bar
       moves up (under the header) when the sentence is down where it lies. */
    place(item) {
      const box = item.getBoundingClientRect()
      const covered = () => {
        const bar = dock.el.getBoundingClientRect()
        return Math.max(0, Math.min(bar.bottom, box.bottom) - Math.max(bar.top, box.top))
      }
      dock.atFoot()
      const below = covered()
      if (below > 0) {
        dock.el.classList.add("access-dock--top")
        dock.el.style.top = `${dock.headerBottom()}px`     // CSSOM: allowed by the CSP
        if (covered() > below)
          dock.atFoot()
      }
    },

    /* The voice's place in the sentence (0 to 1), where the browser tells it: a long caption
       scrolls along. */
    follow(fraction) {
      if (this.bar && !this.bar.hidden && this.bar.scrollHeight > this.bar.clientHeight)
        this.bar.scrollTop = Math.max(0, fraction * this.bar.scrollHeight - this.bar.clientHeight / 3)
    }
  }

  /* The sentence at a point of the speech; between two lines, the one of the line nearest. */
  function sentenceAt(target, x, y) {
    if (!(target instanceof Element) || !article || !article.contains(target) || !target.closest(BLOCK))
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
})()
