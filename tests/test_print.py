"""Printing: each section and the whole speech print as a titled A4 Chinese document.

The PDF downloads are the ones `make build` prints (speech/takeaway/make_downloads.py); the handouts are
printed by Chromium the same way; all are read back with poppler.
"""

import re
import subprocess

import lxml.etree
import pytest

import oracle
from browser_wait import PRINT_RULES_LOADED, until
from speech.takeaway.printing import print_pdf
import speech
from conftest import ROOT
from speech.takeaway import downloads

MODEL = speech.load(ROOT / "docs")
# The printable pages: each section and the whole speech.
PRINTED = [doc.page for doc in downloads.documents(MODEL)]

EDITION = oracle.edition()
PAGES = EDITION.expected_pages()
NOTES = [note.text for note in MODEL.notes.values()]
SOURCE_LINE = f"录自《{EDITION.title}》校订存档本。标点与分段按本站“编辑说明”校订，原文疑误加注而未改字。"
SECTION_LABELS = [s.heading for s in EDITION.sections]
CHROME = ["搜索", "跳转至", "上一页", "下一页", "本节链接", "打印", "切换到"]


def poppler(tool, *args) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True).stdout


# Pages a reader prints that are not downloads: the 学习提纲 (home page), 术语, 编辑说明.
HANDOUTS = ["index.html", "shuyu.html", "bianji.html"]


@pytest.fixture(scope="module")
def pdfs(deployed, browser, base_url, tmp_path_factory):
    """The downloads' PDFs as `make build` printed them (the session's deployed build), and the
    handouts printed by Chromium the same way."""
    printed = {doc.page: deployed / "site" / doc.path("pdf") for doc in downloads.documents(MODEL)}
    out = tmp_path_factory.mktemp("pdf")
    page = browser.new_page()
    printed |= {name: print_pdf(page, base_url + name, out / name.replace(".html", ".pdf")) for name in HANDOUTS}
    page.close()
    return printed


def speech_of(pdf_text: str) -> str:
    """The PDF's text without white space, page numbers (— 3 —) and footnote numbers.
    The speech has no digits, so every digit left is one of ours."""
    text = re.sub(r"\s+", "", pdf_text)
    text = re.sub(r"—\d+—", "", text)
    return re.sub(r"\d", "", text)


# A4, every character, the title, fonts embedded: tests/test_downloads.py, on the same files.

@pytest.mark.parametrize("name", PRINTED)
def test_pdf_has_no_site_chrome_and_official_page_numbers(pdfs, name):
    text = poppler("pdftotext", pdfs[name], "-")
    flat = re.sub(r"\s+", "", text)
    for label in CHROME:
        assert label not in flat, f"{pdfs[name].name} prints {label!r}"
    own = {f"{s.slug}.html": s.heading for s in EDITION.sections}.get(name)
    for label in SECTION_LABELS:
        if own and label != own:
            assert label not in flat, f"{pdfs[name].name} prints another section's label {label!r}"
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdfs[name])).group(1))
    numbers = [int(n) for n in re.findall(r"—\s*(\d+)\s*—", text)]
    assert numbers == list(range(1, pages + 1))


# Less paper: 全文 printed 7 pages, each section on a new page, the first holding only
# the title and the opening, the last only the notes and the source line; 一、培训的意义 printed 3,
# the third holding only the source line.
MOST_PAGES = {"quanwen.html": 5, "yiyi.html": 2, "mudi.html": 2, "yaoqiu.html": 2}
TEXT_AREA = (37 / 25.4 * 72, 225 / 25.4 * 72)     # top margin and height of the 版心, in pt


def page_count(pdf) -> int:
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf)).group(1))


@pytest.mark.parametrize("name", PRINTED)
def test_prints_on_as_few_pages_as_a_speech_text_needs(pdfs, name):
    assert page_count(pdfs[name]) <= MOST_PAGES[name]


def test_whole_speech_runs_on_from_section_to_section(pdfs):
    pages = [re.sub(r"\s+", "", page) for page in poppler("pdftotext", pdfs["quanwen.html"], "-").split("\f")]
    # A heading may fall at the top of a page; they do not all start one.
    starting = [h for h in SECTION_LABELS if any(page.startswith(h) for page in pages)]
    assert len(starting) < len(SECTION_LABELS), f"every section starts a new page: {starting}"
    assert not pages[0].endswith(EDITION.opening.replace(" ", "") + "—1—"), "page 1 holds only the opening"


def page_fill(pdf) -> list[float]:
    """How far down its 版心 each page's text reaches (0 to 1), page numbers left out."""
    fills = []
    for page in poppler("pdftotext", "-bbox-layout", pdf, "-").split("<page ")[1:]:
        bottoms = []
        for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", page, re.S):
            text = "".join(re.findall(r"<word [^>]*>(.*?)</word>", body))
            if not re.fullmatch(r"—?\d+—?", text):
                bottoms.append(float(re.search(r'yMax="([\d.]+)"', attrs).group(1)))
        top, height = TEXT_AREA
        fills.append((max(bottoms, default=top) - top) / height)
    return fills


@pytest.mark.parametrize("name", PRINTED)
def test_no_page_is_nearly_empty(pdfs, name):
    """Every page but the last is filled to its foot (but for the lines kept together); the last
    holds a quarter of a page at least."""
    *pages, last = page_fill(pdfs[name])
    for number, fill in enumerate(pages, 1):
        assert fill >= 0.75, f"{pdfs[name].name}: page {number} is filled to {fill:.0%} of its height"
    assert last >= 0.25, f"{pdfs[name].name}: the last page is filled to {last:.0%} of its height"


def lines_of_text(pdf) -> list[list[str]]:
    """Each page's lines of its own text: not the page number, the notes or the source line."""
    notes_and_source = [re.sub(r"\s+", "", text) for text in NOTES + [SOURCE_LINE]]
    pages = []
    for page in poppler("pdftotext", "-bbox-layout", pdf, "-").split("<page ")[1:]:
        lines = []
        for body in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S):
            text = "".join(re.findall(r"<word [^>]*>(.*?)</word>", body))
            bare = re.sub(r"^\d+\.?", "", text)
            if re.fullmatch(r"—?\d+—?", text) or any(bare in note for note in notes_and_source):
                continue
            lines.append(text)
        pages.append(lines)
    return pages


@pytest.mark.parametrize("name", PRINTED + HANDOUTS)
def test_every_printed_page_holds_four_lines_of_its_text(pdfs, name):
    for number, lines in enumerate(lines_of_text(pdfs[name]), 1):
        assert len(lines) >= 4, f"{pdfs[name].name}: page {number} holds {len(lines)} lines of its text: {lines}"


@pytest.mark.parametrize("name", PRINTED)
def test_each_points_lead_sentence_prints_in_an_embedded_kai_face(pdfs, name):
    """GB/T 9704's 二级标题 in 楷体: each 一是……。 in Arphic's UKai (the build machine's 楷体), whose
    subset the PDF embeds; the body around it in another face."""
    embedded = {row.split()[0].split("+")[-1]: row.split()[-5] for row in poppler("pdffonts", pdfs[name]).splitlines()[2:]}
    assert embedded.get("UKaiCN") == "yes", embedded
    layout = lxml.etree.fromstring(subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", pdfs[name]],
                                                  capture_output=True, check=True).stdout)
    kai = {spec.get("id") for spec in layout.iter("fontspec") if spec.get("family", "").endswith("UKaiCN")}
    in_kai = "".join(t.xpath("string()") for t in layout.iter("text") if t.get("font") in kai)
    leads = [point.lead_sentence for section in MODEL.sections for point in section.points
             if name in (f"{section.slug}.html", "quanwen.html")]
    assert leads
    assert re.sub(r"\s+", "", in_kai) == "".join(leads)


@pytest.mark.parametrize("name", ["quanwen.html", "index.html"])
def test_the_printed_title_breaks_where_the_model_breaks_it(pdfs, name):
    first = [line.strip() for line in poppler("pdftotext", "-f", 1, "-l", 1, pdfs[name], "-").splitlines() if line.strip()]
    lines = MODEL.title_lines(20)                  # 二号 in the 156 mm line: 20 characters
    assert tuple(first[:len(lines)]) == lines


def test_the_printed_outline_is_a_study_outline_whose_references_the_printouts_show(pdfs):
    outline = re.sub(r"\s+", "", poppler("pdftotext", pdfs["index.html"], "-"))
    assert outline.startswith(EDITION.title + "学习提纲")
    for section in MODEL.sections:
        # -layout: a number drawn at the head of a line is read with that line.
        # Drawing order (tests/test_fidelity.py says why): the number, then the opening sentence.
        printed = re.sub(r"\s+", "", poppler("pdftotext", "-raw", pdfs[f"{section.slug}.html"], "-"))
        whole = re.sub(r"\s+", "", poppler("pdftotext", "-raw", pdfs["quanwen.html"], "-"))
        for point in section.points:
            assert f"{point.lead_sentence}（第{point.number}段）" in outline
            # The paragraph's number stands at its head, in the section's printout and in 全文's.
            assert f"{point.number}{point.lead_sentence}" in printed, (section.slug, point.number)
            assert f"{point.number}{point.lead_sentence}" in whole, (section.slug, point.number)


def as_printed(page, url: str | None = None) -> None:
    """Show the page (opened at `url` first, if given) as print media, its print rules in."""
    if url:
        page.goto(url)
    until(page, PRINT_RULES_LOADED, f"{page.url}: print.min.css never loaded")
    page.emulate_media(media="print")


def test_handouts_and_headings_are_set_legibly(page, base_url):
    as_printed(page, base_url + "shuyu.html")
    cell = page.eval_on_selector("article table td", "td => [getComputedStyle(td).fontSize, getComputedStyle(td).lineHeight]")
    assert cell == ["16px", "24px"]                # 小四 (12 pt) on 18 pt
    as_printed(page, base_url + "bianji.html")
    text = page.eval_on_selector("#laiyuan + p", "p => [getComputedStyle(p).fontSize, getComputedStyle(p).lineHeight]")
    assert text == ["18.6667px", "29.3333px"]      # 四号 (14 pt) on 22 pt
    as_printed(page, base_url + "quanwen.html")
    headings = page.eval_on_selector_all("h2.speech", "hs => hs.map(h => getComputedStyle(h).fontSize)")
    assert headings == ["21.3333px"] * 3           # 全文's section headings: 三号黑体, whatever the screen does


@pytest.mark.parametrize("name", PRINTED)
def test_no_page_holds_only_notes_or_the_source_line(pdfs, name):
    notes_and_source = [re.sub(r"\s+", "", note) for note in NOTES] + [SOURCE_LINE]
    for number, page in enumerate(poppler("pdftotext", pdfs[name], "-").split("\f")[:-1], 1):
        rest = speech_of(page)
        for text in notes_and_source:
            rest = rest.replace(text, "")
        assert len(rest) >= 20, f"{pdfs[name].name}: page {number} holds only {rest!r} besides notes and source"


@pytest.mark.parametrize("name", PRINTED + HANDOUTS)
def test_no_heading_is_left_alone_at_a_page_foot(pdfs, name):
    headings = {re.sub(r"\s+", "", h) for h in SECTION_LABELS + [EDITION.title]}
    pages = poppler("pdftotext", pdfs[name], "-").split("\f")
    for number, page in enumerate(pages, 1):
        lines = [re.sub(r"\s+", "", line) for line in page.splitlines()]
        lines = [line for line in lines if line and not re.fullmatch(r"—\d+—", line)]
        if lines:
            assert lines[-1] not in headings, f"{pdfs[name].name}: page {number} ends with the heading {lines[-1]}"


def test_section_printout_is_titled_and_typeset(page, base_url):
    """Computed print styles: A4 margins, 仿宋 stack at 16 pt on 28 pt, indent, strict breaks."""
    as_printed(page, base_url + "mudi.html")
    style = page.eval_on_selector("#mudi-2", """e => { const s = getComputedStyle(e);
        return [s.fontFamily, s.fontSize, s.lineHeight, s.textIndent, s.textAlign, s.lineBreak] }""")
    assert style[0].startswith("仿宋_GB2312") and "FangSong" in style[0] and "Noto Serif CJK SC" in style[0]
    assert style[1:] == ["21.3333px", "37.3333px", "42.6667px", "justify", "strict"]  # 16pt, 28pt, 2em
    assert page.locator(".print-masthead").inner_text() == f"《{EDITION.title}》"
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".print-button"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} prints"


def test_print_only_parts_stay_off_the_screen(page, base_url):
    page.goto(base_url + "mudi.html")
    assert page.locator(".print-masthead").count() == 1
    assert not page.locator(".print-masthead").is_visible()
    assert not page.locator(".print-source").is_visible()
    as_printed(page)
    assert page.locator(".print-masthead").is_visible()


def test_print_button_prints(page, base_url):
    for name in ["yiyi.html", "mudi.html", "yaoqiu.html", "quanwen.html"]:
        page.goto(base_url + name)
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++ } }")
        page.get_by_role("button", name="打印", exact=True).click()
        assert page.evaluate("window.__printed") == 1, name
    page.goto(base_url + "index.html")
    assert page.get_by_role("button", name="打印", exact=True).count() == 0     # the home page prints 提纲
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++ } }")
    page.get_by_role("button", name="打印提纲", exact=True).click()
    assert page.evaluate("window.__printed") == 1


def test_print_masthead_title_is_the_speech_title(site):
    from bs4 import BeautifulSoup

    for section in EDITION.sections:
        page = BeautifulSoup((site / f"{section.slug}.html").read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(".print-masthead").get_text() == f"《{EDITION.title}》"
