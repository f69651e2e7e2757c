"""Downloads and copying: what `make build` publishes, and what a reader takes away.

The site is built as `make build` builds it: MkDocs, whose speech plugin writes site/downloads/
at the end (PDF printed by Chromium, Word and text from the speech model). Every file is checked against the oracle (tests/oracle.py); the copy button's
clipboard against the oracle too; and the build `make serve` makes (no downloads) must link to none.
"""

import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

import oracle
from axe import add_axe, axe_violations
from browser_wait import PRINT_RULES_LOADED, forget_the_site, until
import speech
import static_server
from conftest import ROOT
from speech.takeaway import downloads, make_downloads

EDITION = oracle.edition()
PAGES = EDITION.expected_pages()
MODEL = speech.load(ROOT / "docs")
DOCS = downloads.documents(MODEL)
STEMS = [doc.stem for doc in DOCS]
WECHAT_UA = ("Mozilla/5.0 (Linux; Android 13; V2203A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
             "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
             "MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 "
             "Weixin NetType/WIFI Language/zh_CN ABI/arm64")


def oracle_blocks(stem: str) -> list[str]:
    """The page's speech by the oracle, with the speech's title first on a section's page."""
    blocks = [text for _, text in PAGES[f"{stem}.html"]]
    return blocks if stem == downloads.WHOLE else [EDITION.title] + blocks


def poppler(tool, *args) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def published(deployed):
    """The site as `make build` writes it, downloads included (the session's deployed build)."""
    return deployed / "site"


@pytest.fixture(scope="module")
def published_url(published):
    server, url = static_server.start(published)
    yield url
    server.shutdown()


def download_links(html: str) -> list[str]:
    hrefs = [a["href"].removeprefix("./") for a in BeautifulSoup(html, "html.parser").select("a[href]")]
    return [href for href in hrefs if href.startswith("downloads/")]


# What is published ----------------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_each_printable_page_links_its_three_files_and_they_resolve(published, stem):
    html = (published / f"{stem}.html").read_text(encoding="utf-8")
    links = download_links(html)
    assert links == [f"downloads/{stem}.{fmt}" for fmt in ("pdf", "docx", "txt")]
    for link in links:
        assert link.isascii()
        assert (published / link).stat().st_size > 1000, link


def test_every_download_link_in_the_site_resolves(published):
    linked = set()
    for page in published.glob("*.html"):
        linked.update(download_links(page.read_text(encoding="utf-8")))
    assert len(linked) == 3 * len(STEMS)
    assert not make_downloads.dead_links(published)
    # (Beside them, the published build's precompressed copies for the servers: speech/hosting/assets.py.)
    assert sorted(p.name for p in (published / "downloads").iterdir() if p.suffix not in (".br", ".gz")) == sorted(
        f"{stem}.{fmt}" for stem in STEMS for fmt in downloads.FORMATS)


def test_the_link_check_finds_a_missing_file(published, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published, copy)
    (copy / "downloads" / "mudi.docx").unlink()
    assert make_downloads.dead_links(copy) == ["mudi.html → downloads/mudi.docx"]


def test_the_serve_build_links_to_no_download_but_copies(site):
    """`make serve` (no downloads/ written) shows no dead link."""
    assert not (site / "downloads").exists()
    for page in site.glob("*.html"):
        assert not download_links(page.read_text(encoding="utf-8")), page.name
    def soup(name):
        return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")

    for stem in STEMS:
        assert soup(f"{stem}.html").select(".take-away__copy")
    assert not soup("index.html").select(".take-away")


# The files --------------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_text_file_is_the_oracle_text_with_notes_source_and_edition(published, stem):
    raw = (published / "downloads" / f"{stem}.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM (Notepad, WPS)"
    assert b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends only"
    text = raw.decode("utf-8")[1:].replace("\r\n", "\n")
    assert text.endswith("\n") and "\n\n\n" not in text
    parts = text.rstrip("\n").split("\n\n")
    expected = oracle_blocks(stem)
    assert parts[:len(expected)] == expected
    notes = downloads.document(MODEL, stem).notes
    rest = parts[len(expected):]
    assert len(rest) == len(notes) + 2
    for line, note in zip(rest, notes):
        assert line == f"{MODEL.notes[note.note.name].text}（见{note.place}）"
        assert line.startswith("编者注：")
    assert rest[-2] == f"录自《{EDITION.title}》校订存档本。标点与分段按本站“编辑说明”校订，原文疑误加注而未改字。"
    assert rest[-1] == f"版本：校订存档本 {MODEL.version}（见编辑说明）"
    assert "¶" not in text and not re.search(r"\d", "".join(expected))


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_is_a4_titled_embedded_and_holds_every_character(published, stem):
    pdf = published / "downloads" / f"{stem}.pdf"
    info = poppler("pdfinfo", pdf)
    doc = downloads.document(MODEL, stem)
    assert re.search(r"^Title:\s+(.*)$", info, re.M).group(1) == doc.document_title
    assert b"/DisplayDocTitle true" in pdf.read_bytes()      # the viewer's title bar shows it
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    sizes = poppler("pdfinfo", "-f", 1, "-l", pages, pdf)
    assert sizes.count("(A4)") == pages, sizes
    rows = poppler("pdffonts", pdf).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), "every font embedded"
    text = poppler("pdftotext", "-raw", pdf, "-")     # drawing order: tests/test_fidelity.py says why
    flat = re.sub(r"\d", "", re.sub(r"—\d+—", "", re.sub(r"\s+", "", text)))   # page and note numbers
    expected = re.sub(r"\s+", "", "".join(oracle_blocks(stem)))
    if stem != downloads.WHOLE:     # a section prints the title as its masthead: 《title》
        expected = expected.replace(EDITION.title, f"《{EDITION.title}》", 1)
    assert expected in flat
    assert "校订存档本" in flat
    assert EDITION.title in re.sub(r"\s+", "", text.split("\f")[0])   # on the first page
    # Page numbers: tests/test_print.py, on the same files.


# The controls -----------------------------------------------------------------------------------

def copy_label(stem: str) -> str:
    return "复制全文" if stem == downloads.WHOLE else "复制本节"


def label(stem: str) -> str:
    return downloads.document(MODEL, stem).label


@pytest.fixture(scope="module")
def phone(browser, published_url):
    """A phone-sized page that may use the clipboard, shared by the tests that only read and
    click (a new page costs Chromium a new renderer; a navigation does not)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=published_url.rstrip("/"))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()


@pytest.fixture
def reader(phone, published_url):
    """The phone page as a new reader finds it: on screen, nothing stored, an empty clipboard
    (what an earlier test copied must not pass for this one's), no errors yet."""
    phone.emulate_media(media="screen")
    forget_the_site(phone)
    phone.goto(published_url + "404.html")
    phone.evaluate("navigator.clipboard.writeText('')")
    assert phone.evaluate("navigator.clipboard.readText()") == ""
    phone.errors.clear()
    return phone


def expected_clipboard(stem: str, page_url: str) -> str:
    doc = downloads.document(MODEL, stem)
    lines = oracle_blocks(stem) + [note.text for note in doc.notes]
    lines.append(f"录自《{EDITION.title}》校订存档本（{page_url}）。标点与分段按本站“编辑说明”校订，原文疑误加注而未改字。")
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("stem", STEMS)
def test_each_page_carries_the_oracle_text_to_copy_with_notes_and_source(site, stem):
    """What 复制 copies is on the page (data-text), the page's address left to the browser."""
    box = BeautifulSoup((site / f"{stem}.html").read_text(encoding="utf-8"), "html.parser").select_one(".take-away")
    url = f"https://example.org/somewhere/{stem}.html"
    assert box["data-text"].replace(downloads.URL_SLOT, url) == expected_clipboard(stem, url)
    # The same text as the .txt, but for its address and edition line.
    doc = downloads.document(MODEL, stem)
    assert box["data-text"].replace(downloads.URL_SLOT, url) == downloads.plain_text(doc, doc.source_line("https://example.org/somewhere"))
    assert "¶" not in box["data-text"]
    button = box.select_one("button.take-away__copy")
    assert button.get_text() == copy_label(stem) and button["aria-label"] == f"{copy_label(stem)}：{label(stem)}的讲话文字"


def test_copy_button_copies_the_pages_text_with_its_address(reader, published_url):
    url = published_url + "mudi.html"
    reader.goto(url + "?hl=党章#mudi-2")
    reader.get_by_role("button", name="复制本节：二、培训的目的的讲话文字").click()
    copied = reader.evaluate("navigator.clipboard.readText()")
    assert copied == expected_clipboard("mudi", url)
    assert "¶" not in copied
    reader.wait_for_selector(".md-dialog--active")
    assert reader.locator(".md-dialog__inner").inner_text().startswith("已复制")
    assert not reader.errors


def test_controls_are_labelled_and_work_from_the_keyboard(reader, published_url):
    reader.goto(published_url + "mudi.html")
    group = reader.get_by_role("group", name="下载与复制：二、培训的目的")
    for name in ["下载 PDF：二、培训的目的", "下载 Word（.docx）：二、培训的目的", "纯文本（.txt）：二、培训的目的"]:
        link = group.get_by_role("link", name=name)
        assert link.is_visible(), name
        assert link.get_attribute("download").startswith("动员讲话-二-培训的目的.")
    # Tab from the top of the page reaches the links and the button, in this order.
    reached = []
    for _ in range(40):
        reader.keyboard.press("Tab")
        reached.append(reader.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
        if reached[-1].startswith("复制本节"):
            break
    assert reached[-1] == "复制本节：二、培训的目的的讲话文字"
    assert [r for r in reached if "：二、培训的目的" in r][:3] == [
        "下载 PDF：二、培训的目的", "下载 Word（.docx）：二、培训的目的", "纯文本（.txt）：二、培训的目的"]
    reader.keyboard.press("Enter")
    assert reader.evaluate("navigator.clipboard.readText()") == expected_clipboard("mudi", published_url + "mudi.html")


@pytest.mark.parametrize("stem", STEMS)
def test_controls_fit_a_360_px_screen(reader, published_url, stem):
    reader.goto(published_url + f"{stem}.html")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360
    for control in reader.locator(".take-away a, .take-away button, .print-button").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, control.inner_text()
        assert box["height"] >= 24, control.inner_text()          # a target a finger can hit


def test_inside_wechat_the_links_give_way_to_a_hint_and_copying_works(browser, published_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, user_agent=WECHAT_UA, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=published_url.rstrip("/"))
    page = context.new_page()
    page.goto(published_url + "yaoqiu.html")
    links = page.locator(".take-away__link")
    assert links.count() == 3
    assert not any(link.is_visible() for link in links.all())
    assert page.get_by_role("link", name=re.compile("下载")).count() == 0   # nor read out
    hint = page.locator(".take-away__wechat")
    assert hint.is_visible()
    assert hint.inner_text() == "点右上角 ··· 选择“在浏览器打开”后下载"
    # Centred under the centred row, as the row's other lines are: the hint's text and 复制本节.
    centre = "e => { const r = e.getBoundingClientRect(); return r.left + r.width / 2 }"
    text_centre = """e => { const range = document.createRange(); range.selectNodeContents(e)
        const r = range.getBoundingClientRect(); return r.left + r.width / 2 }"""
    row = page.locator(".tool-row").evaluate(centre)
    assert hint.evaluate(text_centre) == pytest.approx(row, abs=2)
    assert page.locator(".take-away__copy").evaluate(centre) == pytest.approx(row, abs=2)
    page.get_by_role("button", name=re.compile("^复制本节")).click()
    assert page.evaluate("navigator.clipboard.readText()") == expected_clipboard("yaoqiu", published_url + "yaoqiu.html")
    context.close()


def test_outside_wechat_there_is_no_hint(reader, published_url):
    reader.goto(published_url + "yaoqiu.html")
    assert not reader.locator(".take-away__wechat").is_visible()
    assert reader.locator(".take-away__link").first.is_visible()


def test_downloads_and_controls_do_not_print(reader, published_url):
    reader.goto(published_url + "yiyi.html")
    assert reader.locator(".take-away").is_visible()
    until(reader, PRINT_RULES_LOADED)
    reader.emulate_media(media="print")
    assert not reader.locator(".take-away").is_visible()


def test_axe_finds_no_violations_in_the_controls(browser, published_url):
    """The controls of the published pages, links and hint included, in a phone's browser and in
    WeChat side by side (axe runs in both at once), in the light palette and then the dark one
    (chosen with the 无障碍 tools' 深色, a phone's way: Material's own toggle gives way to the site
    name at 360 px). The rest of each page is the site test_quality.py checks (whose build has no
    download links)."""
    options = {"color_scheme": "light", "viewport": {"width": 360, "height": 740}}
    contexts = {"browser": browser.new_context(**options),
                "wechat": browser.new_context(**options, user_agent=WECHAT_UA)}
    tabs = {ua: context.new_page() for ua, context in contexts.items()}
    failures = []
    for stem in STEMS:
        for page in tabs.values():
            forget_the_site(page)                                   # each page opens light
            page.goto(published_url + f"{stem}.html")
            add_axe(page)
            assert page.locator(".take-away").count() == 1
        for scheme in ("default", "slate"):
            for ua, page in tabs.items():
                if scheme == "slate":
                    page.click(".access-entry")
                    page.click("[data-access-scheme=slate]")
                assert page.evaluate("document.body.dataset.mdColorScheme") == scheme, (ua, stem)
            failures += axe_violations({f"{ua}, {stem} ({scheme})": page for ua, page in tabs.items()},
                                       context="{ include: ['.take-away'] }")
    for context in contexts.values():
        context.close()
    assert failures == []
