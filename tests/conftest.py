"""Shared fixtures: one strict build of the site per test run, a local server, and Chromium.

Tests come in layers, marked from the fixtures they use (so a marker cannot lie):
  unit     no build: the speech model, the Markdown extension, the oracle, the style guide
  site     the built HTML (one strict build), and builds of broken copies of the project
  browser  Chromium over the built site (and LibreOffice rendering the Word files)
  gates    axe-core and Lighthouse (tests/test_quality.py)
`make check` runs unit and site; `make test` runs everything.
"""

from pathlib import Path

import pytest

import static_server
from harness import ROOT, build_site, chromium, nav_pages

PAGES = nav_pages()

# Chromium (and LibreOffice, for the Word files): the slow, rendering layer.
BROWSER_FIXTURES = {"browser", "page", "search_page", "base_url", "pdfs", "published", "rendered"}
SITE_FIXTURES = {"site", "project", "published_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.path.name == "test_quality.py":
            item.add_marker(pytest.mark.gates)
        elif fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif fixtures & SITE_FIXTURES or "build_site" in item.function.__code__.co_names:
            item.add_marker(pytest.mark.site)
        else:
            item.add_marker(pytest.mark.unit)


# What a build reads: a copy of these is a project that builds like the real one.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "speech", "source")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break on purpose; build it with build_site(project, …)."""
    import shutil

    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    return tmp_path


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    result = build_site(ROOT, out)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return out


# The address a deployer gives the published site (SITE_URL): canonical links, sitemap, QR codes.
PUBLISHED = "https://example.org/jianghua/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site built with SITE_URL set, as a deployer who knows its address builds it; read only."""
    out = tmp_path_factory.mktemp("published") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", PUBLISHED)
        result = build_site(ROOT, out)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def base_url(site) -> str:
    server, url = static_server.start(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.errors = errors
    yield page
    context.close()


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    """The home page with Material's search open and answering; it records script errors,
    dialogs (alert, confirm…) and how many scripts the page had, for the search tests."""
    from search_ui import open_search

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.dialogs = [], []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "index.html")
    open_search(page)
    page.scripts_before = page.locator("script").count()
    yield page
    context.close()
