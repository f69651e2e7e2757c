"""Shared fixtures: one strict build of the site per test run, a local server, and Chromium.

Tests come in layers, marked from the fixtures they use (so a marker cannot lie):
  unit     no build: the speech model, the Markdown extension, the oracle, the style guide
  site     the built HTML (shared builds, one per setting), and builds of broken copies of the project
  browser  Chromium over the built site (and LibreOffice rendering the Word files)
  gates    axe-core and Lighthouse (tests/test_quality.py)
`make check` runs unit and site; `make test` runs everything.
"""

import fcntl
import functools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

import static_server
from browser_wait import leave_and_forget
from harness import ROOT, build_site, chromium, nav_pages

PAGES = nav_pages()

# Chromium (and LibreOffice, for the Word files): the slow, rendering layer.
BROWSER_FIXTURES = {"browser", "page", "search_page", "base_url", "pdfs", "published", "rendered", "deployed"}
SITE_FIXTURES = {"site", "published_site", "deeper_site", "edited_site", "broken"}


def layer(item) -> str:
    fixtures = set(getattr(item, "fixturenames", ()))
    if item.path.name == "test_quality.py":
        return "gates"
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if fixtures & SITE_FIXTURES or {"build_site", "build_broken"} & set(item.function.__code__.co_names):
        return "site"
    return "unit"


def pytest_collection_modifyitems(items):
    """Marks each test with its layer. The builds run while the tests run, in the order of
    SHARED_BUILDS: the modules that need none go first, then each module after the last build it
    needs, and the tests of broken copies (whose builds start behind the shared ones) last, so that
    a test rarely waits for a build. A module's tests stay together (xdist hands out whole modules,
    in this order: --no-loadscope-reorder)."""
    last_build: dict[Path, int] = {}
    for item in items:
        needed = [SHARED_BUILDS.index(name) for name in getattr(item, "fixturenames", ()) if name in SHARED_BUILDS]
        last_build[item.path] = max([last_build.get(item.path, -1), *needed])
    items.sort(key=lambda item: (hasattr(getattr(item, "module", None), "BREAKAGES"), last_build[item.path]))
    for item in items:
        item.add_marker(getattr(pytest.mark, layer(item)))


# What a build reads: a copy of these is a project that builds like the real one.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "includes", "source")   # the plugin is the installed one

# The address a deployer gives the published site (SITE_URL): canonical links, sitemap, QR codes.
PUBLISHED = "https://example.org/jianghua/"
# Where the servers of tests/test_servers.py mount the site with downloads (SITE_PATH).
DEPLOYED_PATH = "/jianghua/"

# Builds run side by side, one per core, while the tests before them run: a build is a process
# of its own, so the threads only wait.
BUILDS = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
_shared: dict[str, Future] = {}
_broken: dict[Callable, Future] = {}
BUILDS_FOLDER: Path | None = None     # this run's builds, shared by its processes: set by pytest_configure


def pytest_configure(config):
    """The run's folder of builds: made by the process that runs alone or leads the xdist workers,
    handed to each worker (pytest_configure_node), removed at the end by its maker."""
    global BUILDS_FOLDER
    if hasattr(config, "workerinput"):
        BUILDS_FOLDER = Path(config.workerinput["builds_folder"])
    else:
        BUILDS_FOLDER = Path(tempfile.mkdtemp(prefix="speech-builds-"))
        BUILDS_FOLDER.chmod(0o755)      # nginx and Apache, as their own users, read the deployed site


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput["builds_folder"] = str(BUILDS_FOLDER)


def made_once(name: str, make: Callable[[Path], subprocess.CompletedProcess]) -> tuple[Path, dict]:
    """`make(folder)` run once per test run, by whichever process (xdist worker) needs it first, while
    the others wait on its lock and then read what it recorded: the folder and {returncode, output}."""
    folder = BUILDS_FOLDER / name
    with open(BUILDS_FOLDER / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)       # released when the file closes
        record = BUILDS_FOLDER / f"{name}.json"
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)      # what a failed attempt left
            folder.mkdir()
            folder.chmod(0o755)
            made = make(folder)
            record.write_text(json.dumps({"returncode": made.returncode, "output": made.stderr + made.stdout}))
        return folder, json.loads(record.read_text())


@functools.cache
def parsed_page(path: Path) -> BeautifulSoup:
    """A built page parsed with html.parser, once per session for every test that reads it (the
    tests that share it only read it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def copy_project(folder: Path) -> Path:
    folder.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / part)
    return folder


def edit_as_an_editor(project: Path) -> None:
    """Changes an editor may make that must still build: a template with a new inline script
    (the CSP follows it), a glossary explanation with < > & in it (text wherever it is shown), a
    page written without its heading (it still has its title, from its front matter)."""
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    assert "{% block libs %}" in text
    template.write_text(text.replace("{% block libs %}", "{% block libs %}<script>var changed = 1</script>", 1),
                        encoding="utf-8")
    glossary = project / "includes" / "glossary.md"
    text = glossary.read_text(encoding="utf-8")
    assert "*[党组]: " in text
    glossary.write_text(text.replace("*[党组]: ", "*[党组]: &lt;党组&gt; &amp; "), encoding="utf-8")
    page = project / "docs" / "wuzhangai.md"
    text = page.read_text(encoding="utf-8")
    assert "# 无障碍说明 { #wuzhangai }\n" in text
    page.write_text(text.replace("# 无障碍说明 { #wuzhangai }\n", "", 1), encoding="utf-8")


def _make_shared(name: str, folder: Path) -> subprocess.CompletedProcess:
    site, project, settings = folder / "site", ROOT, {}
    if name == "published_site":
        settings = {"SITE_URL": PUBLISHED}
    elif name == "deeper_site":
        settings = {"SITE_PATH": "/a/deeper/mount/"}
    elif name == "edited_site":
        project = copy_project(folder / "project")
        edit_as_an_editor(project)
    elif name == "deployed":    # as `make build` builds it, downloads included
        settings = {"PUBLISH": "true", "DOWNLOADS": "true", "SITE_PATH": DEPLOYED_PATH,
                    "DEPLOY_ROOT": str(site)}
    return build_site(project, site, settings)


def _build(name: str) -> Path:
    """One of the builds the tests only read: its site folder (the deployed one: the folder
    holding site/ and deploy/)."""
    folder, made = made_once(name, functools.partial(_make_shared, name))
    assert made["returncode"] == 0, f"strict build of {name} failed:\n{made['output']}"
    return folder if name == "deployed" else folder / "site"


# In the order the tests first need them (test_csp reads edited_site, test_reading published_site).
SHARED_BUILDS = ("site", "edited_site", "published_site", "deeper_site", "deployed")


def shared_build_started(name: str) -> Future:
    if name not in _shared:
        _shared[name] = BUILDS.submit(_build, name)
    return _shared[name]


def shared_build(name: str) -> Path:
    return shared_build_started(name).result()


def pytest_itemcollected(item):
    """Collection keeps one core busy for a second or two: the site build starts on the other as
    soon as a test that reads it is collected. (If none is selected after all, e.g. `-m unit`,
    the session still waits for that build at its end: about two seconds.)"""
    if "site" in getattr(item, "fixturenames", ()) and not item.config.option.collectonly:
        shared_build_started("site")


def pytest_collection_finish(session):
    """Start the builds the collected tests need before the first test runs, in the order the
    tests need them: the shared builds (the site first), then every broken copy (a module's
    BREAKAGES, read by its `broken` fixture; those tests run last). Under xdist every worker
    collects every test: made_once has each build made by one of them."""
    if session.config.option.collectonly:
        return
    needed = set().union(*(getattr(item, "fixturenames", ()) for item in session.items))
    for name in SHARED_BUILDS:
        if name in needed:
            shared_build_started(name)
    for item in session.items:
        if "broken" in getattr(item, "fixturenames", ()):
            for breakage in getattr(item.module, "BREAKAGES", {}).values():
                broken_build_started(breakage)


def pytest_sessionfinish(session):
    BUILDS.shutdown(cancel_futures=True)
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(BUILDS_FOLDER, ignore_errors=True)


@dataclass(frozen=True)
class BrokenBuild:
    returncode: int
    stderr: str      # MkDocs' messages: its log, then click's closing "Aborted with …" line
    site: Path       # the folder the build was told to write the site into


def _make_broken(breakage: Callable[[Path], None], folder: Path) -> subprocess.CompletedProcess:
    breakage(copy_project(folder / "project"))
    return build_site(folder / "project", folder / "out")


def _build_broken(breakage: Callable[[Path], None]) -> BrokenBuild:
    name = f"broken-{breakage.__module__}.{breakage.__qualname__}"
    folder, made = made_once(name, functools.partial(_make_broken, breakage))
    return BrokenBuild(made["returncode"], made["output"], folder / "out")


def broken_build_started(breakage: Callable[[Path], None]) -> Future:
    if breakage not in _broken:
        _broken[breakage] = BUILDS.submit(_build_broken, breakage)
    return _broken[breakage]


def build_broken(breakages: dict[str, Callable[[Path], None]]) -> dict[str, BrokenBuild]:
    """Each breakage applied to a copy of the project of its own; the copies built side by side
    (started at collection when they are a test module's BREAKAGES)."""
    return {name: broken_build_started(breakage).result() for name, breakage in breakages.items()}


@pytest.fixture(scope="session")
def site() -> Path:
    """The site as `make serve` builds it; read only."""
    return shared_build("site")


@pytest.fixture(scope="session")
def published_site() -> Path:
    """The site built with SITE_URL set, as a deployer who knows its address builds it; read only."""
    return shared_build("published_site")


@pytest.fixture(scope="session")
def deeper_site() -> Path:
    """The site built for a deep sub-path named by SITE_PATH (/a/deeper/mount/); read only."""
    return shared_build("deeper_site")


@pytest.fixture(scope="session")
def edited_site() -> Path:
    """A copy of the project changed as edit_as_an_editor says, built; read only."""
    return shared_build("edited_site")


@pytest.fixture(scope="session")
def deployed() -> Path:
    """`make build` with SITE_PATH=/jianghua/ and DEPLOY_ROOT at the site, downloads included (PDFs
    printed by the build's Chromium, as make build prints them): the folder holding site/ and deploy/,
    readable by the servers' users; read only. Its pages link to their downloads; only the 404
    page and deploy/ depend on the path, so it is served at the root too."""
    return shared_build("deployed")


@pytest.fixture(scope="session")
def base_url(site) -> str:
    server, url = static_server.start(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser


DESKTOP = {"width": 1280, "height": 900}


def origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https", "file") else None


@pytest.fixture(scope="session")
def desktop_tab(browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    tab = context.new_page()
    tab.errors, tab.console_errors, tab.origins = [], [], set()
    tab.on("pageerror", lambda err: tab.errors.append(str(err)))
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.on("framenavigated", lambda frame: tab.origins.add(origin(frame.url)) if frame == tab.main_frame else None)
    tab.devtools = context.new_cdp_session(tab)
    yield tab
    context.close()


@pytest.fixture
def page(desktop_tab):
    """A desktop tab (1280 × 900, zh-CN, light) as a first visit finds it: on screen, nothing
    stored by any site, no script errors (page.errors) or console errors (page.console_errors)
    yet. The tests that ask for it take turns with one tab (a navigation costs Chromium far less
    than a new context); after each, what it stored on every site it visited, its cookies, routes,
    emulated media and window size are undone. A test that adds listeners or init scripts, or
    needs other context options or a cold cache, makes a context of its own."""
    yield desktop_tab
    tab = desktop_tab
    leave_and_forget(tab, tab.devtools, tab.origins - {None})
    tab.origins.clear()
    tab.context.clear_cookies()
    tab.unroute_all()
    tab.emulate_media(media="null", color_scheme="light", reduced_motion="no-preference", forced_colors="none",
                      contrast="no-preference")
    tab.set_viewport_size(DESKTOP)
    tab.errors.clear()
    tab.console_errors.clear()


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
