"""A reader's walk through the site in Chromium, with everything that went wrong on the way.

Shared by tests/test_servers.py (Debian's nginx and Apache, the CSP as deployed) and
tests/test_csp.py (from disk, no policy). The walk reads every page to its end, searches and opens
a hit, presses 打印, copies a ¶ citation and 复制本节, sets 字号 and reads it back on the next
page, and switches the palette; served, it also takes every download link, opens a deep missing
page and a 30 KB ?hl= link. It reports every CSP violation (pages and the search worker), every
console error and script error, every failed request, and what did not work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_wait import until
from conftest import PAGES
from search_ui import open_search, run_query

# Reported to the console, so that one listener sees every page of a walk; the worker reports
# to its own global (see walk()).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", e =>
  console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber} ${e.sample}`))
window.__printed = 0
window.print = () => { window.__printed++ }
"""

MISSING = "a/b/c/missing.html"
# A search-highlight link of some 30 KB: servers refuse request lines over 8 KB by default.
LONG_LINK = "mudi.html?hl=" + quote("三会一课") + "&hl=" + quote("的") * 3400


# Resolves after the page has drawn twice: what a scroll set off has run.
TWO_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def shows(page, selector: str, text: str) -> bool:
    """Whether `selector`'s text comes to contain `text` (a walk notes what failed and walks on)."""
    try:
        until(page, f"document.querySelector({json.dumps(selector)}).textContent.includes({json.dumps(text)})")
    except AssertionError:
        return False
    return True


@dataclass
class Walk:
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    downloads: dict[str, str] = field(default_factory=dict)   # link's href -> the name the browser saved it as

    def problems(self) -> dict[str, list[str]]:
        return {name: value for name, value in vars(self).items() if name != "downloads" and value}


def walk(browser, base_url: str, served: bool = True) -> Walk:
    found = Walk()
    missing = base_url + MISSING
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light",
                                  accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()

    def console(message):
        if "Content Security Policy" in message.text or message.text.startswith("CSP violation"):
            found.violations.append(message.text)
        elif message.type == "error" and message.location.get("url") != missing:
            # (Chromium logs the missing page's own 404 status as an error: that one is the point.)
            found.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: found.errors.append(str(e)))
    # Requests sent and not yet answered. A reader leaves a page (or closes it) once it has everything
    # it asked for: at the load event the search worker's script may still be on its way, and
    # Chromium aborts it when the page goes.
    pending = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: (pending.discard(r), found.failed.append(f"{r.failure} {r.url[:120]}")))
    page.on("response", lambda r: found.failed.append(f"{r.status} {r.url[:120]}")
            if r.status >= 400 and r.url != missing else None)
    page.on("worker", lambda w: w.evaluate("""self.__violations = [];
        self.addEventListener("securitypolicyviolation", e => self.__violations.push(e.effectiveDirective + " " + e.blockedURI))"""))

    def all_answered():
        until(page, lambda: not pending, f"{page.url}: requests without an answer")

    def visit(url: str):
        """Leaves the page for `url` once the page has every answer it asked for."""
        all_answered()
        return page.goto(url, wait_until="load")

    links = []
    for name in PAGES:  # read every page to its end
        visit(base_url + name)
        page.mouse.wheel(0, 20000)
        page.evaluate(TWO_FRAMES)
        links += [(name, href) for href in page.eval_on_selector_all(
            "a.take-away__link[download]", "as => as.map(a => a.getAttribute('href'))")]

    # Search, and open a hit: the worker, its index, the highlight.
    visit(base_url + "yiyi.html")
    try:
        open_search(page)
        answer = run_query(page, "三会一课")
    except AssertionError:
        answer = {"pages": []}
    if not answer["pages"]:
        found.broken.append("search found nothing")
    else:
        for worker in page.workers:
            found.violations += worker.evaluate("self.__violations || []")
        all_answered()
        page.locator(".md-search-result__item a").nth(1).click()
        page.wait_for_load_state("load")
        try:
            page.wait_for_selector("mark.search-hit", timeout=5000)
        except PlaywrightTimeout:
            found.broken.append("the hit was not highlighted")

    # The 打印 button.
    visit(base_url + "mudi.html")
    page.locator("button.print-button").click()
    if page.evaluate("window.__printed") != 1:
        found.broken.append("打印 did not print")

    # A ¶ copied.
    page.locator("#mudi-4").hover()
    page.locator("#mudi-4 a.para-link").click()
    if not shows(page, "[data-md-component=dialog]", "已复制引用"):
        found.broken.append("¶ did not copy")

    # 复制本节, the 字号 control (its choice read back on the next page) and 引用本页.
    page.locator(".take-away__copy").click()
    if not shows(page, "[data-md-component=dialog]", "已复制本节"):
        found.broken.append("复制本节 did not copy")
    page.locator(".zihao__option[data-zihao='da']").click()
    visit(base_url + "yaoqiu.html")
    if page.evaluate("document.documentElement.dataset.zihao") != "da":
        found.broken.append("字号 was not kept")
    page.locator(".zihao__option[data-zihao='']").click()
    if "引用日期" in page.locator(".cite-reference").inner_text():
        found.broken.append("引用本页 has no date")

    # The palette, there and back.
    page.locator("label[for=__palette_1]").click()
    dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label[for=__palette_0]").click()
    light = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if (dark, light) != ("slate", "default"):
        found.broken.append(f"palette toggle: {dark}, {light}")

    if served:
        # Every download link, as a reader clicks it.
        for name, href in links:
            if page.url != base_url + name:
                visit(base_url + name)
            with page.expect_download() as download:
                page.locator(f"a.take-away__link[href='{href}']").click()
            found.downloads[href] = download.value.suggested_filename
            if download.value.failure():
                found.failed.append(f"download {href}: {download.value.failure()}")
        # A missing page, deep under the site (from disk there is no host to send 404.html).
        visit(missing)
        if "页面不存在" not in page.locator("article h1").inner_text():
            found.broken.append("no 404 page")
        # A 30 KB highlight link.
        response = visit(base_url + LONG_LINK)
        if response.status != 200 or page.locator("mark.search-hit").count() == 0:
            found.broken.append(f"the 30 KB ?hl= link: {response.status}")
    all_answered()
    context.close()
    return found

