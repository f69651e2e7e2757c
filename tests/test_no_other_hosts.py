"""The built site makes no request to any host but the one serving it (mainland China, USB stick)."""

from urllib.parse import urlsplit

import pytest

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


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGES)
def test_page_requests_only_its_own_server(browser, base_url, name, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    origin = base_url.rstrip("/")
    foreign = foreign_requests(page, origin)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + name, wait_until="networkidle")
    # Open search and type, so the worker and the index load too.
    page.keyboard.press("/")
    page.keyboard.type("党章")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    context.close()
    assert foreign == [], f"{name} at {width}px asked other hosts: {foreign}"
    assert errors == [], f"{name}: script errors {errors}"


def test_site_from_disk_requests_nothing_but_its_files(browser, site):
    context = browser.new_context()
    page = context.new_page()
    foreign = foreign_requests(page, None)
    for name in PAGES[:-1]:
        page.goto((site / name).as_uri(), wait_until="load")
        page.wait_for_timeout(200)
    context.close()
    assert foreign == []
