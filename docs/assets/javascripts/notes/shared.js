/*
 * What the page's parts share: where the speech's paragraphs are and their speech text, a
 * paragraph's address and reference, and the few element makers (text only, never markup).
 */
const PARAGRAPHS = "article p.speech[id][data-label]"
const script = document.currentScript
const siteRoot = new URL("../../", script ? script.src : location.href)
const book = document.querySelector(".notes-book")
const data = book ? JSON.parse(book.querySelector(".notes-data").textContent) : null
const inWeChat = /MicroMessenger/i.test(navigator.userAgent)

function el(tag, className, text) {
  const element = document.createElement(tag)
  if (className)
    element.className = className
  if (text !== undefined)
    element.textContent = text
  return element
}

function button(text, action, label) {
  const b = el("button", "notes-button", text)
  b.type = "button"
  if (label)
    b.setAttribute("aria-label", label)
  b.addEventListener("click", action)
  return b
}

function say(message) {
  if (typeof tell === "function")
    tell(message)                              // page.js: Material's status line
}

/* A paragraph's speech text nodes, in order, editorial marks (and our own signs) left out. */
const textNodes = block => speechTextNodes(block)

const speechText = block => textNodes(block).map(n => n.data).join("")

/* The speech-text offset of a boundary point (container, offset) in `block`. */
function offsetOf(block, container, offset) {
  const before = document.createRange()
  before.setStart(block, 0)
  before.setEnd(container, offset)
  let count = 0
  for (const node of textNodes(block)) {
    if (node === container)
      return count + offset
    if (!before.intersectsNode(node))
      break
    count += node.length
  }
  return count
}

/* The paragraphs of this page, with their texts (reading order). */
const pageBlocks = () => [...document.querySelectorAll(PARAGRAPHS)]

function pageTexts() {
  const texts = new Map()
  for (const block of pageBlocks())
    if (!texts.has(block.id))
      texts.set(block.id, speechText(block))
  return texts
}

const sectionOf = id => id.replace(/-\d+$/, "")

/* A paragraph's address on its own page (yiyi-3: yiyi.html#yiyi-3; the opening: index.html),
   also from 全文, which shows every paragraph again under the same ids. */
function addressOf(id) {
  const known = data && data.paragraphs.find(p => p.id === id)
  const page = known ? known.page : id.startsWith("kaichang-") ? "index.html" : `${sectionOf(id)}.html`
  return new URL(`${page}#${id}`, siteRoot).href
}

/* GB/T 7714, as the ¶ copies it: page.js's reference, from the build's start of it. */
const referenceStart = () => data ? data.reference : document.querySelector("a.para-link").dataset.cite
const referenceTo = id => reference(referenceStart(), addressOf(id))
