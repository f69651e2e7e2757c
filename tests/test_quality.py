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

import pytest

from browser_wait import forget_the_site, until
from conftest import PAGES, ROOT
from lighthouse import failed_audits, lighthouse, scores

AXE = ROOT / "tools" / "quality" / "node_modules" / "axe-core" / "axe.min.js"
ALL_PAGES = PAGES + ["404.html"]
ZIHAO = ["", "da", "chaoda"]     # 字号: 默认, 大, 超大


PALETTE = {"light": "default", "dark": "slate"}     # the reader's system → Material's palette


@pytest.fixture(scope="module")
def system_pages(browser):
    """A page for a system set to light and one for dark, shared by the axe tests: a navigation
    costs Chromium far less than a new context. Each test starts from what a first visit has: no
    stored settings."""
    contexts = {}

    def page_in(scheme: str):
        if scheme not in contexts:
            contexts[scheme] = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900},
                                                   locale="zh-CN")
            contexts[scheme].new_page()
        page = contexts[scheme].pages[0]
        forget_the_site(page)
        return page

    yield page_in
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_violations(system_pages, base_url, name):
    """Each page loaded once, in the palette the reader's system asks for (light on every other
    page, dark on the rest), then in the other through Material's toggle: as most readers see it,
    the 无障碍 tools never used, at 默认, 大 and 超大 in both palettes; then with the tools open
    and 大字幕 on, at 特大 (whose text the tool row grows with), in both palettes."""
    first, second = ("light", "dark") if ALL_PAGES.index(name) % 2 == 0 else ("dark", "light")
    page = system_pages(first)
    page.goto(base_url + name)
    assert page.locator("#access-tools").is_hidden() and not page.locator(".access-code").count()
    page.add_script_tag(path=str(AXE))
    violations = []

    def check(state: str) -> None:
        # Colours mid-transition (a hover fading out) are not what a reader reads: let them end.
        page.mouse.move(0, 0)
        until(page, "!document.getAnimations().some(a => a.playState === 'running')", "transitions still running")
        result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
        violations.extend(f"{state}: {v['id']} ({v['impact']}): {[n['html'][:90] for n in v['nodes'][:3]]}"
                          for v in result["violations"])

    def choose_zihao(zihao: str) -> None:
        """As a reader does, with the page's own 字号 control (it stays pressed)."""
        page.click(f".zihao__option[data-zihao='{zihao}']")
        assert page.evaluate("document.documentElement.dataset.zihao || ''") == zihao

    def palette_is(scheme: str) -> None:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == PALETTE[scheme], scheme

    def toggle_palette(to: str) -> None:
        page.click("form[data-md-component=palette] label:not([hidden])")
        palette_is(to)

    palette_is(first)
    for scheme in (first, second):
        if scheme == second:
            toggle_palette(second)
        for zihao in ZIHAO:
            choose_zihao(zihao)
            check(f"{scheme}, 字号 {zihao or '默认'}")
    page.click(".access-entry")                    # the first use loads access.js and access.css
    page.wait_for_selector(".access-tools .access-button")
    page.click("[data-access-setting=zimu]")
    choose_zihao("teda")
    check(f"{second}, 特大, tools open, 大字幕")
    toggle_palette(first)
    check(f"{first}, 特大, tools open, 大字幕")
    assert violations == [], f"{name}: {violations}"


def test_lighthouse_mobile(base_url):
    """Best practices and SEO 100 on 全文 (accessibility: axe above; performance: `make bench`)."""
    report = lighthouse(base_url + "quanwen.html", categories=("best-practices", "seo"))
    result = scores(report)
    assert result["best-practices"] == 1, failed_audits(report)
    assert result["seo"] == 1, failed_audits(report)
