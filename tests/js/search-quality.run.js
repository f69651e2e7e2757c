/*
 * Search quality, query by query, against the site's real index: the worker as shipped
 * (docs/assets/javascripts/search-worker.js) over the search/search_docs.js a build wrote.
 *
 * The queries and what each must find are worked out from the source text by the oracle
 * (tests/oracle.py), in Python: tests/test_search.py writes them to a JSON file and runs this
 * file with SEARCH_QUALITY_CASES naming it (named .run.js: a bare `node --test` leaves it alone).
 */
"use strict"

const { describe, test } = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const { startWorker, pagesOf, documentsOf, marksOf } = require("./worker-harness.js")

const CASES = process.env.SEARCH_QUALITY_CASES
if (!CASES)
  throw new Error("SEARCH_QUALITY_CASES names no cases: run tests/test_search.py, which writes them")
const cases = JSON.parse(fs.readFileSync(CASES, "utf8"))

/* What search compares: NFKC, lower case, letters and digits only (as tests/search_ui.py fold). */
function fold(text) {
  return [...text.normalize("NFKC").toLowerCase()].filter(c => /[\p{L}\p{N}]/u.test(c)).join("")
}

function readIndex(path) {
  const text = fs.readFileSync(path, "utf8")
  return JSON.parse(text.slice(text.indexOf("=") + 1))
}

let worker = null
async function search(query) {
  worker = worker || await startWorker(readIndex(cases.index))
  return worker.query(query)
}

describe("search quality against the built index", () => {
  for (const { query, pages } of cases ? cases.phrases : []) {
    test(`${query}: first a page that holds it, then every such page; the phrase marked whole`, async () => {
      const result = await search(query)
      const found = pagesOf(result)
      assert.ok(found.length, "nothing found")
      assert.ok(pages.includes(found[0]), `first hit ${found[0]}, expected one of ${pages}`)
      for (const page of pages)
        assert.ok(found.includes(page), `missing ${page}`)
      // Adjacent hits merge into one mark, as 谢 in 谢谢.
      const marks = documentsOf(result).flatMap(doc => marksOf(doc.text || ""))
      assert.ok(marks.length && marks.every(mark => fold(mark).includes(fold(query))), JSON.stringify(marks))
    })
  }

  for (const { query, withAll, withSome } of cases ? cases.multiWord : []) {
    test(`${query}: pages with every word first, then pages with some`, async () => {
      const speechPages = pagesOf(await search(query)).filter(page => cases.speechPages.includes(page))
      assert.deepEqual(new Set(speechPages), new Set([...withAll, ...withSome]))
      assert.deepEqual(new Set(speechPages.slice(0, withAll.length)), new Set(withAll), speechPages.join(" "))
    })
  }

  for (const [traditional, simplified] of cases ? cases.traditional : []) {
    test(`${traditional} finds what ${simplified} finds`, async () => {
      const locations = result => documentsOf(result).map(doc => doc.location)
      const simp = locations(await search(simplified))
      assert.ok(simp.length)
      assert.deepEqual(locations(await search(traditional)), simp)
    })
  }
})
