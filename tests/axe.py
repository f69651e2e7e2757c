"""axe-core, the pinned copy in tools/quality, run on pages side by side. axe is single-threaded
JavaScript: started on two pages (two contexts, so two renderer processes), it keeps both cores
busy, and the results come back as each page's run ends."""

from conftest import ROOT
from browser_wait import settled

AXE = ROOT / "tools" / "quality" / "node_modules" / "axe-core" / "axe.min.js"


def add_axe(page) -> None:
    """Injected as an inline script: the page must be served without the site's CSP."""
    page.add_script_tag(path=str(AXE))


def axe_violations(pages: dict, context: str = "document", options: str = "{}") -> list[str]:
    """Runs axe on every page at once, its running transitions ended first, and returns one line
    per violation, led by the page's key in `pages`. `context` and `options` are axe.run's, as
    JavaScript."""
    for page in pages.values():
        page.mouse.move(0, 0)               # no hover fading out while the colours are read
        settled(page)
        # axe.run does most of its work before it first yields: started from a timer, it runs
        # after this call has returned, while the next page's run starts.
        page.evaluate(f"() => {{ window.axeRun = new Promise(resolve => setTimeout(resolve)).then(() => "
                      f"axe.run({context}, {{ resultTypes: ['violations'], ...{options} }})) }}")
    found = []
    for key, page in pages.items():
        result = page.evaluate("window.axeRun")
        found += [f"{key}: {v['id']} ({v['impact']}): {[n['html'][:90] for n in v['nodes'][:3]]}"
                  for v in result["violations"]]
    return found
