"""The built site makes no request to any host but the one serving it (mainland China, USB stick).

The pages load in turn in three tabs, their requests watched, and a tab moves on to its next page
only once its page has been idle for half a second: whatever a page asks for late (the search
worker, a timer) it asks while the next two load, or within that half second. Each page is
watched that long and no longer, the last as the first. (A tab costs Chromium a renderer process;
a navigation in a tab far less.)"""

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


TABS = 3


def watch_pages(context, urls: dict[str, str], allowed_origin, after_load=lambda page, name: None) -> dict:
    """Each page of `urls` loaded in turn in one of TABS tabs, `after_load` done on it, and left
    until it has been idle for half a second; what each asked of other hosts (refused) and its
    script errors, by name."""
    tabs = []
    for _ in range(TABS):
        tab = context.new_page()
        tab.foreign, tab.errors = foreign_requests(tab, allowed_origin), []
        tab.on("pageerror", lambda e, tab=tab: tab.errors.append(str(e)))
        tabs.append(tab)
    showing, found = {}, {}

    def done(tab):
        tab.wait_for_load_state("networkidle")
        found[showing.pop(tab)] = {"foreign": tab.foreign[:], "errors": tab.errors[:]}
        tab.foreign.clear()
        tab.errors.clear()

    for turn, (name, url) in enumerate(urls.items()):
        tab = tabs[turn % TABS]
        if tab in showing:
            done(tab)
        tab.goto(url)
        after_load(tab, name)
        showing[tab] = name
    for tab in list(showing):
        done(tab)
    return found


def search_for_a_word(page, name):
    """Search opened and a word entered (at once, as an IME does: keys typed one by one while the
    worker starts may land out of order), so that the worker and the index load too."""
    page.keyboard.press("/")
    page.keyboard.insert_text("党章")
    until(page, "document.querySelector('.md-search-result__item') !== null", f"{name}: search did not answer")


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_requests_only_its_own_server(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    found = watch_pages(context, {name: base_url + name for name in PAGES}, base_url.rstrip("/"),
                        search_for_a_word)
    context.close()
    for name in PAGES:
        assert found[name]["foreign"] == [], f"{name} at {width}px asked other hosts: {found[name]['foreign']}"
        assert found[name]["errors"] == [], f"{name} at {width}px: script errors {found[name]['errors']}"


def test_site_from_disk_requests_nothing_but_its_files(browser, site):
    context = browser.new_context()
    found = watch_pages(context, {name: (site / name).as_uri() for name in PAGES[:-1]}, None)
    context.close()
    for name in PAGES[:-1]:
        assert found[name]["foreign"] == [], f"{name} from disk asked other hosts: {found[name]['foreign']}"
