/*
 * The bar at the foot of the screen: 朗读 · 暂停 · 停止 while reading, and 大字幕, the sentence being
 * read or the one under the pointer / focus.
 */

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
