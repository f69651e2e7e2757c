"""The built site makes no request to any host but the one serving it (mainland China, USB stick).

Each page is opened in a tab of its own, and every tab stays open, its requests watched, until
the last page has been idle for half a second: whatever a page asks for late (a timer, the search
worker) it asks while the tabs after it load."""

from urllib.parse import urlsplit

import pytest

from browser_wait import until
from conftest import PAGES as NAV_PAGES

PAGES = NAV_PAGES + ["404.html"]


def foreign_requests(page, allowed_origin):
    seen = []

    def check(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or (allowed_origin and f"{parts.scheme}://{parts.netloc}" == allowed_origin):
            route.continue_()
        elif parts.scheme == "file" and allowed_origin is None:
            route.continue_()
        else:
            seen.append(url)
            route.abort()

    page.route("**/*", check)
    return seen


def watched_tab(context, allowed_origin):
    """A new tab whose requests to other hosts and script errors are recorded (and refused)."""
    page = context.new_page()
    page.foreign = foreign_requests(page, allowed_origin)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_requests_only_its_own_server(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    tabs = {}
    for name in PAGES:
        page = tabs[name] = watched_tab(context, base_url.rstrip("/"))
        page.goto(base_url + name)
        # Open search and enter a word (at once, as an IME does: keys typed one by one while
        # the worker starts may land out of order), so the worker and the index load too.
        page.keyboard.press("/")
        page.keyboard.insert_text("党章")
        until(page, "document.querySelector('.md-search-result__item') !== null", f"{name}: search did not answer")
    for name, page in tabs.items():
        page.wait_for_load_state("networkidle")
    context.close()
    for name, page in tabs.items():
        assert page.foreign == [], f"{name} at {width}px asked other hosts: {page.foreign}"
        assert page.errors == [], f"{name} at {width}px: script errors {page.errors}"


def test_site_from_disk_requests_nothing_but_its_files(browser, site):
    context = browser.new_context()
    tabs = {}
    for name in PAGES[:-1]:
        page = tabs[name] = watched_tab(context, None)
        page.goto((site / name).as_uri(), wait_until="load")
    for page in tabs.values():
        page.wait_for_load_state("networkidle")
    context.close()
    for name, page in tabs.items():
        assert page.foreign == [], f"{name} from disk asked other hosts: {page.foreign}"
