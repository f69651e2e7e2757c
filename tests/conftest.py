"""Shared fixtures: one strict build of the site per test run, a local server, and Chromium."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "hooks"))

import static_server  # noqa: E402


def nav_pages() -> list[str]:
    """The built pages in navigation order (from mkdocs.yml), e.g. ["index.html", "yiyi.html", …]."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [uri.replace(".md", ".html") for entry in config["nav"] for uri in entry.values()]


PAGES = nav_pages()

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, headless Chromium tries to reach Google's hosts on its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_site(project: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
