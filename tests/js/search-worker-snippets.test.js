/*
 * Unit tests of the search worker's result snippets, highlights and escaping.
 *
 * Material inserts two fields of each result document as HTML (its JSX helper appends strings
 * with innerHTML): `title` (as the <h1>/<h2>) and `text` (the snippet). `terms` keys are the
 * query's words, which Material escapes itself before showing the missing ones in <del>;
 * `location` becomes an href attribute. So title and text must be escaped text plus our own
 * <p> and <mark>, and nothing else.
 */
"use strict"

const { describe, test } = require("node:test")
const assert = require("node:assert/strict")
const { page, startWorker, documentsOf, highlightsOf, visibleText, marksOf } = require("./worker-harness.js")

/* n ideographs that never repeat a substring (and never contain 党, 章 or 规). */
function filler(n, offset = 0) {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((i + offset) * 37) % 512)).join("")
}

function worker(blocks, title = "页") {
  return startWorker({ config: { variants: {} }, docs: page("p.html", title, blocks) })
}

/* The snippet (result `text`) of the first block found. */
async function snippetFor(text, query) {
  const w = await worker([{ text, speech: true }])
  const { items } = await w.query(query)
  assert.ok(items.length, `${JSON.stringify(query)} found nothing`)
  return items[0][1].text
}

/* Escaped text with only the given tags of ours: no other markup, every & an entity. */
function assertSafeHTML(html, tags = []) {
  let rest = html
  for (const tag of tags)
    rest = rest.split(tag).join("")
  assert.doesNotMatch(rest, /[<>"']/, `unescaped markup in ${JSON.stringify(html)}`)
  assert.doesNotMatch(rest, /&(?!#\d+;)/, `bare & in ${JSON.stringify(html)}`)
}

const OUR_TAGS = ["<p>", "</p>", "<mark>", "</mark>"]

describe("snippets", async () => {
  const w = await worker([{ text: "x" }])
  const LENGTH = w.constant("SNIPPET_LENGTH")
  const CONTEXT = w.constant("SNIPPET_CONTEXT")

  test("a snippet shows at most 120 characters, 30 of them before the first hit", () => {
    // The tests below follow the worker's constants; this one says what they are.
    assert.equal(LENGTH, 120)
    assert.equal(CONTEXT, 30)
  })

  test("a short block is shown whole, without ellipsis", async () => {
    const text = filler(LENGTH - 2) + "党章"
    assert.equal(visibleText(await snippetFor(text, "党章")), text)
  })

  test("a hit far into a long block gets context before it and is cut to the snippet length", async () => {
    const text = filler(200) + "党章" + filler(300, 200)
    const html = await snippetFor(text, "党章")
    assert.equal(visibleText(html), "…" + text.slice(200 - CONTEXT, 200 - CONTEXT + LENGTH) + "…")
    assert.deepEqual(marksOf(html), ["党章"])
  })

  test("a hit near the start of a long block is shown from the start", async () => {
    const text = filler(10) + "党章" + filler(300, 10)
    assert.equal(visibleText(await snippetFor(text, "党章")), text.slice(0, LENGTH) + "…")
  })

  test("a hit at the end of a long block is shown to the end, with its context", async () => {
    const text = filler(300) + "党章"
    assert.equal(visibleText(await snippetFor(text, "党章")), "…" + text.slice(300 - CONTEXT))
  })

  test("a first hit longer than the snippet length is shown whole", async () => {
    const text = filler(400)
    const query = text.slice(100, 100 + LENGTH + 30)
    const html = await snippetFor(text, query)
    assert.equal(visibleText(html), "…" + text.slice(100 - CONTEXT, 100 + LENGTH + 30) + "…")
    assert.deepEqual(marksOf(html), [query])
  })

  test("a snippet never cuts a character outside the BMP (a surrogate pair, as 𠮷) in half", async () => {
    const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
    // Shifting the hit and what follows it by one unit puts either end of the cut on every parity.
    for (const before of ["", "a"])
      for (const after of ["", "a"]) {
        const text = "𠮷".repeat(40) + before + "党章" + after + "𠮷".repeat(100)
        const shown = visibleText(await snippetFor(text, "党章"))
        assert.doesNotMatch(shown, LONE, JSON.stringify({ before, after }))
        assert.ok(text.includes(shown.replace(/^…|…$/g, "")))
      }
  })

  test("the highlight wraps exactly the matched characters: punctuation inside the match, none outside", async () => {
    const w = await worker([{ text: "（学习党章、党规。）", speech: true }])
    const [[, block]] = (await w.query("党章党规")).items
    assert.equal(block.text, "<p>（学习<mark>党章、党规</mark>。）</p>")
    assert.deepEqual(highlightsOf(block.location), ["党章、党规"])
  })

  test("every hit is highlighted, and overlapping hits merge into one mark", async () => {
    assert.equal(await snippetFor("党章和党规", "党章 党规"), "<p><mark>党章</mark>和<mark>党规</mark></p>")
    assert.equal(await snippetFor("党章党章和党规", "党章 章党"), "<p><mark>党章党章</mark>和党规</p>")
  })

  test("hits beyond the snippet are not marked, and a hit cut by its end is closed before the ellipsis", async () => {
    // First hit at 200: the snippet runs to 200 - CONTEXT + LENGTH; the second hit starts one
    // character before that, the third lies beyond it.
    const end = 200 - CONTEXT + LENGTH
    const text = filler(200) + "党章" + filler(end - 1 - 202, 1) + "党章" + filler(100, 2) + "党章" + filler(50, 3)
    const html = await snippetFor(text, "党章")
    assert.deepEqual(marksOf(html), ["党章", "党"])
    assert.ok(html.endsWith("<mark>党</mark>…</p>"), html)
  })
})

describe("escaping", () => {
  const MARKUP = `<script>alert("x")</script> & <img src=x onerror=alert(1)> 'q' &amp; &#60; 党章`

  test("document text with markup comes out escaped; the only tags are our <p> and <mark>", async () => {
    const w = await worker([{ text: MARKUP, speech: true }])
    const { items } = await w.query("党章")
    const html = items[0][1].text
    assertSafeHTML(html, OUR_TAGS)
    assert.equal(visibleText(html), MARKUP)
  })

  test("page and block titles with markup come out escaped", async () => {
    const pageTitle = `<img src=x onerror=alert(1)>`
    const blockTitle = `"><script>alert(1)</script> & 'x'`
    const w = await worker([{ text: "党章", title: blockTitle, speech: true }], pageTitle)
    const [[pageItem, block]] = (await w.query("党章")).items
    assertSafeHTML(pageItem.title)
    assertSafeHTML(block.title)
    assert.equal(visibleText(pageItem.title), pageTitle)
    assert.equal(visibleText(block.title), blockTitle)
  })

  test("markup characters inside a match are escaped inside the mark", async () => {
    assert.equal(await snippetFor(`a<b>党&章"c`, `党&章`), `<p>a&#60;b&#62;<mark>党&#38;章</mark>&#34;c</p>`)
  })

  test("a query that matches markup in the text highlights it escaped", async () => {
    const text = `示例：<img src=x onerror=alert(1)>`
    const html = await snippetFor(text, `<img src=x onerror=alert(1)>`)
    assertSafeHTML(html, OUR_TAGS)
    assert.equal(visibleText(html), text)
    assert.deepEqual(marksOf(html), ["img", "src=x", "onerror=alert(1"])
  })

  test("query markup never reaches title or text; its words come back as terms keys, as typed", async () => {
    const w = await worker([{ text: "学习党章", speech: true }], "页")
    const query = `党章 <img src=x onerror=alert(1)> "><script>`
    const result = await w.query(query)
    for (const doc of documentsOf(result)) {
      assertSafeHTML(doc.title)
      assertSafeHTML(doc.text, OUR_TAGS)
      assert.doesNotMatch(doc.title + doc.text, /img|onerror|script/)
      // Material escapes these keys itself (escape-html) before it shows them in <del>.
      assert.deepEqual(Object.keys(doc.terms), query.split(" "))
    }
  })

  test("links carry passages percent-encoded: no raw markup, quotes or spaces", async () => {
    const w = await worker([{ text: `看 党章 <b>"x"</b>`, speech: true }])
    const { items } = await w.query(`党章<b>"x`)
    for (const doc of items[0]) {
      assert.match(doc.location, /^p\.html\?hl=[^<>"\s]+(#p-1)?$/)
      assert.deepEqual(highlightsOf(doc.location), [`党章 <b>"x`])
    }
  })

  test("links carry as many passages as the index allows, and none when it names no cap", async () => {
    const texts = ["一", "二", "三"].map(n => ({ text: `党章${n} 问题${n} 导向${n}`, speech: true }))
    const capped = await startWorker({ config: { variants: {}, passages: 2 }, docs: page("p.html", "页", texts) })
    const { items } = await capped.query("党章 问题 导向")
    assert.equal(highlightsOf(items[0][0].location).length, 2)
    const uncapped = await startWorker({ config: { variants: {}, passages: undefined }, docs: page("p.html", "页", texts) })
    assert.ok((await uncapped.query("党章")).items[0].every(doc => !doc.location.includes("?")))
  })
})
