/*
 * Marks on the speech: drawn as underlines where they are found, made and removed (each change
 * stored, then the page drawn again).
 */
function unwrapMarks() {
  for (const sign of document.querySelectorAll("article .note-sign"))
    sign.remove()
  for (const mark of document.querySelectorAll("article mark.note-mark")) {
    const parent = mark.parentNode
    mark.replaceWith(...mark.childNodes)
    parent.normalize()
  }
}

/* Underline every mark found on this page: each stretch of speech text under one or more marks
   becomes a <mark>, text nodes split where a stretch begins or ends; a mark with a thought gets
   a small button after its last stretch that opens it (editorial: not read as speech). */
function render() {
  unwrapMarks()
  const places = reanchor(pageTexts())
  for (const block of pageBlocks()) {
    const here = marks.filter(m => places.get(m.id) && m.para === block.id)
    if (!here.length)
      continue
    const cuts = [...new Set(here.flatMap(m => [m.start, m.end]))].sort((a, b) => a - b)
    let offset = 0
    for (const node of textNodes(block)) {
      const end = offset + node.length
      const pieces = document.createDocumentFragment()
      let at = offset
      for (const cut of [...cuts.filter(c => c > offset && c < end), end]) {
        const text = node.data.slice(at - offset, cut - offset)
        const under = here.filter(m => m.start <= at && m.end >= cut)
        if (under.length) {
          const mark = el("mark", "note-mark", text)
          mark.dataset.notes = under.map(m => m.id).join(" ")
          pieces.append(mark)
        } else {
          pieces.append(text)
        }
        at = cut
      }
      node.replaceWith(pieces)
      offset = end
    }
    for (const m of here) {
      const covering = [...block.querySelectorAll("mark.note-mark")].filter(x => x.dataset.notes.split(" ").includes(m.id))
      const last = covering[covering.length - 1]
      if (m.thought && last) {
        const sign = button("想", () => openMark(m.id, sign), `想法：${m.thought.slice(0, 60)}`)
        sign.className = "note-sign editorial"
        sign.dataset.note = m.id
        last.after(sign)
      }
    }
  }
}

function addMark(block, start, end) {
  const text = speechText(block)
  const quote = text.slice(start, end)
  const same = marks.find(m => m.para === block.id && m.start === start && m.end === end)
  if (same)
    return same
  const mark = { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
                 para: block.id, start, end, quote, thought: "", at: Date.now() }
  marks.push(mark)
  save()
  render()
  return mark
}

function remove(id) {
  marks = marks.filter(m => m.id !== id)
  save()
  render()
}
