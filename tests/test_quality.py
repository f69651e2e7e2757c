"""Quality gates: axe-core on every page (light and dark palettes, every 字号), and Lighthouse's
best practices and SEO (mobile) on the page that holds the most: 全文.

Lighthouse's accessibility category is axe-core's rules, which the axe test runs on every page
in more states than Lighthouse sees. What its best practices and SEO audit per page (title,
description, lang, charset, canonical, console errors, failed requests) the site and browser
tests check on every page; what they audit of the page's make-up (tap targets, legible text,
link text, deprecated APIs) is the same on every page, all from one set of templates and
stylesheets, so one page in one run proves it. Lighthouse's performance score is a timing, so it
is not a pass/fail test: `make bench` prints it (median of five runs a page)."""

import pytest

from conftest import PAGES, ROOT
from lighthouse import failed_audits, lighthouse, scores

AXE = ROOT / "tools" / "quality" / "node_modules" / "axe-core" / "axe.min.js"
ALL_PAGES = PAGES + ["404.html"]
ZIHAO = ["", "da", "chaoda"]     # 字号: 默认, 大, 超大


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_violations(browser, base_url, name, scheme):
    """Each page in each palette, loaded once and checked at every 字号 as a stored choice sets
    it before the first paint (data-zihao on <html>: overrides/main.html)."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + name, wait_until="networkidle")
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme]
    page.add_script_tag(path=str(AXE))
    violations = []
    for zihao in ZIHAO:
        page.evaluate("""zihao => zihao ? document.documentElement.setAttribute("data-zihao", zihao)
                                        : document.documentElement.removeAttribute("data-zihao")""", zihao)
        result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
        violations += [f"字号 {zihao or '默认'}: {v['id']} ({v['impact']}): {[n['html'][:90] for n in v['nodes'][:3]]}"
                       for v in result["violations"]]
    context.close()
    assert violations == [], f"{name} ({scheme}): {violations}"


def test_lighthouse_mobile(base_url):
    """Best practices and SEO 100 on 全文 (accessibility: axe above; performance: `make bench`)."""
    report = lighthouse(base_url + "quanwen.html", categories=("best-practices", "seo"))
    result = scores(report)
    assert result["best-practices"] == 1, failed_audits(report)
    assert result["seo"] == 1, failed_audits(report)
