/*
 * Hostile queries to the search worker: each is answered promptly, with a well-formed RESULT,
 * and without an exception (the worker catches exceptions, warns and answers "nothing found";
 * so a warning here means something threw).
 */
"use strict"

const { describe, test, before } = require("node:test")
const assert = require("node:assert/strict")
const { page, startWorker, documentsOf } = require("./worker-harness.js")

const TIME_LIMIT_MS = 500
// The one piece of markup of ours a title may hold: the line above the near hits.
const NEAR_LINE = /^<span class="search-near">[^<>]*<\/span>/

/* An index about the size of the real one (some 7,000 characters of speech in 7 pages). */
function realisticIndex() {
  const words = ["党章", "党规", "学习", "问题导向", "三会一课", "的", "我们", "要", "坚持", "教育",
                 "干部", "培训", "组织", "纪律", "基层", "工作", "同志们", "发展", "，", "。", "、", "；"]
  let seed = 1
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16   // a fixed pseudo-random sequence
  const docs = []
  for (let p = 0; p < 7; p++) {
    const blocks = []
    for (let b = 0; b < 25; b++) {
      let text = ""
      while (text.length < 40)
        text += words[next() % words.length]
      blocks.push({ text, speech: b % 5 !== 0 })
    }
    docs.push(...page(`part-${p}.html`, `第${p}部分`, blocks))
  }
  return { config: { variants: { 黨: "党" } }, docs }
}

const HOSTILE = [
  // [name, query, whether it finds something]
  ["10,000 Latin letters", "x".repeat(10000), false],
  ["10,000 Chinese characters", "党".repeat(10000), false],
  // Not as typed, but its two pieces, 党章 and 章党, stand in a block of 党章党规…: a near hit.
  ["10,000 characters of a phrase repeated", "党章".repeat(5000), true],
  ["10,000 lone surrogates", "\ud800".repeat(10000), false],
  ["3,000 distinct words", Array.from({ length: 3000 }, (_, i) => `词${i}`).join(" "), false],
  ["3,000 words, all the same", "党章 ".repeat(3000), true],
  ["3,000 single characters that are everywhere", "的 要 ".repeat(1500), true],
  ["a lone high surrogate", "\ud800", false],
  ["a lone low surrogate", "\udc00", false],
  ["lone surrogates around a word", "\udc00党章\ud800", true],
  ["right-to-left override and marks", "\u202e党章\u202c\u200f", true],
  ["right-to-left script next to a word", "\u05e9\u05dc\u05d5\u05dd 党章", true],
  ["NUL", "\u0000", false],
  ["NUL inside a word", "党\u0000章", true],
  ["only Chinese punctuation", "。，、；：？！……——“”‘’（）《》【】", false],
  ["only ASCII punctuation", "!@#$%^&*()_+-=[]{}|;':\",./<>?`~\\", false],
  ["empty", "", false],
  ["only white space", " \t\r\n\u3000\u00a0\u2028", false],
  ["a thousand combining marks", "党章" + "\u0301".repeat(1000), true],
  ["an emoji family and a word", "👨‍👩‍👧‍👦 党章", true],
  ["regular expression syntax", ".* (?:) [^] \\d+ $& $1 \\", false],
  ["property names of objects", "__proto__ constructor toString hasOwnProperty prototype", false],
  ["markup", "<script>alert(1)</script> <img src=x onerror=alert(1)>", false],
  ["markup around a word", "<b>党章</b>", false],
  ["a traditional word with markup", "黨章<img src=x>", false]
]

describe("hostile queries", () => {
  let worker
  before(async () => {
    worker = await startWorker(realisticIndex())
    await worker.query("党章")         // load the index, so the timings below are of search alone
  })

  for (const [name, query, finds] of HOSTILE) {
    test(`${name}: answered within ${TIME_LIMIT_MS} ms, without an error`, async () => {
      const start = performance.now()
      const result = await worker.query(query)
      const elapsed = performance.now() - start
      assert.ok(elapsed < TIME_LIMIT_MS, `took ${elapsed.toFixed(0)} ms`)
      assert.deepEqual(worker.warnings, [], "the worker caught an exception")
      assert.ok(Array.isArray(result.items))
      assert.equal(result.items.length > 0, finds, finds ? "expected results" : "expected no results")
      for (const doc of documentsOf(result)) {
        assert.doesNotMatch(doc.title.replace(NEAR_LINE, ""), /[<>"']/)
        assert.doesNotMatch(doc.text.replace(/<\/?(p|mark)>/g, ""), /[<>"']/)
      }
    })
  }

  /* The work a query costs is bounded by what is read of it, not by its length: a query of 2 MB
     answers exactly as its first MAX_QUERY_LENGTH units do (so no slower than a short one). */
  const TWO_MB = 2 * 1024 * 1024
  for (const [name, query] of [
    ["2 MB of a phrase", "党章问题导向".repeat(Math.ceil(TWO_MB / 6))],
    ["2 MB of punctuation", "。，、；！".repeat(Math.ceil(TWO_MB / 5))],
    ["2 MB of one character", "党".repeat(TWO_MB)],
    ["2 MB of words", "党章 学习 的 ".repeat(Math.ceil(TWO_MB / 8))],
  ]) {
    test(`${name}: answered as its first MAX_QUERY_LENGTH units are`, async () => {
      const cut = query.slice(0, worker.constant("MAX_QUERY_LENGTH"))
      assert.ok(cut.length < 2000 && query.length >= TWO_MB)
      assert.deepEqual(await worker.query(query), await worker.query(cut))
      assert.deepEqual(worker.warnings, [])
    })
  }

  test("search still answers normally after all of them", async () => {
    const result = await worker.query("问题导向")
    assert.ok(result.items.length > 0)
    assert.deepEqual(worker.warnings, [])
  })
})
