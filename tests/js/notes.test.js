/*
 * The notes' logic without a page (docs/assets/javascripts/notes/logic.js, the first part of
 * notes.js, run alone in a context of its own with no document): reading a stored notebook,
 * re-anchoring marks by their quotes, their order, the exported text. The page itself is tested
 * in Chromium (tests/test_notes.py).
 */
"use strict"

const { test } = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")

const context = {}
vm.runInNewContext(fs.readFileSync(path.join(__dirname, "../../docs/assets/javascripts/notes/logic.js"), "utf8"), context)
const notes = context.jianghuaNotes

const mark = (para, start, quote, extra = {}) => ({ id: `${para}:${start}`, para, start, end: start + quote.length, quote,
                                                    thought: "", at: 1, ...extra })

test("a stored notebook keeps only well-formed marks, whatever is stored", () => {
  assert.deepEqual([...notes.parse(null)], [])
  assert.deepEqual([...notes.parse("{not json")], [])
  assert.deepEqual([...notes.parse('{"marks": "no"}')], [])
  const good = mark("yiyi-1", 2, "办这个班")
  const stored = JSON.stringify({ marks: [good, { ...good, end: 99 }, { ...good, start: -1 }, { ...good, quote: 7 },
                                          null, { ...good, para: {} }, { ...good, thought: { html: "<b>" } }] })
  const kept = notes.parse(stored)
  assert.equal(kept.length, 2)
  assert.equal(kept[0].quote, "办这个班")
  assert.equal(kept[1].thought, "")         // a thought that is not text is dropped, not shown
})

test("a mark whose words are still in place stays; moved words are found again, nearest first", () => {
  const texts = new Map([["a-1", "甲乙丙丁甲乙"], ["a-2", "戊己庚"]])
  assert.deepEqual({ ...notes.anchor(mark("a-1", 4, "甲乙"), texts) }, { para: "a-1", start: 4, end: 6 })
  // The paragraph was edited before the mark: the same words, nearest the old place.
  const edited = new Map([["a-1", "新甲乙丙丁甲乙"], ["a-2", "戊己庚"]])
  assert.deepEqual({ ...notes.anchor(mark("a-1", 4, "甲乙"), edited) }, { para: "a-1", start: 5, end: 7 })
  assert.deepEqual({ ...notes.anchor(mark("a-1", 0, "甲乙"), edited) }, { para: "a-1", start: 1, end: 3 })
  // The words moved to another paragraph.
  assert.deepEqual({ ...notes.anchor(mark("a-1", 0, "己庚"), texts) }, { para: "a-2", start: 1, end: 3 })
  // Gone, or their paragraph is not among the texts at all: not found.
  assert.equal(notes.anchor(mark("a-1", 0, "辛壬"), texts), null)
  assert.equal(notes.anchor(mark("b-9", 0, "辛壬"), texts), null)
})

test("marks are listed in the speech's order, those not found last", () => {
  const order = ["kaichang-1", "yiyi-1", "yiyi-2"]
  const marks = [mark("yiyi-2", 0, "乙"), mark("gone-1", 0, "丁"), mark("yiyi-1", 5, "丙"), mark("yiyi-1", 1, "甲"),
                 mark("kaichang-1", 9, "戊")]
  assert.deepEqual([...notes.ordered(marks, order).map(m => m.id)],
                   ["kaichang-1:9", "yiyi-1:1", "yiyi-1:5", "yiyi-2:0", "gone-1:0"])
})

test("the export has each passage with its label, thought and reference; lost ones under 未能定位", () => {
  const marks = [mark("yiyi-1", 0, "甲乙", { thought: "<script>x</script>\u202e😀" }), mark("gone-1", 0, "丁")]
  const place = m => m.para === "yiyi-1" ? { label: "一、培训的意义 第 1 段", reference: "REF." } : null
  assert.equal(notes.exportText(marks, place, "题", "2026-01-02"), [
    "学习笔记：《题》", "共 2 条，2026-01-02 导出", "",
    "一、培训的意义 第 1 段", "“甲乙”", "想法：<script>x</script>\u202e😀", "REF.", "",
    "未能定位（本版讲话中找不到下列原文，请与原文核对）", "",
    "“丁”", ""].join("\n"))
})

test("a thought's length is counted as a reader counts: an emoji is one character", () => {
  assert.equal(notes.length("想😀"), 2)
  assert.equal(notes.MAX_THOUGHT, 2000)
})
