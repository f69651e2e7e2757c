/*
 * 朗读: the browser's own speech synthesis reads the page one sentence at a time
 * (<span class="sentence">, cut at build time by speech/markdown/sentences.py), marking the sentence
 * it reads; 指读 (a click or keyboard focus on a paragraph while reading, ↑ / ↓ from one to
 * the next) goes there.
 */
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
