/*
 * What a reader remembers, not what they can quote: the evaluation set of design/search.md
 * ("评测集"), each query with the paragraph it should reach, answered by the worker as shipped
 * over the index a build wrote.
 *
 * The index is named by SEARCH_INDEX: tests/test_search.py builds the site and runs this file
 * with it (named .run.js, so that a bare `node --test` does not pick it up without an index). The figures (first result, first
 * three, nothing found) are printed as diagnostics, and design/search.md records them.
 */
"use strict"

const { describe, test } = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const path = require("node:path")
const { startWorker } = require("./worker-harness.js")

const ROOT = path.join(__dirname, "..", "..")
const INDEX = process.env.SEARCH_INDEX
if (!INDEX)
  throw new Error("SEARCH_INDEX names no index: run tests/test_search.py, which builds one")
const DESIGN = path.join(ROOT, "design", "search.md")

// What "most" and "nearly all" of the issue mean here: the share of the set whose paragraph
// comes first, and within the first three paragraphs listed.
const FIRST_AT_LEAST = 0.85
const FIRST_THREE_AT_LEAST = 0.95

/* The set: the table rows of design/search.md's 评测集, | n | `query` | habit | `page#id` 或 `page#id` |. */
function evaluationSet() {
  const text = fs.readFileSync(DESIGN, "utf8")
  const section = text.slice(text.indexOf("## 评测集"))
  const rows = []
  for (const line of section.split("\n")) {
    const cells = line.split("|").map(cell => cell.trim())
    if (cells.length < 6 || !/^\d+$/.test(cells[1]))
      continue
    const query = cells[2].replace(/^`|`$/g, "")
    const expected = [...cells[4].matchAll(/`([^`]+)`/g)].map(m => m[1])
    rows.push({ query, habit: cells[3], expected })
  }
  return rows
}

function readIndex(file) {
  const text = fs.readFileSync(file, "utf8")
  return JSON.parse(text.slice(text.indexOf("=") + 1))
}

/* The paragraphs a result lists, in the order a reader meets them (#anchor locations, no ?hl=). */
function paragraphsOf(result) {
  return result.items.flatMap(([, ...blocks]) => blocks.map(b => b.location.replace(/\?[^#]*/, "")))
}

const SET = evaluationSet()
describe("the evaluation set of remembered gists", () => {
  test("the set is at least 40 queries, none of them exactly in the speech", () => {
    assert.ok(SET.length >= 40, `${SET.length} queries`)
    const speech = readIndex(INDEX).docs.filter(d => d.speech).map(d => fold(d.text))
    for (const { query, expected } of SET) {
      assert.ok(expected.length, `${query}: no paragraph given`)
      assert.ok(!speech.some(text => text.includes(fold(query))), `${query} is quoted exactly: not a gist`)
    }
  })

  test(`first result right for ${FIRST_AT_LEAST * 100}%, within the first three for ${FIRST_THREE_AT_LEAST * 100}%`, async t => {
    const worker = await startWorker(readIndex(INDEX))
    let first = 0, firstThree = 0, none = 0
    const misses = []
    for (const { query, expected } of SET) {
      const listed = paragraphsOf(await worker.query(query))
      const rank = listed.findIndex(location => expected.includes(location))
      first += rank === 0
      firstThree += rank >= 0 && rank < 3
      none += listed.length === 0
      if (rank !== 0)
        misses.push(`${query}: ${rank < 0 ? "not listed" : `listed ${rank + 1}.`}, first ${listed[0] || "nothing"}`)
    }
    t.diagnostic(`evaluation set: ${SET.length} queries; first ${first}, first three ${firstThree}, nothing found ${none}`)
    for (const miss of misses)
      t.diagnostic(`  ${miss}`)
    assert.ok(first >= FIRST_AT_LEAST * SET.length, `first ${first} of ${SET.length}`)
    assert.ok(firstThree >= FIRST_THREE_AT_LEAST * SET.length, `first three ${firstThree} of ${SET.length}`)
  })
})

/* As the worker folds (without its traditional table, which the set does not need). */
function fold(text) {
  return [...text.normalize("NFKC").toLowerCase()].filter(c => /[\p{L}\p{N}]/u.test(c)).join("")
}
