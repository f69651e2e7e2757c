"""Quality gates: axe-core (light and dark palettes) and Lighthouse (mobile) on every page."""

import statistics

import pytest

from conftest import PAGES, ROOT
from lighthouse import failed_audits, lighthouse, scores

AXE = ROOT / "tools" / "quality" / "node_modules" / "axe-core" / "axe.min.js"
ALL_PAGES = PAGES + ["404.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_violations(browser, base_url, name, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + name, wait_until="networkidle")
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme]
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    context.close()
    violations = [f"{v['id']} ({v['impact']}): {[n['html'][:90] for n in v['nodes'][:3]]}" for v in result["violations"]]
    assert violations == [], f"{name} ({scheme}): {violations}"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_lighthouse_mobile(base_url, name):
    """Accessibility, best practices and SEO 100; performance ≥ 98.

    Performance is timed, and on this 2-core VM the same page scores 0.95–1.00 from run to run
    (Lighthouse's benchmarkIndex here swings between about 1,150 and 2,300; the swing is all in
    Total Blocking Time, i.e. Material's bundle). So when a first run is below the bar the verdict
    is the median of five runs, the way Lighthouse's variability notes recommend reading it."""
    report = lighthouse(base_url + name)
    result = scores(report)
    assert result["accessibility"] == 1, failed_audits(report)
    assert result["best-practices"] == 1, failed_audits(report)
    assert result["seo"] == 1, failed_audits(report)
    performance = [result["performance"]]
    if performance[0] < 0.98:
        performance += [scores(lighthouse(base_url + name))["performance"] for _ in range(4)]
    assert statistics.median(performance) >= 0.98, f"{name}: performance {performance}"
