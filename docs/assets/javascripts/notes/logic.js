/*
 * 学习笔记: marks (划线) on the speech's own words, a reader's thoughts (想法) beside them, and the
 * page 我的笔记 (biji.html) that lists them all and exports them with their references.
 *
 * Loaded on first use only, by page.js (page/notes-loader.js): on a selection inside the speech, on a ¶, on 我的笔记, or
 * on a page visited by a reader who has marks. Everything lives in this browser (localStorage,
 * from file:// too); nothing is sent anywhere. design/notes.md says how marks are anchored.
 *
 * A mark is { id, para, start, end, quote, thought, at }: the paragraph's id, offsets into that
 * paragraph's speech text (its text without editorial marks, as the speech model defines it) and
 * the quoted words themselves, by which it is found again when the edition changes.
 *
 * Whatever a reader types is only ever set as textContent or as a form control's value.
 * From page.js, which loads it: readerSettings, speechTextNodes, copyText, tell (the status line)
 * and reference (GB/T 7714).
 *
 * The build joins the parts (notes/, listed in speech/plugin/scripts.py) inside one function:
 * they share its scope, this part's names first. This part: the logic without a page (reading a
 * stored notebook, anchoring by quote, order, the exported text), the only global, jianghuaNotes.
 * tests/js/notes.test.js runs it alone, with no document, so it touches nothing of the page.
 */
const MAX_THOUGHT = 2000                      // characters (code points) of one thought
const MAX_MARKS = 2000                        // what one reader's notebook is read back to

/* Characters as a reader counts them: an emoji is one. */
function length(text) {
  return [...text].length
}

/* A stored notebook, whatever is stored: only well-formed marks are kept. */
function parse(stored) {
  let data = null
  try {
    data = JSON.parse(stored)
  } catch (malformed) { /* nothing usable */ }
  const marks = data && Array.isArray(data.marks) ? data.marks : []
  return marks.slice(0, MAX_MARKS).filter(m => m && typeof m.id === "string" && typeof m.para === "string"
    && Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end > m.start
    && typeof m.quote === "string" && m.quote.length === m.end - m.start)
    .map(m => ({ id: m.id, para: m.para, start: m.start, end: m.end, quote: m.quote,
                 thought: typeof m.thought === "string" ? m.thought : "", at: Number(m.at) || 0 }))
}

/*
 * Where a mark stands in the current text: `texts` maps paragraph id to its speech text, in
 * reading order. Its own place if the quote is still there; else the occurrence of the quote
 * nearest its old place in its own paragraph; else the first in another paragraph given. null
 * if the quote is nowhere: the mark is kept and listed under 未能定位.
 */
function anchor(mark, texts) {
  const own = texts.get(mark.para)
  if (own !== undefined) {
    if (own.slice(mark.start, mark.end) === mark.quote)
      return { para: mark.para, start: mark.start, end: mark.end }
    let best = -1
    for (let at = own.indexOf(mark.quote); at !== -1; at = own.indexOf(mark.quote, at + 1))
      if (best === -1 || Math.abs(at - mark.start) < Math.abs(best - mark.start))
        best = at
    if (best !== -1)
      return { para: mark.para, start: best, end: best + mark.quote.length }
  }
  for (const [para, text] of texts) {
    const at = para === mark.para ? -1 : text.indexOf(mark.quote)
    if (at !== -1)
      return { para, start: at, end: at + mark.quote.length }
  }
  return null
}

/* Marks in the speech's order (`order`: paragraph ids in reading order); the ones not found last. */
function ordered(marks, order) {
  const rank = new Map(order.map((id, n) => [id, n]))
  const place = m => rank.has(m.para) ? rank.get(m.para) : order.length
  return [...marks].sort((a, b) => place(a) - place(b) || a.start - b.start || a.end - b.end || a.at - b.at)
}

/*
 * The notebook as plain text: each passage with its label, the thought, and its reference.
 * `place(mark)` gives { label, reference } of a mark that was found, null for one that was not.
 */
function exportText(marks, place, title, date) {
  const found = marks.filter(m => place(m))
  const lost = marks.filter(m => !place(m))
  const lines = [`学习笔记：《${title}》`, `共 ${marks.length} 条，${date} 导出`, ""]
  for (const m of found) {
    const { label, reference } = place(m)
    lines.push(label, `“${m.quote}”`)
    if (m.thought)
      lines.push(`想法：${m.thought}`)
    lines.push(reference, "")
  }
  if (lost.length) {
    lines.push("未能定位（本版讲话中找不到下列原文，请与原文核对）", "")
    for (const m of lost) {
      lines.push(`“${m.quote}”`)
      if (m.thought)
        lines.push(`想法：${m.thought}`)
      lines.push("")
    }
  }
  return lines.join("\n")
}

/* The one global: page.js's loader resolves to it (start.js adds what it calls), the node test reads it. */
const logic = { MAX_THOUGHT, length, parse, anchor, ordered, exportText }
globalThis.jianghuaNotes = logic
