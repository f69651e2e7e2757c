"""The Word downloads: their layout as written, and as a real word processor sets them.

Each .docx is written as `make build` writes it (speech/takeaway/make_downloads.py), read back with
python-docx for what the file says, then rendered to PDF by LibreOffice headless (Debian's
libreoffice-writer-nogui, installed by tools/install-system-deps.sh) and read with poppler for
what a reader sees: A4, every character of the oracle's text in order, 22 lines a full page and
28 characters a line.

The rendering uses tools/fontconfig/fonts.conf: on a machine without the GB fonts, LibreOffice
would otherwise set 仿宋_GB2312 in Noto Sans CJK JP (a sans face with Japanese glyph forms).

What LibreOffice does with a document grid: it imports Word's w:docGrid (type linesAndChars) as
its own text grid, but gives every character wider than a cell two cells, so the grid 公文
templates use (28 cells of 15.79 pt for 16 pt characters) sets 14 to 16 characters a line. The
.docx therefore reaches 28 a line by tightening the letters 0.25 pt, which Word, WPS and
LibreOffice all honour (see speech/takeaway/docx_writer.py).
"""

import os
import re
import shutil
import subprocess
from collections import Counter

import docx
import lxml.etree
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

import oracle
import speech
from conftest import ROOT
from speech.takeaway.make_downloads import write_files
from speech.takeaway import downloads
from speech.takeaway import docx_writer
from speech.takeaway.docx_writer import LINES_PER_PAGE, CHARS_PER_LINE

EDITION = oracle.edition()
PAGES = EDITION.expected_pages()
MODEL = speech.load(ROOT / "docs")
STEMS = [doc.stem for doc in downloads.documents(MODEL)]
FONTS_CONF = ROOT / "tools" / "fontconfig" / "fonts.conf"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def oracle_blocks(stem: str) -> list[str]:
    """What the file must hold, in order, by the oracle: the title, then the page's blocks."""
    blocks = [text for _, text in PAGES[f"{stem}.html"]]
    return blocks if stem == downloads.WHOLE else [EDITION.title] + blocks


TITLE_LINES = MODEL.title_lines(docx_writer.TITLE_CHARS)


def flat(text: str) -> str:
    """Text without white space and without page numbers (— 3 —); the speech has no digits."""
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def poppler(tool, *args) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    write_files(site, MODEL)
    return {stem: site / "downloads" / f"{stem}.docx" for stem in STEMS}


@pytest.fixture(scope="module")
def rendered(files, tmp_path_factory):
    """Each .docx rendered to PDF by LibreOffice, with the fontconfig aliases."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: `make system-deps` installs libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("rendered")
    profile = tmp_path_factory.mktemp("lo-profile")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    result = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                             "--convert-to", "pdf", "--outdir", str(out), *map(str, files.values())],
                            env=env, capture_output=True, text=True, timeout=240)
    pdfs = {stem: out / f"{stem}.pdf" for stem in files}
    missing = [p.name for p in pdfs.values() if not p.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}:\n{result.stdout}\n{result.stderr}"
    return pdfs


# What the file says ------------------------------------------------------------------------------

def east_asian_font(run) -> str | None:
    fonts = run._r.find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(f"{W}eastAsia")


@pytest.mark.parametrize("stem", STEMS)
def test_docx_holds_the_oracle_text_then_the_source_line(files, stem):
    paragraphs = [p.text for p in docx.Document(files[stem]).paragraphs if p.text]
    expected = oracle_blocks(stem)
    # The title in its lines (a line break, w:br, between them), then the rest word for word.
    assert paragraphs[0] == "\n".join(TITLE_LINES) and "".join(TITLE_LINES) == expected[0]
    assert paragraphs[1:len(expected)] == expected[1:]
    assert len(paragraphs) == len(expected) + 1
    assert paragraphs[-1].startswith(f"录自《{EDITION.title}》校订存档本")


def footnote_part(document):
    return next((part for part in document.part.package.iter_parts() if part.partname == "/word/footnotes.xml"), None)


def is_superscript(run, document) -> bool:
    """A run (w:r) set as a superscript by its own properties or by its character style."""
    r_pr = run.find(f"{W}rPr")
    style_id = None if r_pr is None or r_pr.find(f"{W}rStyle") is None else r_pr.find(f"{W}rStyle").get(f"{W}val")
    style = next((s for s in document.styles.element.iter(f"{W}style") if s.get(f"{W}styleId") == style_id), None)
    for props in (r_pr, None if style is None else style.find(f"{W}rPr")):
        align = None if props is None else props.find(f"{W}vertAlign")
        if align is not None:
            return align.get(f"{W}val") == "superscript"
    return False


@pytest.mark.parametrize("stem", STEMS)
def test_note_numbers_are_superscripts_in_words_footnote_reference_style(files, stem):
    """The mark in the text and the number before each note are in Word's FootnoteReference
    character style, a superscript: LibreOffice sets the number before a note in that style alone
    (its run's own formatting aside), so without it the number stood at the note's full size."""
    document = docx.Document(files[stem])
    notes = lxml.etree.fromstring(footnote_part(document).blob)
    marks = [ref.getparent() for ref in document.element.body.iter(f"{W}footnoteReference")]
    numbers = [ref.getparent() for ref in notes.iter(f"{W}footnoteRef")]
    assert marks and len(numbers) == len(marks)
    for run in marks + numbers:
        assert run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
        assert is_superscript(run, document)
    assert document.styles["footnote reference"].type == WD_STYLE_TYPE.CHARACTER
    note_style = document.styles["footnote text"]
    assert note_style.font.size == Pt(10.5)                                   # 五号
    assert {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in notes.iter(f"{W}p")
            if p.getparent().get(f"{W}type") is None} == {note_style.style_id}


@pytest.mark.parametrize("stem", STEMS)
def test_notes_are_footnotes_marked_where_they_belong(files, stem):
    """Each editors' note is a real footnote: a w:footnoteReference in the paragraph, right after
    the words it is about, and its text in word/footnotes.xml, tied to the document."""
    document = docx.Document(files[stem])
    notes = downloads.document(MODEL, stem).notes
    part = footnote_part(document)
    assert part is not None and part.content_type.endswith("wordprocessingml.footnotes+xml")
    assert any(rel.reltype.endswith("/footnotes") for rel in document.part.rels.values())
    root = lxml.etree.fromstring(part.blob)
    texts = {footnote.get(f"{W}id"): "".join(t.text for t in footnote.iter(f"{W}t")).strip()
             for footnote in root.iter(f"{W}footnote") if not footnote.get(f"{W}type")}
    assert sorted(texts.values()) == sorted(note.note.text for note in notes)
    references = []
    for paragraph in document.paragraphs:
        text = ""
        for run in paragraph._p.iter(f"{W}r"):
            for ref in run.iter(f"{W}footnoteReference"):
                references.append((paragraph.text, len(text), texts[ref.get(f"{W}id")]))
            text += "".join(t.text for t in run.iter(f"{W}t"))
    assert len(references) == len(notes)
    for text, offset, note in references:
        paragraph = next(p for p in MODEL.paragraphs() if p.text == text)
        name = next(n.name for n in MODEL.notes.values() if n.text == note)
        assert (name, offset) in zip(paragraph.notes, paragraph.note_offsets)


@pytest.mark.parametrize("stem", STEMS)
def test_a_rule_stands_above_the_source_line(files, stem):
    source = [p for p in docx.Document(files[stem]).paragraphs if p.text][-1]
    top = source._p.find(f"{W}pPr/{W}pBdr/{W}top")
    assert top is not None and top.get(f"{W}val") == "single"


@pytest.mark.parametrize("stem", STEMS)
def test_only_a_last_paragraph_too_short_to_break_is_kept_with_the_source_line(files, stem):
    """LibreOffice never splits a paragraph kept with the next: a long last paragraph is left free
    to break (widow control brings two of its lines to the source line); one of under 2 + 2 lines,
    which cannot break anyway, is kept with it, so that the source line never stands alone."""
    *_, last, source = [p for p in docx.Document(files[stem]).paragraphs if p.text]
    lines = -(-(2 + len(last.text)) // CHARS_PER_LINE)
    assert bool(last.paragraph_format.keep_with_next) == (lines < 4), (stem, lines)
    assert not last.paragraph_format.keep_together and last.paragraph_format.widow_control
    assert source.paragraph_format.keep_together


@pytest.mark.parametrize("stem", STEMS)
def test_docx_page_and_type_follow_gb_t_9704(files, stem):
    document = docx.Document(files[stem])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]

    heading_texts = {s.heading for s in EDITION.sections}
    for paragraph in document.paragraphs:
        if not paragraph.text:
            continue
        runs = paragraph.runs
        fmt = paragraph.paragraph_format
        lead = re.match(r"[一二三四五][是要][^。]*。", paragraph.text)
        if paragraph.text == "\n".join(TITLE_LINES):
            expected_font, size = "方正小标宋简体", Pt(22)          # 二号, as the PDF's title
        elif paragraph.text in heading_texts:
            expected_font, size = "黑体", Pt(16)                   # 一级标题: 三号黑体
        elif paragraph.text.startswith("录自"):
            expected_font, size = "仿宋_GB2312", Pt(10.5)          # 五号
        else:
            expected_font, size = "仿宋_GB2312", Pt(16)            # 三号
            assert fmt.line_spacing == Pt(28.95), paragraph.text[:10]   # fixed: 22 lines a page
            assert fmt.first_line_indent == Pt(32)
            ind = paragraph._p.find(f"{W}pPr/{W}ind")
            assert ind.get(f"{W}firstLineChars") == "200"          # two characters
        for run in runs:
            font = "楷体_GB2312" if lead and run.text and lead.group(0).startswith(run.text) else expected_font
            assert east_asian_font(run) == font, (paragraph.text[:10], run.text[:10], east_asian_font(run))  # 二级: 楷体
            assert run.font.name == font
            assert run.font.size == size, paragraph.text[:10]
        if lead:
            assert runs[0].text == lead.group(0) and east_asian_font(runs[0]) == "楷体_GB2312"


@pytest.mark.parametrize("stem", STEMS)
def test_docx_page_numbers_are_a_page_field_between_dashes(files, stem):
    footer = docx.Document(files[stem]).sections[0].footer
    paragraph = footer.paragraphs[0]
    assert [field.text.strip() for field in paragraph._p.xpath(".//w:instrText")] == ["PAGE"]
    assert paragraph.text == "— 1 —"          # the field's placeholder result between 一字线
    for run in paragraph.runs:
        assert east_asian_font(run) == "宋体" and run.font.size == Pt(14)   # 四号


@pytest.mark.parametrize("stem", STEMS)
def test_docx_properties_and_font_fallbacks(files, stem):
    document = docx.Document(files[stem])
    doc = downloads.document(MODEL, stem)
    props = document.core_properties
    assert props.title == doc.document_title
    assert EDITION.title in props.subject
    assert "动员讲话" in props.keywords
    assert props.language == "zh-CN"
    # The font table names a substitute for each GB font, and marks it GB2312 (charset 86).
    table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = {font.get(f"{w}name"): font for font in lxml.etree.fromstring(table.blob).iter(f"{w}font")}
    for name, alt in [("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "华文中宋"), ("仿宋", "FangSong"), ("黑体", "SimHei"),
                      ("楷体_GB2312", "楷体"), ("楷体", "KaiTi")]:
        assert fonts[name].find(f"{w}altName").get(f"{w}val") == alt, name
        assert fonts[name].find(f"{w}charset").get(f"{w}val") == "86", name


# What a word processor shows ---------------------------------------------------------------------

def test_fontconfig_aliases_choose_simplified_chinese_faces():
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    for family, face in [("仿宋_GB2312", "Noto Serif CJK SC"), ("方正小标宋简体", "Noto Serif CJK SC"),
                         ("楷体_GB2312", "AR PL UKai CN"), ("楷体", "AR PL UKai CN"),
                         ("宋体", "Noto Serif CJK SC"), ("黑体", "Noto Sans CJK SC")]:
        found = subprocess.run(["fc-match", "-f", "%{family[0]}", family], env=env,
                               capture_output=True, text=True, check=True).stdout
        assert found == face, f"{family} → {found}"


@pytest.mark.parametrize("stem", STEMS)
def test_rendering_is_a4_with_every_character_in_order(rendered, stem):
    pdf = rendered[stem]
    assert "(A4)" in poppler("pdfinfo", pdf)
    text = body_text(pdf)
    expected = flat("".join(oracle_blocks(stem)))
    assert expected in text, f"{stem}.docx as rendered: {first_difference(expected, text)}"
    fonts = poppler("pdffonts", pdf)
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts, fonts   # 仿宋 → serif, 黑体 → sans


def first_difference(expected: str, text: str) -> str:
    for n in range(1, len(expected) + 1):
        if expected[:n] not in text:
            return f"missing or out of order at “…{expected[max(0, n - 12):n]}…”"
    return "?"


def text_lines(pdf, page: int) -> list[tuple[float, float, str, float]]:
    """(yMin, xMax, text, height) of each line on one page, from poppler's layout analysis."""
    xhtml = lxml.etree.fromstring(poppler("pdftotext", "-bbox-layout", "-f", page, "-l", page, pdf, "-").encode())
    x = "{http://www.w3.org/1999/xhtml}"
    return [(float(line.get("yMin")), float(line.get("xMax")), "".join(w.text or "" for w in line.iter(f"{x}word")),
             float(line.get("yMax")) - float(line.get("yMin")))
            for line in xhtml.iter(f"{x}line")]


def page_count(pdf) -> int:
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf)).group(1))


BODY_BOTTOM = (37 + 225) / 25.4 * 72           # the foot of the 版心, in pt from the page's top


def body_and_foot(pdf, page: int) -> tuple[list, list]:
    """A page's lines of body text, and the rest: the footnotes (from the first line that starts
    with a note's number and 编者注) and the source line (录自…). The page number, under the 版心,
    is left out. A note's number, raised and small, is a line of its own to poppler: it is put
    back at the head of its note's first line."""
    lines = []
    for line in text_lines(pdf, page):
        if line[0] > BODY_BOTTOM:
            continue
        if lines and re.fullmatch(r"\d+", lines[-1][2]) and line[2].startswith("编者注："):
            line = (line[0], line[1], lines.pop()[2] + line[2], line[3])
        lines.append(line)
    body, foot = [], []
    for line in lines:
        if foot or re.match(r"\d*编者注：|录自《", line[2]):
            foot.append(line)
        else:
            body.append(line)
    return body, foot


def body_text(pdf) -> str:
    """The rendered body text of every page, footnotes and note marks left out."""
    return "".join(flat(re.sub(r"\d", "", "".join(line[2] for line in body_and_foot(pdf, page)[0])))
                   for page in range(1, page_count(pdf) + 1))


def test_a_full_page_holds_22_lines_of_28_characters(rendered):
    """全文's inner pages are full pages of body text: 22 lines in the 版心, full lines of 28; a
    page with a footnote gives the note the room of its lines."""
    pdf = rendered[downloads.WHOLE]
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf)).group(1))
    assert pages >= 3
    right_edge = (210 - 26) / 25.4 * 72                          # the 版心's right edge, in pt
    for page in range(2, pages):
        body, notes = body_and_foot(pdf, page)
        if not notes:
            assert len(body) == LINES_PER_PAGE, f"page {page}: {len(body)} lines"
        else:                     # the notes' 五号 lines on 16 pt, and the separator, take their room
            assert LINES_PER_PAGE - len(notes) - 2 <= len(body) < LINES_PER_PAGE, f"page {page}: {len(body)} lines"
        full = [len(re.sub(r"\d", "", text)) for _, x_max, text, _ in body if x_max > right_edge - 16]
        counts = Counter(full)
        assert counts.most_common(1)[0][0] == CHARS_PER_LINE, f"page {page}: characters a full line {counts}"
        assert max(len(re.sub(r"\d", "", text)) for _, _, text, _ in body) <= CHARS_PER_LINE, f"page {page}: a line over 28"


PITCH = docx_writer.LINE_PITCH.pt
# The note separator and the room around it: one line (measured: a full page with notes has its
# last line of text one line above its first note).
SEPARATOR_LINES = 1
# What widow control and keeping a heading with its text may leave empty at a page's foot: a
# paragraph that cannot leave two lines there goes over whole (one line empty), a heading goes over
# with two lines of its text; and a line that brings its note with it goes over when the two do
# not fit (yiyi.docx page 1: two lines).
MOST_EMPTY_LINES = 2


def empty_lines_at_the_foot(pdf, page: int) -> float:
    """The lines of the 22-line grid a page leaves empty under its text, above its notes."""
    body, foot = body_and_foot(pdf, page)
    notes = [line for line in foot if not line[2].startswith("录自")]
    floor = notes[0][0] - SEPARATOR_LINES * PITCH if notes else BODY_BOTTOM
    return (floor - max(y_min + height for y_min, _, _, height in body)) / PITCH


def test_pages_are_full_to_the_last_and_the_source_line_never_stands_alone(rendered):
    """GB/T 9704 fills every page but the last: the last paragraph breaks across pages like any
    other (in LibreOffice a paragraph kept with the next would not), and widow control takes two
    lines of it at least to the last page, above the source line."""
    for stem, pdf in rendered.items():
        pages = page_count(pdf)
        for page in range(1, pages):
            empty = empty_lines_at_the_foot(pdf, page)
            assert round(empty) <= MOST_EMPTY_LINES, f"{stem}.docx as rendered, page {page}: {empty:.1f} lines empty"
        body, foot = body_and_foot(pdf, pages)
        assert any(line[2].startswith("录自") for line in foot), f"{stem}.docx: no source line on the last page"
        assert len(body) >= 2, f"{stem}.docx as rendered: the last page has {len(body)} lines of text"


@pytest.mark.parametrize("stem", STEMS)
def test_rendered_title_breaks_where_the_model_breaks_it_and_notes_stand_at_the_page_foot(rendered, stem):
    pdf = rendered[stem]
    first = [line[2] for line in text_lines(pdf, 1)]
    assert tuple(first[:len(TITLE_LINES)]) == TITLE_LINES
    for note in downloads.document(MODEL, stem).notes:
        paragraph = next(p for p in MODEL.paragraphs() if note.note.name in p.notes)
        at = paragraph.note_offsets[paragraph.notes.index(note.note.name)]
        # On the page that shows the note at its foot, the body has the noted words, then its number.
        shown = [page for page in range(1, page_count(pdf) + 1)
                 if note.note.text[:12] in flat("".join(line[2] for line in body_and_foot(pdf, page)[1]))]
        assert shown, f"{stem}: the note {note.note.name} is not at any page's foot"
        body, foot = body_and_foot(pdf, shown[0])
        number = re.match(r"\d+", next(line[2] for line in foot if note.note.text[:6] in flat(line[2]))).group(0)
        text = flat("".join(line[2] for line in body))
        assert re.search(re.escape(paragraph.text[at - 3:at]) + number, text), \
            f"{stem}: no mark {number} after “{paragraph.text[at - 3:at]}” on page {shown[0]}"


def test_docx_is_the_same_file_from_the_same_speech(files):
    """Dated 2022-01-01 inside and out, so that a rebuild uploads no changed file."""
    import zipfile

    with zipfile.ZipFile(files["yiyi"]) as package:
        assert {member.date_time for member in package.infolist()} == {(2022, 1, 1, 0, 0, 0)}
    assert docx.Document(files["yiyi"]).core_properties.modified.year == 2022
    doc = downloads.document(speech.load(ROOT / "docs"), "yiyi")        # the speech read afresh
    assert docx_writer.write_docx(doc, doc.source_line()) == files["yiyi"].read_bytes()
