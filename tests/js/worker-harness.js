/*
 * Runs docs/assets/javascripts/search-worker.js as it is shipped, in a fresh vm context that
 * plays the part of a Worker: it provides self, addEventListener, postMessage and importScripts,
 * and nothing else of the browser. Tests talk to it only through Material's messages.
 *
 * Not a test file itself (node --test looks for *.test.js): the test files require it.
 */
"use strict"

const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")

const WORKER = path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "search-worker.js")
const SOURCE = fs.readFileSync(WORKER, "utf8")

// Material's message types (search-worker.js and Material's SearchMessageType agree on them).
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

// Where the worker script is served from; the index lies two folders up.
const WORKER_URL = "https://example.test/archive/assets/javascripts/search-worker.js"

/* One page of a fake index in the shape speech/search/index.py writes: a page entry (empty text)
   followed by one document per block, located at page#anchor. */
function page(location, title, blocks) {
  return [
    { location, title, text: "" },
    ...blocks.map((block, i) => ({
      location: `${location}#${block.id || `p-${i + 1}`}`,
      title: block.title || title,
      text: block.text,
      ...(block.speech ? { speech: true } : {})
    }))
  ]
}

/*
 * Start a worker over the given index ({ config: { variants }, docs }).
 *   async: true   importScripts returns a promise, as in Material's iframe shim (file://);
 *                 by default it is synchronous, as in a real Worker.
 *   failLoads: n  the first n loads of the index throw (a network error).
 *   document      a fake `document`, as the iframe shim has one.
 */
async function startWorker(index, { async = false, failLoads = 0, document } = {}) {
  const posted = []             // every message the worker posted, in order
  const imported = []           // every URL it asked importScripts for
  const warnings = []           // console.warn calls
  let listener = null
  let gate = null               // while set, an async importScripts waits for it

  const context = {
    URL,
    console: { warn: (...args) => warnings.push(args), log() {}, error() {} },
    addEventListener(type, fn) {
      if (type === "message")
        listener = fn
    },
    // A real postMessage structured-clones its data; this also gives the test plain objects of
    // its own realm, so deepStrictEqual compares them fairly.
    postMessage(data) { posted.push(structuredClone(data)) },
    importScripts(url) {
      imported.push(url)
      const load = () => {
        if (failLoads > 0) {
          failLoads -= 1
          throw new Error(`cannot load ${url}`)
        }
        // The passage cap the build writes into every index (speech/search/index.py).
        context.self.searchIndex = structuredClone({ ...index, config: { passages: 10, ...index.config } })
      }
      if (!async)
        return load()
      return (gate || Promise.resolve()).then(load)
    },
    location: { href: WORKER_URL }
  }
  if (document)
    context.document = document
  context.self = context
  vm.createContext(context)
  vm.runInContext(SOURCE, context, { filename: WORKER })
  if (!listener)
    throw new Error("the worker registered no message listener")

  /* Send one message as Material does; resolves with the message the worker posts in answer. */
  async function send(message) {
    const before = posted.length
    await listener({ data: message })
    return posted[before]
  }

  const worker = {
    posted, imported, warnings,
    send,
    /* Send a QUERY; resolves with the RESULT's data ({ items }). */
    async query(text) {
      const answer = await send({ type: QUERY, data: text })
      if (!answer || answer.type !== RESULT)
        throw new Error(`expected a RESULT, got ${JSON.stringify(answer)}`)
      return answer.data
    },
    /* Hold the next async index loads until the returned function is called. */
    holdLoads() {
      let release
      gate = new Promise(resolve => { release = resolve })
      return () => { gate = null; release() }
    },
    /* A top-level constant of the shipped script (e.g. SNIPPET_LENGTH), read, not changed. */
    constant(name) {
      return vm.runInContext(name, context)
    }
  }

  // Material's SETUP message carries search/search_index.json, which our hook makes a stub.
  const ready = await send({ type: SETUP, data: { config: { index: "search/search_docs.js" }, docs: [] } })
  if (!ready || ready.type !== READY)
    throw new Error(`expected READY after SETUP, got ${JSON.stringify(ready)}`)
  return worker
}

/* The page locations of a result, best first, without ?hl= and #anchor. */
function pagesOf(result) {
  return result.items.map(([pageItem]) => pageItem.location.split(/[?#]/)[0])
}

/* All documents of a result (page entries and their blocks), flat. */
function documentsOf(result) {
  return result.items.flat()
}

/* The hl= passages a result location carries, decoded. */
function highlightsOf(location) {
  const query = location.split("#")[0].split("?")[1] || ""
  return query.split("&").filter(Boolean).map(pair => decodeURIComponent(pair.replace(/^hl=/, "")))
}

/* What the reader sees of a snippet: our own tags (<p>, <mark>) removed, entities decoded. */
function visibleText(html) {
  return html
    .replace(/<\/?(p|mark)>/g, "")
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
}

/* The texts wrapped in <mark>, decoded. */
function marksOf(html) {
  return [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map(m => visibleText(m[1]))
}

module.exports = {
  SETUP, READY, QUERY, RESULT, WORKER_URL,
  page, startWorker, pagesOf, documentsOf, highlightsOf, visibleText, marksOf
}
