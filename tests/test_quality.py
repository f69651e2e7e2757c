"""Quality gates: axe-core on every page (light and dark palettes, every 字号, the 无障碍 tools
closed and open), and Lighthouse's best practices and SEO (mobile) on the page that holds the
most: 全文. (The 高对比 palettes meet axe's AAA contrast rule: tests/test_access.py.)

Lighthouse's accessibility category is axe-core's rules, which the axe test runs on every page
in more states than Lighthouse sees. What its best practices and SEO audit per page (title,
description, lang, charset, canonical, console errors, failed requests) the site and browser
tests check on every page; what they audit of the page's make-up (tap targets, legible text,
link text, deprecated APIs) is the same on every page, all from one set of templates and
stylesheets, so one page in one run proves it. Lighthouse's performance score is a timing, so it
is not a pass/fail test: `make bench` prints it (median of five runs a page)."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from axe import add_axe, axe_violations
from browser_wait import leave_and_forget
from conftest import PAGES
from lighthouse import failed_audits, lighthouse, scores

ALL_PAGES = PAGES + ["404.html"]
ZIHAO = ["", "da", "chaoda"]     # 字号: 默认, 大, 超大
PALETTE = {"light": "default", "dark": "slate"}     # the reader's system → Material's palette
OTHER = {"light": "dark", "dark": "light"}


@pytest.fixture(scope="module", autouse=True)
def lighthouse_report(request, base_url):
    """Lighthouse on 全文, started with the module when its test is to run: it runs in a Chromium
    of its own while the axe tests run (whose pages are idle between runs), and its test reads
    the report at the end."""
    if not any(item.name == "test_lighthouse_mobile" for item in request.session.items):
        yield None
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(lighthouse, base_url + "quanwen.html", categories=("best-practices", "seo"))


@pytest.fixture(scope="module")
def system_tabs(browser):
    """A tab for a system set to light and one for dark, each a context of its own (so a renderer
    of its own: axe runs in both at once), shared by the axe tests: a navigation costs Chromium far
    less than a new context. Each test starts from what a first visit has: no stored settings."""
    contexts = {scheme: browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900},
                                            locale="zh-CN") for scheme in PALETTE}
    tabs = {scheme: context.new_page() for scheme, context in contexts.items()}
    devtools = {scheme: contexts[scheme].new_cdp_session(tab) for scheme, tab in tabs.items()}

    def first_visit():
        # Left, then cleared from outside: Material's palette, stored as a page goes, once leaked
        # into the next test's dark tab.
        for scheme, tab in tabs.items():
            origins = [tab.evaluate("location.origin")] if tab.url.startswith("http") else []
            leave_and_forget(tab, devtools[scheme], origins)
        return tabs

    yield first_visit
    for context in contexts.values():
        context.close()


# What decides the palette, for a failure's message: the system's scheme and what Material stored.
PALETTE_INPUTS = "[matchMedia('(prefers-color-scheme: dark)').matches, {...localStorage}]"


def palette_is(page, scheme: str) -> None:
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == PALETTE[scheme], \
        (scheme, page.url, page.evaluate(PALETTE_INPUTS))


# A click where the reader's would land: the control scrolled into view, then what is at its
# centre must be the control (not covered, hidden or refusing the pointer). One call: the mouse,
# through Playwright, costs a wait for the control to be still and a round trip per event.
PRESS = """control => {
    control.scrollIntoView({ block: "nearest", inline: "nearest" })
    const box = control.getBoundingClientRect()
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    if (!control.contains(hit)) return hit ? hit.outerHTML.slice(0, 120) : "nothing"
    control.click()
    return null
}"""


def press(page, selector: str) -> None:
    covered_by = page.eval_on_selector(selector, PRESS)
    assert covered_by is None, f"{selector} cannot be clicked: {covered_by} is over it"


def choose_zihao(page, zihao: str) -> None:
    """With the page's own 字号 control (it stays pressed)."""
    press(page, f".zihao__option[data-zihao='{zihao}']")
    assert page.evaluate("document.documentElement.dataset.zihao || ''") == zihao


@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_violations(system_tabs, base_url, name):
    """Each page as readers whose systems are set to light and to dark see it, side by side, the
    无障碍 tools never used, at 默认, 大 and 超大; then each reader opens the tools, turns 大字幕 on,
    sets 特大 (whose text the tool row grows with) and switches to the other palette with
    Material's toggle. Every control is clicked where it is, in every state."""
    tabs = system_tabs()
    for scheme, page in tabs.items():
        page.goto(base_url + name)
        assert page.locator("#access-tools").is_hidden() and not page.locator(".access-code").count()
        palette_is(page, scheme)
        add_axe(page)
    violations = []
    for zihao in ZIHAO:
        for page in tabs.values():
            choose_zihao(page, zihao)
        violations += axe_violations({f"{scheme}, 字号 {zihao or '默认'}": page for scheme, page in tabs.items()})
    for scheme, page in tabs.items():
        press(page, ".access-entry")                   # the first use loads access.js and access.css
        page.wait_for_selector(".access-tools .access-button")
        press(page, "[data-access-setting=zimu]")
        choose_zihao(page, "teda")
        press(page, "form[data-md-component=palette] label:not([hidden])")
        palette_is(page, OTHER[scheme])
    violations += axe_violations({f"{OTHER[scheme]} (switched from {scheme}), 特大, tools open, 大字幕": page
                                  for scheme, page in tabs.items()})
    assert violations == [], f"{name}: {violations}"


def test_lighthouse_mobile(lighthouse_report):
    """Best practices and SEO 100 on 全文 (accessibility: axe above; performance: `make bench`)."""
    report = lighthouse_report.result()
    result = scores(report)
    assert result["best-practices"] == 1, failed_audits(report)
    assert result["seo"] == 1, failed_audits(report)
