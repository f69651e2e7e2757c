"""The 404 page works wherever a host sends it: at the site root and under a sub-path, at any
depth of missing address, with and without SITE_URL, and from disk; and it requests nothing it
does not need: no failed request, no console error, nothing outside the site.

The page knows the site's root from the build (SITE_URL's path, or SITE_PATH): each build is
served where it was built for. Hosts answer every missing path with the site's 404.html and status
404; the local server does the same, mounted under a prefix, with the site's own _headers (its
CSP among them). Debian's nginx and Apache serve it under /jianghua/ in tests/test_servers.py."""

import urllib.error
import urllib.request

import pytest

import static_server
from conftest import PAGES
from search_ui import open_search, run_query

MISSING = ["missing.html", "a/b/missing.html", "a/b/c/d/e/no-such-folder/"]
NAV_FILES = PAGES   # mkdocs.yml's navigation, in order


# (build, where it is served): the root, a deep sub-path named by SITE_PATH, SITE_URL's own path.
MOUNTS = [("no settings", "/"), ("SITE_PATH /a/deeper/mount/", "/a/deeper/mount/"),
          ("SITE_URL /jianghua/", "/jianghua/")]


@pytest.fixture(scope="module")
def mounts(site, deeper_site, published_site):
    """(build, prefix) -> base URL of that build served under that prefix, with its headers.
    The builds are the session's: published_site has SITE_URL https://example.org/jianghua/."""
    builds = {"no settings": site, "SITE_PATH /a/deeper/mount/": deeper_site, "SITE_URL /jianghua/": published_site}
    servers, urls = [], {}
    for build, prefix in MOUNTS:
        server, url = static_server.start(builds[build], prefix=prefix, headers=True)
        servers.append(server)
        urls[build, prefix] = url
    yield urls
    for server in servers:
        server.shutdown()


def check_not_found_page(page, base_url, address):
    """The 404 page at `address`: styled, its links lead into the site, and search finds."""
    assert "页面不存在" in page.locator("article h1").inner_text(), address
    # Styled: every stylesheet came from the site and applied (Material's header is sticky).
    sheets = page.evaluate("[...document.styleSheets].map(s => [s.href, s.cssRules.length])")
    assert len(sheets) >= 3 and all(href.startswith(base_url) and rules > 0 for href, rules in sheets), (address, sheets)
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky", address
    # Every link of the page's chrome and text leads to a page of the site.
    home = page.locator("article a", has_text="首页").evaluate("a => a.href")
    assert home == base_url + "index.html", f"{address}: 首页 -> {home}"
    nav = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "as => as.map(a => a.href)")
    assert [href for href in nav if not href.startswith(base_url + "#")] == [base_url + f for f in NAV_FILES], (address, nav)
    footer = page.locator(".md-footer a", has_text="编辑说明").evaluate("a => a.href")   # the copyright line
    assert footer == base_url + "bianji.html", f"{address}: 编辑说明 -> {footer}"
    # Searchable, and the hits lead into the site.
    open_search(page)
    answer = run_query(page, "三会一课")
    assert answer["pages"] and all(page.evaluate("h => new URL(h, document.baseURI).href", href).startswith(base_url)
                                   for href in answer["pages"]), (address, answer["pages"])
    page.keyboard.press("Escape")


@pytest.mark.parametrize("build,prefix", MOUNTS)
def test_not_found_page_works_anywhere(browser, mounts, build, prefix):
    """Every depth of missing address, each in a tab of its own in one context. What a tab loads
    is checked once its search has answered, so every request it made has been answered too;
    closing it ends whatever its last page (the home page) still loads, unrecorded."""
    base_url = mounts[build, prefix]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for address in MISSING:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base_url + address)
        assert missing.value.code == 404, address
        page = context.new_page()
        errors, failed, outside = [], [], []
        page.on("pageerror", lambda err: errors.append(str(err)))
        # Chromium logs the document's own 404 status as a console error: that one is the point.
        page.on("console", lambda m, address=address: errors.append(m.text) if m.type == "error"
                and m.location.get("url") != base_url + address else None)
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r, address=address: failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.url != base_url + address else None)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
        page.goto(base_url + address)
        check_not_found_page(page, base_url, address)
        assert failed == [] and outside == [], (address, failed, outside)
        with page.expect_navigation():
            page.locator("article a", has_text="首页").click()
        assert page.url == base_url + "index.html" and page.locator("h1#biaoti").count() == 1, address
        page.close()
        assert errors == [], (address, errors)
    context.close()


def test_not_found_page_from_disk(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "404.html").as_uri(), wait_until="load")
    base_url = site.as_uri() + "/"
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator("article a", has_text="首页").evaluate("a => a.href") == base_url + "index.html"
    open_search(page)
    assert run_query(page, "三会一课")["pages"]
    context.close()


def test_not_found_page_names_its_encoding_first(site):
    from bs4 import BeautifulSoup

    page = (site / "404.html").read_bytes()
    charsets = BeautifulSoup(page, "html.parser").select("meta[charset]")
    assert [meta["charset"].lower() for meta in charsets] == ["utf-8"]
    # Browsers look for it in the first 1024 bytes: the whole element must be there.
    assert BeautifulSoup(page[:1024], "html.parser").select_one("meta[charset]") is not None


def test_not_found_page_keeps_palette_choice_of_the_site(browser, mounts):
    """Material stores the palette by the folder of the address; on the 404 page that folder is
    wherever the reader landed, so the page is keyed by the site root instead."""
    base_url = mounts["SITE_URL /jianghua/", "/jianghua/"]
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url + "index.html")
    page.locator("label[for=__palette_1]").click()  # to dark
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.goto(base_url + "a/b/missing.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    context.close()
