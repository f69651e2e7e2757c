"""What browser tests do between their steps: wait in Chromium for the exact condition a test
needs, not for a fixed time or for the network to fall idle; and turn a page that tests share
into a first visit again."""

import time
from collections.abc import Callable


def until(page, condition: str | Callable[[], bool], message: str = "", timeout: float = 5) -> None:
    """Wait until `condition` is true: a JavaScript expression on the page, or a test's own check
    of what the page reported (its events arrive while it waits); fail with `message` (or the
    expression) if it is still false after `timeout` seconds. (Playwright's wait_for_function
    evaluates its predicate with eval, which the site's CSP refuses, rightly.)"""
    holds = condition if callable(condition) else lambda: page.evaluate(condition)
    deadline = time.monotonic() + timeout
    while not holds():
        assert time.monotonic() < deadline, message or f"still false after {timeout} s: {condition}"
        page.wait_for_timeout(50)


def settled(page, timeout: float = 5) -> None:
    """Wait until the page's running animations and transitions have ended (a hover fading out, a
    palette changing): colours mid-transition are not what a reader reads. One call that the
    animations' own promises answer, no polling."""
    ended = page.evaluate("""timeout => Promise.race([
        Promise.allSettled(document.getAnimations().map(a => a.finished)).then(() => true),
        new Promise(resolve => setTimeout(() => resolve(false), timeout))])""", timeout * 1000)
    assert ended, f"{page.url}: animations still running after {timeout} s"


# True once the print stylesheet is in: media="print", it loads at the lowest priority, after the
# page's load event may have fired. (Published, its name carries its content's hash: speech/hosting/assets.py.)
PRINT_RULES_LOADED = "[...document.styleSheets].some(sheet => /print(\\.[0-9a-f]{8})?\\.min\\.css$/.test(sheet.href || ''))"


def forget_the_site(page) -> None:
    """What the site stored in the page's browser (settings, 字号, palette) is forgotten, so that
    the page's next visit to it is a first visit. Tests that share a page (a navigation costs
    Chromium far less than a new context) call it at each turn."""
    if page.url.startswith(("http:", "https:", "file:")):
        page.evaluate("localStorage.clear(); sessionStorage.clear()")


def record_problems(page):
    """page.problems: every script error, console error and CSP report the page gives from now on."""
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text)
            if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def leave_and_forget(page, devtools, origins) -> None:
    """The page left for about:blank, then what each of origins stored cleared from DevTools
    (devtools: the page's CDP session): what a page may still store as it goes cannot outlive the
    clearing, as it could a clearing from inside the page."""
    forget_the_site(page)                  # the last site's sessionStorage too
    page.goto("about:blank")
    for origin in origins:
        devtools.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage"})
