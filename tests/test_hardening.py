"""Hostile and unlucky input: crafted highlight links, malformed fragments, a clipboard
that refuses, hostile search text, and the vendored shim's pinned digest.

The highlight cases are the links that froze the tab before: mudi.html with 100 and 200 copies of
hl=的 (15 s and 103 s of main thread), 全文 with 300 (never finished) and with one hl= per distinct
character of the speech (4.7 s). Marking is timed by page.js itself (User Timing); the target
is 50 ms on 全文 (`make bench` prints the figures); the limits here are ten times that, so a slow
shared machine does not fail them while a regression to the old seconds still does.

Addresses longer than a server takes (a stock nginx answers 414 above 8 KB; deployed as
design/deploy.md says, nginx and Apache take 64 KB, as Python's http.server does) reach the page only from disk; the 2 MB cases are in `make bench` (tools/benchmark.py),
opened from disk, as Chromium takes some 15 s to navigate to such an address at all."""

import hashlib
import json
import re
from datetime import datetime
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import pytest

import oracle
from browser_wait import until
from conftest import ROOT
from search_ui import _RUN_QUERY, run_query

LIMIT_MS = 500
EDITION = oracle.edition()
SPEECH = "".join(text for section in EDITION.sections for _, text in section.blocks())


def hl(*passages):
    return "&".join("hl=" + quote(p) for p in passages)


def distinct_characters():
    """Every distinct character of the speech, in order of first appearance."""
    return list(dict.fromkeys(c for c in SPEECH if not c.isspace()))


PATHOLOGICAL = {  # name: (page, query and fragment)
    "100 × 的": ("mudi.html", hl(*["的"] * 100)),
    "200 × 的": ("mudi.html", hl(*["的"] * 200)),
    "300 × 的 on 全文": ("quanwen.html", hl(*["的"] * 300)),
    "every character on 全文": ("quanwen.html", hl(*distinct_characters())),
    "60 KB of hl=的 on 全文": ("quanwen.html", "&".join([hl("的")] * (60_000 // len(hl("的") + "&")))),
    "60 KB passage on 全文": ("quanwen.html", hl("的") + "&hl=" + quote("的") * (60_000 // 9)),
    "3,000 distinct passages on 全文": ("quanwen.html", hl(*[f"党{i}" for i in range(3000)])),
}


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for every highlight link of this module: each is opened as a document of its own
    (after about:blank, so a link that differs only in its fragment is loaded, not scrolled to)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def open_marked(page, base_url, name, query, viewport=(1280, 900)):
    """`name` opened with `query`: its script errors and dialogs recorded from here on, and how
    long page.js took to mark it."""
    page.goto("about:blank")
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.errors, page.dialogs = [], []
    page.goto(f"{base_url}{name}?{query}")
    page.marking_ms = page.evaluate("performance.getEntriesByName('search-hit marking').map(e => e.duration)")
    return page


def marks(page):
    return page.evaluate("""[...document.querySelectorAll('mark.search-hit')].map(m => m.textContent)""")


@pytest.fixture(scope="module")
def single(tab, base_url):
    """How many marks one hl=的 gives on each page: what any number of copies must give."""
    counts = {}
    for name in ("mudi.html", "quanwen.html"):
        counts[name] = len(marks(open_marked(tab, base_url, name, hl("的"))))
    assert counts["quanwen.html"] > counts["mudi.html"] > 10
    return counts


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_crafted_highlight_link_is_marked_quickly_and_flat(tab, base_url, single, case):
    name, query = PATHOLOGICAL[case]
    page = open_marked(tab, base_url, name, query)
    assert page.evaluate("location.search.length") == len(query) + 1
    found = marks(page)
    assert page.errors == [] and page.dialogs == []
    assert len(page.marking_ms) == 1 and page.marking_ms[0] <= LIMIT_MS, f"{case}: {page.marking_ms} ms"
    assert page.evaluate("document.querySelectorAll('mark mark').length") == 0
    if case.endswith("× 的") or case.startswith("60 KB of"):
        assert len(found) == single[name] and set(found) == {"的"}  # copies add nothing
    if case == "every character on 全文":
        # The first ten distinct characters are marked, each occurrence once, touching ones merged.
        first = distinct_characters()[:10]
        assert found and set("".join(found)) <= set(first)


def test_overlapping_passages_make_one_mark(tab, base_url):
    page = open_marked(tab, base_url, "mudi.html", hl("三会一", "会一课", "三会一课"))
    inside = page.evaluate("[...document.querySelectorAll('#mudi-4 mark.search-hit')].map(m => m.textContent)")
    assert inside == ["三会一课"]
    assert page.evaluate("document.querySelectorAll('mark mark').length") == 0


def test_passage_across_inline_elements_is_still_marked(tab, base_url):
    """A passage running into a glossary term is marked piecewise, one mark per text node."""
    text = "".join(t for _, t in next(s for s in EDITION.sections if s.slug == "mudi").blocks())
    at = text.index("三会一课")
    passage = text[at - 3:at + 2]  # three characters before the term, two of it
    page = open_marked(tab, base_url, "mudi.html", hl(passage))
    assert "".join(marks(page)) .count(passage) >= 1 and len(marks(page)) >= 2


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "%", "%ZZ", "mudi-4%", "no-such-id", "%E4%B8%89"])
def test_malformed_or_unknown_fragment_still_scrolls_to_the_hit(tab, base_url, fragment):
    page = open_marked(tab, base_url, "mudi.html", hl("三会一课") + "#" + fragment, viewport=(390, 844))
    assert page.errors == []
    box = page.locator("mark.search-hit").first.bounding_box()
    assert box and 0 <= box["y"] <= 844 - box["height"], f"#{fragment}: hit not in view {box}"


@pytest.mark.parametrize("passage", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                     "</mark><b>x</b>", '"><svg onload=alert(1)>', "<b>三会一课</b>",
                                     "&lt;b&gt;", "javascript:alert(1)", "\u202e三会一课", "三会\x00一课"])
def test_highlight_with_markup_marks_nothing_and_runs_nothing(tab, base_url, passage):
    page = open_marked(tab, base_url, "mudi.html", hl(passage, "三会一课"))
    assert page.errors == [] and page.dialogs == []
    assert set(marks(page)) == {"三会一课"}  # only the real passage
    tags = page.evaluate("[...new Set([...document.querySelectorAll('article *')].map(e => e.tagName))]")
    assert not {"SCRIPT", "IMG", "SVG", "B"} & set(tags)


# --- The citation copy -------------------------------------------------------------------------

REFUSING_API = """navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"))"""
COUNT_EXEC = """window.__exec = [];
const exec = document.execCommand.bind(document);
document.execCommand = (command) => { window.__exec.push(command); return %s }"""


@pytest.fixture(scope="module")
def clipboard_reader(browser, base_url):
    """A tab of a context without the stubs, that may read and write the browser's clipboard."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(base_url + "index.html")
    yield page
    context.close()


@pytest.fixture(scope="module")
def copier_tab(browser, base_url):
    context = browser.new_context(timezone_id="Asia/Shanghai")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    yield context.new_page()
    context.close()


@pytest.fixture
def copier(copier_tab):
    """A tab of a context in China's time zone that may use the clipboard, shared by the copy
    tests: each adds its stubs as init scripts of the tab (page.stubs), removed after it, passed
    or failed."""
    copier_tab.stubs = []
    yield copier_tab
    for stub in copier_tab.stubs:
        stub.close()
    copier_tab.goto("about:blank")


@pytest.mark.parametrize("api,exec_command,expected", [
    ("works", "real", "copied by the API"),
    ("refuses", "real", "copied by execCommand"),
    ("missing", "real", "copied by execCommand"),
    ("refuses", "refuses", "manual hint"),
    ("missing", "throws", "manual hint"),
])
def test_citation_copy_falls_back_then_tells(copier, base_url, clipboard_reader, api, exec_command, expected):
    # The clipboard is the browser's, shared by its contexts: fill it with something else first.
    clipboard_reader.evaluate("navigator.clipboard.writeText('before')")
    page = copier
    page.stubs.append(page.add_init_script(COUNT_EXEC % {"real": "exec(command)", "refuses": "false",
                                                         "throws": "(() => { throw new Error('no') })()"}[exec_command]))
    if api == "refuses":
        page.stubs.append(page.add_init_script(REFUSING_API))
    elif api == "missing":
        page.stubs.append(page.add_init_script(
            "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })"))
    page.goto(base_url + "mudi.html")
    page.locator("#mudi-4").hover()
    page.locator("#mudi-4 a.para-link").click()
    # Copied or not, the status line says so last: wait for it.
    until(page, "document.querySelector('[data-md-component=dialog]').innerText.includes('复制')",
          f"{expected}: the status line says nothing of the copy")
    told = page.locator("[data-md-component=dialog]").inner_text()
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    citation = f"佚名. {EDITION.title}[EB/OL]. (2022)[{today}]. {base_url}mudi.html#mudi-4."
    executed = page.evaluate("window.__exec")
    # Read back from the context without the stubs.
    clipboard = clipboard_reader.evaluate("navigator.clipboard.readText()")
    if expected == "manual hint":
        assert told == "未能复制，请手动复制地址栏中的链接" and executed == ["copy"] and clipboard == "before"
    else:
        assert told == "已复制引用：" + citation
        assert executed == ([] if expected == "copied by the API" else ["copy"])
        assert clipboard == citation


# --- Hostile search input that already holds ----------------------------------------------------

def run_raw_query(page, query):
    """Like run_query, but the text goes through JSON escapes, so lone surrogates arrive intact."""
    answer = page.evaluate(f"(q) => ({_RUN_QUERY})(JSON.parse(q))", json.dumps(query))
    answer["page_files"] = [urlsplit(href).path.rsplit("/", 1)[-1] for href in answer["pages"]]
    return answer


HOSTILE_SEARCHES = {
    "10,000 × 党": "党" * 10000,
    "10,000 × x": "x" * 10000,
    "10,000 mixed": ("三会一课 <b>&amp;" * 1000)[:10000],
    "3,000 terms": " ".join(["党章"] * 3000),
    "3,000 distinct terms": " ".join(f"党{i}" for i in range(3000)),
    "lone high surrogate": "\ud800",
    "lone low surrogate": "党\udc00章",
    "surrogates reversed": "\udfff\ud800" * 50,
    "RTL override": "\u202e党章\u202c",
    "RTL mark": "\u200f党章",
    "NUL": "\x00",
    "NUL inside": "党\x00章",
}


@pytest.mark.parametrize("case", HOSTILE_SEARCHES)
def test_hostile_search_text_breaks_nothing(search_page, case):
    answer = run_raw_query(search_page, HOSTILE_SEARCHES[case])
    assert not answer["timedOut"], case
    assert search_page.errors == [] and search_page.dialogs == [], case
    assert answer["ms"] < 2000, f"{case}: {answer['ms']:.0f} ms"
    if "党章" in HOSTILE_SEARCHES[case].replace("\x00", "").replace("\udc00", "") and "terms" not in case:
        assert answer["page_files"] == run_query(search_page, "党章")["page_files"], case
    assert run_query(search_page, "三会一课")["page_files"][0] == "mudi.html"


# --- The vendored iframe-worker shim ------------------------------------------------------------

SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"  # iframe-worker 1.0.4


def test_vendored_shim_is_the_pinned_one(site):
    shim = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "shim.js"
    digest = hashlib.sha256(shim.read_bytes()).hexdigest()
    assert digest == SHIM_SHA256, f"shim.js changed: {digest}"
    assert (site / "assets" / "vendor" / "iframe-worker" / "shim.js").read_bytes() == shim.read_bytes()
    script = (ROOT / "tools" / "vendor-iframe-worker.sh").read_text(encoding="utf-8")
    pinned = dict(re.findall(r'^\s*\[?"?([0-9.]+)"?\]?=([0-9a-f]{64})', script, re.M))
    version = (ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "VERSION").read_text().split()[1]
    assert pinned.get(version) == SHIM_SHA256, f"tools/vendor-iframe-worker.sh pins {pinned}"
