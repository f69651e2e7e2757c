/*
 * Unit tests of the worker's second tier: the paragraphs that hold most of a query's pieces
 * (pairs of neighbouring characters) when the speech does not hold the query as typed.
 */
"use strict"

const { describe, test } = require("node:test")
const assert = require("node:assert/strict")
const { page, startWorker, pagesOf, documentsOf, highlightsOf, marksOf } = require("./worker-harness.js")

const LINE = `<span class="search-near">没有完全相同的字句，以下段落包含其中的词语</span>`

/* A site of the given pages, and a last one of 60 blocks that share no character with them, so
   that a piece's rarity weighs as in the real index (some 100 blocks), not as among three. */
function site(...pages) {
  const others = Array.from({ length: 60 }, (_, i) =>
    ({ text: Array.from({ length: 30 }, (_, j) => String.fromCharCode(0x9e00 + (i * 31 + j * 7) % 400)).join("") }))
  return startWorker({
    config: { variants: {} },
    docs: [...pages, ["z.html", others]].flatMap(([location, blocks]) =>
      page(location, location.replace(".html", ""), blocks.map(b => typeof b === "string" ? { text: b, speech: true } : b)))
  })
}

/* The near hits' block locations, best first, without ?hw=. */
function nearBlocks(result) {
  const at = result.items.findIndex(([pageItem]) => pageItem.title.startsWith(LINE))
  return at < 0 ? [] : result.items.slice(at).flatMap(([, ...blocks]) => blocks.map(b => b.location.replace(/\?[^#]*/, "")))
}

/* Filler that shares no character with the queries below. */
const FILL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"

describe("near hits", () => {
  test("a query with its small words dropped finds its paragraph, under the line, each piece marked and linked with hw=", async () => {
    const w = await site(["a.html", [FILL, "一是单位的职能职责要搞清楚。"]])
    const result = await w.query("单位职能职责搞清楚")
    assert.equal(result.items.length, 1)
    const [pageItem, block] = result.items[0]
    assert.equal(pageItem.title, `${LINE}a`)
    assert.equal(pageItem.location, "a.html", "the page entry has no anchor (Material finds it by that) and marks nothing")
    assert.equal(block.location.split("?")[0], "a.html")
    assert.deepEqual(marksOf(block.text), ["单位", "职能职责", "搞清楚"])
    assert.match(block.location, /^a\.html\?hw=[^#]+#p-2$/)
    assert.deepEqual(highlightsOf(block.location.replace(/hw=/g, "hl=")), ["单位", "职能职责", "搞清楚"])
  })

  test("characters that do not stand together in any paragraph find nothing", async () => {
    const w = await site(["a.html", ["量力而行，子女计划，算得清楚，机会难得。", FILL]])
    assert.deepEqual((await w.query("量子计算机")).items, [])
  })

  test("half the pieces is enough, fewer is not", async () => {
    const w = await site(["a.html", [FILL, "亮身份", "亮身"]])
    // 亮身份亮形象: 亮身 身份 份亮 亮形 形象 — 亮身份 holds two, so a sixth piece makes it fewer than half.
    assert.deepEqual(nearBlocks(await w.query("亮身份形象")), ["a.html#p-2"])   // 亮身 身份 份形 形象: two of four
    assert.deepEqual(nearBlocks(await w.query("亮身份亮形象")), [])              // two of five
  })

  test("pieces weigh by rarity: half of them, all common, is not enough", async () => {
    const common = Array.from({ length: 12 }, (_, i) => `工作${FILL[i]}要求`)
    const w = await site(["a.html", [...common, "工作要求"]])
    // 工作 and 要求 stand in every block; 作要 in one; 求稳 and 稳妥 nowhere.
    assert.deepEqual(nearBlocks(await w.query("工作求稳妥")), [], "工作 alone of 工作 作求 求稳 稳妥")
    assert.deepEqual(nearBlocks(await w.query("工作要求稳")), ["a.html#p-13"])
  })

  test("the paragraph whose pieces stand closer together comes first", async () => {
    const w = await site(["a.html", [`园林绿化${FILL}户外广告`, `园林绿化、市政设施、户外广告`]])
    assert.deepEqual(nearBlocks(await w.query("园林绿化户外广告")), ["a.html#p-2", "a.html#p-1"])
  })

  test("the speech comes before editorial text that holds more of the query", async () => {
    const w = await site(["a.html", [{ text: "党员干部素质提升" }]], ["b.html", ["党员干部的素质要提升"]])
    assert.deepEqual(pagesOf(await w.query("党员素质提升")), ["b.html", "a.html"])
  })

  test("a one-character word is a piece of its own: a block without it holds less of the query", async () => {
    const w = await site(["a.html", [FILL, "读书加思考"]])
    assert.deepEqual(nearBlocks(await w.query("读书思")), ["a.html#p-2"])     // 读书 of 读书 书思
    assert.deepEqual(nearBlocks(await w.query("读书思 写")), [])               // 读书 of 读书 书思 写
  })

  test("a word none of whose pieces a near hit holds is flagged missing, as Material shows it", async () => {
    const w = await site(["a.html", [FILL, "熟悉党章，明确职责，举措有方"]])
    const [, block] = (await w.query("熟悉党章 明确职责 确保效果")).items[0]
    assert.deepEqual(block.terms, { 熟悉党章: true, 明确职责: true, 确保效果: false })
  })

  test("when a paragraph of the speech holds the query as typed there are no near hits", async () => {
    const w = await site(["a.html", ["单位的职能职责要搞清楚", "单位职能职责搞清楚"]])
    const result = await w.query("单位职能职责搞清楚")
    assert.deepEqual(documentsOf(result).map(d => d.location.replace(/\?[^#]*/, "")), ["a.html", "a.html#p-2"])
    assert.ok(!documentsOf(result).some(d => d.title.includes(LINE)))
  })

  test("when only editorial text holds it, near hits follow the exact ones, the line on the first near page only", async () => {
    const w = await site(
      ["a.html", [{ text: "通行的说法是“实事求是”" }]],
      ["b.html", ["就是实事求实的问题"]],
      ["c.html", ["实事求真"]])
    const result = await w.query("实事求是")
    assert.deepEqual(pagesOf(result), ["a.html", "b.html", "c.html"])
    assert.deepEqual(result.items.map(([p]) => p.title.startsWith(LINE)), [false, true, false])
    assert.deepEqual(marksOf(result.items[1][1].text), ["实事求"])
  })

  test("a block the exact tier lists is not listed again as a near hit", async () => {
    const w = await site(["a.html", [{ text: "党章和党规" }, "党章"]])
    const result = await w.query("党章党规")
    assert.deepEqual(documentsOf(result).map(d => d.location.replace(/\?[^#]*/, "")), ["a.html", "a.html#p-1"])
  })
})
