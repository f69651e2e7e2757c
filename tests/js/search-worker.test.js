/*
 * Unit tests of the search worker (docs/assets/javascripts/search-worker.js): Material's
 * messages, folding, traditional variants and ranking. Snippets and escaping are in
 * search-worker-snippets.test.js, hostile queries in search-worker-hostile.test.js.
 * Run: node --test   (at the repository root; design/search.md, "Unit tests").
 */
"use strict"

const { describe, test } = require("node:test")
const assert = require("node:assert/strict")
const {
  READY, RESULT, QUERY, page, startWorker, pagesOf, documentsOf, highlightsOf, marksOf
} = require("./worker-harness.js")

/* A worker over one page whose blocks have the given texts (all speech). */
function onePage(texts, variants = {}) {
  return startWorker({
    config: { variants },
    docs: page("p.html", "页", texts.map(text => ({ text, speech: true })))
  })
}

/* The marks of the first block found for query, or null when nothing is found. */
async function marksFor(texts, query, variants) {
  const worker = await onePage(texts, variants)
  const { items } = await worker.query(query)
  return items.length ? marksOf(items[0][1].text) : null
}

describe("protocol", () => {
  const index = { config: { variants: {} }, docs: page("a.html", "甲", [{ text: "学习党章", speech: true }]) }

  test("SETUP is answered with READY and does not load the index yet", async () => {
    const worker = await startWorker(index)
    assert.deepEqual(worker.posted, [{ type: READY }])
    assert.deepEqual(worker.imported, [])
  })

  test("an empty query is answered with no items and does not load the index", async () => {
    const worker = await startWorker(index)
    for (const query of ["", "   ", "\u3000", "。，！"])
      assert.deepEqual(await worker.send({ type: QUERY, data: query }), { type: RESULT, data: { items: [] } })
    assert.deepEqual(worker.imported, [])
  })

  test("the first real query loads the index two folders above the worker script, once", async () => {
    const worker = await startWorker(index)
    assert.deepEqual(pagesOf(await worker.query("党章")), ["a.html"])
    assert.deepEqual(pagesOf(await worker.query("学习")), ["a.html"])
    assert.deepEqual(worker.imported, ["https://example.test/archive/search/search_docs.js"])
  })

  test("from disk (iframe shim) the index is found from the worker's script element, and a promised load works", async () => {
    const src = "file:///home/reader/site/assets/javascripts/search-worker.js?1700000000000"
    const document = { querySelector: selector => (selector.includes("search-worker") ? { src } : null) }
    const worker = await startWorker(index, { async: true, document })
    assert.deepEqual(pagesOf(await worker.query("党章")), ["a.html"])
    assert.deepEqual(worker.imported, ["file:///home/reader/site/search/search_docs.js"])
  })

  test("a failed index load answers 'nothing found', warns, and the next query loads again", async () => {
    const worker = await startWorker(index, { failLoads: 1 })
    assert.deepEqual(await worker.query("党章"), { items: [] })
    assert.equal(worker.warnings.length, 1)
    assert.deepEqual(pagesOf(await worker.query("党章")), ["a.html"])
    assert.equal(worker.imported.length, 2)
  })

  test("answers come in the order the queries came, even an empty query sent while the index loads", async () => {
    const worker = await startWorker(index, { async: true })
    const release = worker.holdLoads()
    const first = worker.send({ type: QUERY, data: "党章" })     // waits for the index
    const second = worker.send({ type: QUERY, data: "" })        // the reader cleared the box
    release()
    await Promise.all([first, second])
    const answers = worker.posted.slice(1).map(message => message.data.items.length)
    assert.deepEqual(answers, [1, 0], "the last answer must be the one for the empty box")
  })

  test("an unknown message type is refused with a TypeError", async () => {
    const worker = await startWorker(index)
    await assert.rejects(worker.send({ type: 99 }), { name: "TypeError" })
  })

  test("each result is a list per page: the page entry first, then its blocks with #anchor", async () => {
    const worker = await startWorker(index)
    const { items } = await worker.query("党章")
    assert.equal(items.length, 1)
    const [pageItem, block] = items[0]
    assert.deepEqual(pageItem, {
      location: `a.html?hl=${encodeURIComponent("党章")}`, title: "甲", text: "", score: 1, terms: { 党章: true }
    })
    assert.equal(block.location, `a.html?hl=${encodeURIComponent("党章")}#p-1`)
    assert.equal(block.text, "<p>学习<mark>党章</mark></p>")
  })
})

describe("folding", () => {
  test("full-width punctuation in the query finds half-width punctuation in the text", async () => {
    assert.deepEqual(await marksFor(["学习党章,党规;遵守纪律"], "党章，党规；遵守"), ["党章,党规;遵守"])
  })

  test("half-width punctuation in the query finds full-width punctuation in the text", async () => {
    assert.deepEqual(await marksFor(["学习党章，党规；遵守纪律"], "党章,党规;遵守"), ["党章，党规；遵守"])
  })

  test("full-width Latin letters and digits find half-width ones, and back", async () => {
    assert.deepEqual(await marksFor(["编号ABC123号"], "ａｂｃ１２３"), ["ABC123"])
    assert.deepEqual(await marksFor(["编号ＡＢＣ１２３号"], "abc123"), ["ＡＢＣ１２３"])
  })

  test("upper and lower case Latin letters are one", async () => {
    for (const query of ["PARTY", "party", "pArTy"])
      assert.deepEqual(await marksFor(["The Party Constitution"], query), ["Party"], query)
  })

  test("NFKC compatibility forms fold to their plain characters, in query and text", async () => {
    assert.deepEqual(await marksFor(["第①条"], "第1条"), ["第①条"])          // circled digit
    assert.deepEqual(await marksFor(["⼈民群众"], "人民"), ["⼈民"])          // Kangxi radical ⼈ (U+2F08)
    assert.deepEqual(await marksFor(["人民群众"], "⼈民"), ["人民"])
    assert.deepEqual(await marksFor(["ﬁnance"], "finance"), ["ﬁnance"])    // ligature ﬁ
    assert.deepEqual(await marksFor(["Ⅻ章"], "xii章"), ["Ⅻ章"])              // Roman numeral
  })

  test("a space in the query makes two words, each found anywhere in the block", async () => {
    const worker = await onePage(["学习党章，遵守党规"])
    for (const query of ["党规 党章", "党规\u3000党章", "党规\t\n党章"]) {
      const { items } = await worker.query(query)
      assert.deepEqual(items[0][0].terms, { 党规: true, 党章: true }, JSON.stringify(query))
      assert.deepEqual(marksOf(items[0][1].text), ["党章", "党规"])
    }
  })

  test("zero-width and direction marks in the query are dropped, leaving one phrase", async () => {
    const worker = await onePage(["学习党章"])
    for (const query of ["党\u200b章", "党\u200c章", "党\u200d章", "\ufeff党章", "\u202e党章\u202c", "党\u200f章", "党\u00ad章"]) {
      const { items } = await worker.query(query)
      assert.equal(items.length, 1, JSON.stringify(query))
      assert.equal(Object.keys(items[0][0].terms).length, 1, "one word")
      assert.deepEqual(marksOf(items[0][1].text), ["党章"])
    }
  })

  test("spaces, punctuation and zero-width characters inside the text are skipped and highlighted with the match", async () => {
    assert.deepEqual(await marksFor(["学习党　章"], "党章"), ["党　章"])
    assert.deepEqual(await marksFor(["学习党\u200b章"], "党章"), ["党\u200b章"])
    assert.deepEqual(await marksFor(["学习“党”章"], "党章"), ["党”章"])
  })

  test("any passage pasted from the text finds its block and highlights it, in either punctuation width", async () => {
    const text = "同志们，我们要坚持问题导向；把党章、党规学深悟透（第1条），做到“学思用贯通”！"
    const toHalfWidth = passage => passage.replace(/[，；（）！：]/g, c => ({ "，": ",", "；": ";", "（": "(", "）": ")", "！": "!", "：": ":" })[c])
    const worker = await onePage([text])
    let tried = 0
    for (let start = 0; start < text.length; start++)
      for (let end = start + 2; end <= Math.min(text.length, start + 12); end++) {
        const passage = text.slice(start, end)
        // What is highlighted: the passage without the punctuation it starts or ends with.
        const core = passage.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
        if (core.length < 2)
          continue
        for (const query of [passage, toHalfWidth(passage)]) {
          const { items } = await worker.query(query)
          assert.equal(items.length, 1, JSON.stringify(query))
          assert.ok(marksOf(items[0][1].text).includes(core), `${JSON.stringify(query)}: ${items[0][1].text}`)
          tried += 1
        }
      }
    assert.ok(tried > 300, `only ${tried} passages`)
  })

  test("folding does not join characters that are apart in the text", async () => {
    assert.equal(await marksFor(["党的章程"], "党章"), null)
    // Not as typed: at most a near hit (search-worker-near.test.js) marking the piece it holds.
    const { items } = await (await onePage(["党章"])).query("党章程")
    assert.deepEqual(items.map(([pageItem, ...blocks]) => [pageItem.title.includes("search-near"), blocks.map(b => marksOf(b.text))]),
                     [[true, [["党章"]]]])
  })
})

describe("traditional variants", () => {
  const variants = { 黨: "党", 會: "会", 規: "规" }

  test("a traditional query finds the simplified text through the index's table", async () => {
    const worker = await onePage(["学习党章党规"], variants)
    const { items } = await worker.query("黨章黨規")
    assert.deepEqual(marksOf(items[0][1].text), ["党章党规"])
    assert.deepEqual(highlightsOf(items[0][1].location), ["党章党规"], "the page marks the text as it stands")
  })

  test("traditional characters in the text are found by a simplified query", async () => {
    assert.deepEqual(await marksFor(["學習黨章"], "党章", variants), ["黨章"])
  })

  test("a character absent from the table is not mapped", async () => {
    assert.equal(await marksFor(["召开会议"], "會議", variants), null, "議 is not in the table")
    assert.deepEqual(await marksFor(["召开会議"], "會議", variants), ["会議"])
  })

  test("the table comes from the index: without it, traditional does not find simplified", async () => {
    assert.equal(await marksFor(["学习党章"], "黨章", {}), null)
  })

  test("the same word in simplified and traditional counts once", async () => {
    const worker = await onePage(["学习党章"], variants)
    const { items } = await worker.query("党章 黨章 党章")
    assert.deepEqual(items[0][0].terms, { 党章: true })
  })
})

describe("ranking", () => {
  /* A worker over pages given as [location, [block, ...]] in navigation order; a block is text
     (speech) or { text, speech: false } (editorial). */
  function site(...pages) {
    return startWorker({
      config: { variants: {} },
      docs: pages.flatMap(([location, blocks]) =>
        page(location, location, blocks.map(b => (typeof b === "string" ? { text: b, speech: true } : b))))
    })
  }

  test("a page with every word ranks above one with fewer, even one earlier in navigation", async () => {
    const worker = await site(
      ["fewer.html", ["党章党章党章", "党章"]],
      ["all.html", ["党章", "党规"]]
    )
    assert.deepEqual(pagesOf(await worker.query("党章 党规")), ["all.html", "fewer.html"])
  })

  test("with no page holding every word, more words rank above fewer", async () => {
    const worker = await site(
      ["one.html", ["党章", "党章"]],
      ["two.html", ["党章", "党规"]],
      ["none.html", ["其他"]]
    )
    assert.deepEqual(pagesOf(await worker.query("党章 党规 纪律")), ["two.html", "one.html"])
  })

  test("the speech ranks above editorial text", async () => {
    const worker = await site(
      ["notes.html", [{ text: "党章", speech: false }, { text: "党章", speech: false }]],
      ["speech.html", ["党章"]]
    )
    assert.deepEqual(pagesOf(await worker.query("党章")), ["speech.html", "notes.html"])
  })

  test("every word counts before speech: editorial text with all words ranks above speech with fewer", async () => {
    const worker = await site(
      ["speech.html", ["党章"]],
      ["notes.html", [{ text: "党章党规", speech: false }]]
    )
    assert.deepEqual(pagesOf(await worker.query("党章 党规")), ["notes.html", "speech.html"])
  })

  test("words together in one paragraph rank above the same words spread over paragraphs", async () => {
    const worker = await site(
      ["spread.html", ["党章", "党规", "党章", "党规"]],
      ["together.html", ["党章和党规"]]
    )
    assert.deepEqual(pagesOf(await worker.query("党章 党规")), ["together.html", "spread.html"])
  })

  test("more matching paragraphs of the speech rank higher", async () => {
    const worker = await site(
      ["once.html", ["党章", { text: "党章", speech: false }, { text: "党章", speech: false }]],
      ["thrice.html", ["党章", "党章", "党章"]]
    )
    assert.deepEqual(pagesOf(await worker.query("党章")), ["thrice.html", "once.html"])
  })

  test("otherwise pages keep their navigation order", async () => {
    const worker = await site(["b.html", ["党章"]], ["a.html", ["党章"]], ["c.html", ["党章"]])
    assert.deepEqual(pagesOf(await worker.query("党章")), ["b.html", "a.html", "c.html"])
  })

  test("a page's blocks come best first: more words, then speech, then more hits, then text order", async () => {
    const worker = await site(["p.html", [
      { id: "editorial", text: "党章", speech: false },
      { id: "once", text: "党章", speech: true },
      { id: "twice", text: "党章，党章", speech: true },
      { id: "both", text: "党规，党章", speech: false },
      { id: "once-later", text: "党章", speech: true }
    ]])
    const { items } = await worker.query("党章 党规")
    const anchors = items[0].slice(1).map(block => block.location.split("#")[1])
    assert.deepEqual(anchors, ["both", "twice", "once", "once-later", "editorial"])
  })

  test("the first three blocks of a page are shown, the rest fold into 'more' (score 0)", async () => {
    const worker = await site(["p.html", ["党章", "党章", "党章", "党章", "党章"]])
    const shown = worker.constant("MAX_SHOWN_BLOCKS")
    assert.equal(shown, 3)
    const { items } = await worker.query("党章")
    assert.deepEqual(items[0].map(item => item.score), [1, 1, 1, 1, 0, 0])
  })

  test("the page entry flags every word found on the page; a block flags only its own", async () => {
    const worker = await site(["p.html", ["党章", "党规"]], ["q.html", ["其他"]])
    const { items } = await worker.query("党章 党规 纪律")
    assert.deepEqual(items[0].map(item => item.terms), [
      { 党章: true, 党规: true, 纪律: false },
      { 党章: true, 党规: false, 纪律: false },
      { 党章: false, 党规: true, 纪律: false }
    ])
  })

  test("the page link carries every matched passage for the page to highlight", async () => {
    const worker = await site(["p.html", ["学习党章", "遵守党　规"]])
    const { items } = await worker.query("党章 党规")
    assert.deepEqual(highlightsOf(items[0][0].location).sort(), ["党　规", "党章"])
  })

  test("only the first sixteen words of a query count", async () => {
    const worker = await site(["p.html", ["党章"]])
    assert.equal(worker.constant("MAX_TERMS"), 16)
    const words = Array.from({ length: 16 }, (_, i) => `词${i}`)
    const { items } = await worker.query([...words, "党章"].join(" "))
    assert.deepEqual(items, [], "the seventeenth word is ignored")
    const found = await worker.query([...words.slice(1), "党章"].join(" "))
    assert.deepEqual(pagesOf(found), ["p.html"])
    assert.equal(Object.keys(documentsOf(found)[0].terms).length, 16)
  })
})
