"""Drive Material's search box in Chromium as a reader does, and read what it shows.

Shared by the search tests and tools/benchmark.py.
"""

import unicodedata
from urllib.parse import parse_qs, urlsplit

SEARCH_INPUT = "input[data-md-component=search-query]"

# Type (as the browser's "input" event, which is what pasting and Chinese IMEs produce) and
# resolve once Material has rendered the answer: the first DOM change in the result list
# after the query. Material renders the whole answer in one task, so the observer fires after
# it is complete.
_RUN_QUERY = """
async (query) => {
  const input = document.querySelector("%s")
  const result = document.querySelector(".md-search-result")
  const done = new Promise(resolve => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve() })
    observer.observe(result, { childList: true, subtree: true, characterData: true })
    setTimeout(() => { observer.disconnect(); resolve("timeout") }, 5000)
  })
  const start = performance.now()
  input.value = query
  input.dispatchEvent(new InputEvent("input", { bubbles: true }))
  const timedOut = await done
  const items = [...result.querySelectorAll(".md-search-result__item")]
  return {
    ms: performance.now() - start,
    timedOut: timedOut === "timeout",
    meta: result.querySelector(".md-search-result__meta").textContent,
    pages: items.map(item => item.querySelector("a").getAttribute("href")),
    links: items.map(item => [...item.querySelectorAll("a")].map(a => a.getAttribute("href"))),
    marks: [...result.querySelectorAll("mark")].map(m => m.textContent),
    tags: [...new Set([...result.querySelectorAll("*")].map(e => e.tagName.toLowerCase()))],
  }
}
""" % SEARCH_INPUT


def open_search(page):
    """Open the search dialog and wait until the worker has answered once (index loaded)."""
    page.locator(SEARCH_INPUT).focus()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    answer = run_query(page, "党")
    if not answer["pages"]:
        # The first change Material made was not the answer yet (opened from disk, the worker
        # runs in an iframe and may answer a moment later): wait for the results themselves.
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        answer["pages"] = page.locator(".md-search-result__item a").count()
    assert answer["pages"], "search did not answer"
    run_query(page, "")


def run_query(page, query: str) -> dict:
    # The same text twice gives Material nothing to send; clear first.
    current = page.locator(SEARCH_INPUT).input_value()
    if current == query and query:
        page.evaluate(_RUN_QUERY, "")
    answer = page.evaluate(_RUN_QUERY, query)
    answer["page_files"] = [urlsplit(href).path.rsplit("/", 1)[-1] for href in answer["pages"]]
    return answer


def highlighted(href: str) -> list[str]:
    return parse_qs(urlsplit(href).query).get("hl", [])


def fold(text: str) -> str:
    """What search compares: NFKC, lower case, letters and digits only (see search-worker.js)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if unicodedata.category(c)[0] in "LN")
