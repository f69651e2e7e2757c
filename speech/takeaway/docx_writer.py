"""The Word download: a section or the whole speech as a .docx in the 讲话稿 layout of GB/T 9704-2012.

    A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm)
    title            二号 (22 pt) 方正小标宋简体, centred, in lines broken only between the phrases the
                     editors chose (the speech model's title_lines), as the printed page breaks it
    body             三号 (16 pt) 仿宋_GB2312, justified, first line indented two characters
    section headings 一级: 三号 黑体, indented like the body; 二级 (the lead sentence of each
                     point, 一是……。): 三号 楷体_GB2312
    lines            fixed at 28.95 pt: 22 lines fill the 225 mm of the 版心
    characters       28 a line: each set 0.25 pt closer than its 16 pt (字符间距紧缩 0.25 磅)
    page numbers     “— 1 —” in 四号 (14 pt) 宋体, a PAGE field, centred in the footer
    notes            the editors' notes as real footnotes: the mark in the paragraph where the note
                     belongs, the note at the foot of the page, in 五号 仿宋
    source line      after the text, under a short rule, in 五号 仿宋; every page before it full, and
                     two lines of the text at least on its page (widow control)

Word reads a run's Chinese font from w:rFonts/@w:eastAsia, which python-docx's `font.name` does
not set: every font here is set for all four scripts, so that neither Word nor WPS falls back to
the pairing of a Latin font. Where a machine lacks the GB fonts (Windows since Vista has 仿宋 /
黑体 / 宋体 but not 仿宋_GB2312 or 方正小标宋简体), the font table names the font to use instead
(w:altName) and marks each as a GB2312 font, which is how Word and WPS pick a substitute.
"""

from __future__ import annotations

import datetime
import io
import itertools
import zipfile
from collections.abc import Sequence

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..edition.model import LEAD_SENTENCE
from .downloads import Document

# Font sizes of Chinese typesetting (字号).
ERHAO = Pt(22)       # 二号
SANHAO = Pt(16)      # 三号
SIHAO = Pt(14)       # 四号
WUHAO = Pt(10.5)     # 五号

# (font, what to use where it is missing): the name Word looks for first, then its w:altName.
TITLE_FONT = ("方正小标宋简体", "华文中宋")
BODY_FONT = ("仿宋_GB2312", "仿宋")
HEADING_FONT = ("黑体", "SimHei")
POINT_FONT = ("楷体_GB2312", "楷体")            # 二级标题: the lead sentence of a point
PAGE_NUMBER_FONT = ("宋体", "SimSun")
# The Latin names of the same faces (Windows' English font names), for the font table.
LATIN_NAMES = {"仿宋": "FangSong", "黑体": "SimHei", "宋体": "SimSun", "华文中宋": "STZhongsong", "楷体": "KaiTi"}
# Characters a title line holds: 二号, set 0.25 pt tight, in the 156 mm line.
TITLE_CHARS = 20

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# 22 lines in the 225 mm of the 版心: 637.8 pt / 22 = 28.99 pt; 28.95 pt (579 twips) is the figure
# in use, a hair under, so that rounding never pushes the 22nd line onto the next page.
LINE_PITCH = Twips(579)
# Word's own styles for footnotes, by their ids (named “footnote text”, “footnote reference”).
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"
NOTE_PITCH = Pt(16)          # the notes and the source line: 五号 on 16 pt, as print.css sets them
# 28 characters in the 156 mm (442.2 pt) of a line: 16 pt characters need 448 pt, so each is set
# 0.25 pt closer (w:spacing −5, in twentieths of a point): 28 × 15.75 = 441 pt.
#
# Not with Word's document grid (w:docGrid type="linesAndChars", charSpace −848), which 公文
# templates use for the same end: Word and WPS then fit 28 characters into 28 cells of 15.79 pt,
# but LibreOffice (7.4) imports the grid and gives every character wider than a cell two cells —
# 14 to 16 characters a line. The tightening does the same in all three. No grid of lines either:
# LibreOffice snaps each line to the grid by its font's height, and a 二号 title line (1.44 em of
# Noto) then takes two grid lines. Fixed 28.95 pt lines make the 22 a page in all three.
TIGHTEN = -5
# The page number's top stands 7 mm below the 版心 (GB/T 9704 7.5): the footer's baseline sits
# 35 − 7 − about 6 mm (one 四号 line) above the page’s foot.
FOOTER_DISTANCE = Mm(22)


def write_docx(doc: Document, source_line: str) -> bytes:
    """The .docx of one document (a section or the whole speech), as bytes."""
    word = _empty_document()
    last = _write_blocks(word, doc)
    _write_source_line(word, last, source_line)
    _set_properties(word.core_properties, doc, source_line)
    out = io.BytesIO()
    word.save(out)
    return _with_fixed_dates(out.getvalue())


def _empty_document() -> WordDocument:
    """A document with the page, styles, fonts and page numbers of the layout, and no paragraph."""
    word = docx.Document()
    _drop_template_leftovers(word)
    _page(word)
    _styles(word)
    _font_table(word)
    _footer_page_numbers(word)
    body = word.element.body
    for child in list(body):            # the template's empty paragraph, keeping sectPr
        if child.tag == qn("w:p"):
            body.remove(child)
    return word


def _write_blocks(word: WordDocument, doc: Document) -> Paragraph:
    """The title, headings and paragraphs of the document, with the editors' notes as footnotes;
    the last paragraph of the speech."""
    footnotes = _Footnotes(word)
    for block in doc.blocks:
        if block.kind == "title":
            _title(word, doc.speech.title_lines(TITLE_CHARS) if doc.speech else (block.text,))
        elif block.kind == "heading":
            _paragraph(word, block.text, HEADING_FONT, SANHAO, indent=True, keep_with_next=True)
        else:
            last = _body_paragraph(word, doc, block.text, footnotes)
    return last


def _title(word: WordDocument, lines: Sequence[str]) -> None:
    """The title in its lines, one paragraph broken where the editors chose, and a blank line under it."""
    title = _paragraph(word, lines[0], TITLE_FONT, ERHAO, centred=True, keep_with_next=True)
    for line in lines[1:]:
        _run(title, "", TITLE_FONT[0], ERHAO)._r.append(parse_xml(f'<w:br {nsdecls("w")}/>'))
        _run(title, line, TITLE_FONT[0], ERHAO)
    _paragraph(word, "", BODY_FONT, SANHAO, keep_with_next=True)   # a blank line under the title


def _write_source_line(word: WordDocument, last: Paragraph, source_line: str) -> None:
    """The source line after the text, and whether the last paragraph is kept with it."""
    # Full pages to the end: the last paragraph breaks across pages like any other, widow control
    # taking two of its lines at least over to the source line. Kept with the source line
    # (w:keepNext) it would not break in LibreOffice, which never splits a paragraph kept with the
    # next, and went over whole, leaving a third of a page empty. A paragraph too short to break
    # (under 2 + 2 lines) loses nothing by it, and is kept with the source line, which then never
    # stands alone after a closing line such as 我的话讲完了。
    if _lines(last) < 4:
        last.paragraph_format.keep_with_next = True
    # The source line in 五号 on 16 pt under a short rule, as the printed page (print.css) has it.
    source = _paragraph(word, source_line, BODY_FONT, WUHAO, indent=True, line=NOTE_PITCH)
    source.paragraph_format.space_before = NOTE_PITCH
    source.paragraph_format.keep_together = True
    _rule_above(source)


def _set_properties(props: CoreProperties, doc: Document, source_line: str) -> None:
    """The file's properties (文件 → 属性): title, subject, keywords, and fixed dates."""
    props.title = doc.document_title
    props.subject = f"{doc.title}（{doc.label}）"
    props.keywords = "动员讲话；党务干部；培训班；城管局；讲话稿"
    props.author = "校订存档本"
    props.comments = source_line
    props.language = "zh-CN"
    props.category = "讲话稿"
    # Fixed dates, here and in the zip: the same speech makes the same file, byte for byte.
    props.created = props.modified = FIXED_DATE
    props.last_modified_by = "校订存档本"
    props.revision = 1


FIXED_DATE = datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc)


def _with_fixed_dates(package: bytes) -> bytes:
    """The same zip with every member dated FIXED_DATE (python-docx dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for member in src.infolist():
            info = zipfile.ZipInfo(member.filename, FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(member))
    return out.getvalue()


# The body and its notes -------------------------------------------------------------------------

def _body_paragraph(word: WordDocument, doc: Document, text: str, footnotes: _Footnotes) -> Paragraph:
    """A paragraph of the speech: its lead sentence (一是……。) in 楷体 as a 二级标题, and a footnote
    mark where each of the editors' notes belongs (the model knows where: Paragraph.note_offsets)."""
    paragraph = _paragraph(word, "", BODY_FONT, SANHAO, indent=True)
    model_paragraph = next((p for p in doc.speech.paragraphs() if p.text == text), None) if doc.speech else None
    notes = list(zip(model_paragraph.notes, model_paragraph.note_offsets)) if model_paragraph else []
    lead = LEAD_SENTENCE.match(text)
    cuts = sorted({0, len(text), *(at for _, at in notes), *([lead.end()] if lead else [])})
    for start, end in itertools.pairwise(cuts):
        font = POINT_FONT if lead and end <= lead.end() else BODY_FONT
        _run(paragraph, text[start:end], font[0], SANHAO)
        for name, at in notes:
            if at == end:
                footnotes.mark(paragraph, doc.speech.notes[name].text)
    return paragraph


def _lines(paragraph: Paragraph) -> int:
    """The lines a body paragraph takes: its first line indented two characters."""
    return -(-(2 + len(paragraph.text)) // CHARS_PER_LINE)


def _rule_above(paragraph: Paragraph) -> None:
    """A short rule over the paragraph: a top border, its length the first line's indent away."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="4" w:color="auto"/></w:pBdr>')
    # Schema order: w:pBdr comes after w:keepNext … w:pageBreakBefore and before w:shd, w:spacing …
    following = [el for el in (p_pr.find(qn(tag)) for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                                              "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                                                              "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                                                              "w:adjustRightInd", "w:snapToGrid", "w:spacing",
                                                              "w:ind", "w:jc", "w:rPr")) if el is not None]
    if following:
        following[0].addprevious(borders)
    else:
        p_pr.append(borders)


class _Footnotes:
    """Word's footnotes part (word/footnotes.xml): python-docx writes none, so it is made here as
    Word makes it — the separator and continuation separator (ids −1 and 0, named in the settings'
    w:footnotePr), then one w:footnote per note, numbered from 1 — with its relationship from the
    document and its content type. In the text, each note is a run holding w:footnoteReference;
    Word, WPS and LibreOffice number them. The mark in the text and the number before the note
    are in Word's own character style for them, FootnoteReference (a superscript), and the note in
    FootnoteText: LibreOffice sets the number before a note in the style it takes for
    FootnoteReference, not in the run's own formatting, so without the style it printed it at the
    paragraph's size, on the line."""

    FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.part: XmlPart | None = None
        self.next_id = 1

    def _xml(self) -> BaseOxmlElement:
        if self.part is None:
            root = parse_xml(
                f'<w:footnotes {nsdecls("w")}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
                'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                '</w:footnotes>')
            self.part = XmlPart(PackURI("/word/footnotes.xml"), self.CONTENT_TYPE, root, self.word.part.package)
            self.word.part.relate_to(self.part, self.FOOTNOTES)
            settings = self.word.settings.element
            note_pr = parse_xml(f'<w:footnotePr {nsdecls("w")}>'
                                '<w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
            # Schema order: w:footnotePr stands just before w:endnotePr, w:compat and what follows them.
            anchor = next((el for el in (settings.find(qn(tag)) for tag in ("w:endnotePr", "w:compat", "w:docVars",
                                                                            "w:rsids", "m:mathPr", "w:themeFontLang",
                                                                            "w:clrSchemeMapping", "w:shapeDefaults",
                                                                            "w:decimalSymbol", "w:listSeparator"))
                           if el is not None), None)
            if anchor is not None:
                anchor.addprevious(note_pr)
            else:
                settings.append(note_pr)
        return self.part.element

    def mark(self, paragraph: Paragraph, text: str) -> None:
        """A footnote mark at the end of `paragraph` (so far), and its note at the page's foot."""
        note_id = self.next_id
        self.next_id += 1
        run = _run(paragraph, "", BODY_FONT[0], SANHAO)
        run._r.style = FOOTNOTE_REFERENCE
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{note_id}"/>'))
        # The note's font and size come from its paragraph style, FootnoteText.
        self._xml().append(parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p>'
            f'<w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r>'
            f'</w:p></w:footnote>'))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Page, styles, fonts ---------------------------------------------------------------------------

def _page(word: WordDocument) -> None:
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = section._sectPr.makeelement(qn("w:docGrid"), {})
        section._sectPr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:linePitch"), str(_twips(LINE_PITCH)))   # no w:type: no grid, see TIGHTEN


def _styles(word: WordDocument) -> None:
    """Document defaults: 仿宋 三号 set 0.25 pt tight, Chinese, fixed 28.95 pt lines, no space
    between paragraphs."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(_rfonts(BODY_FONT[0]))
    r_pr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="{TIGHTEN}"/>'))
    r_pr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="32"/>'))
    r_pr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="32"/>'))
    r_pr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))
    p_pr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(p_pr):
        p_pr.remove(child)
    p_pr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" '
                          f'w:line="{_twips(LINE_PITCH)}" w:lineRule="exact"/>'))
    normal = word.styles["Normal"]
    normal.font.size = SANHAO
    normal.paragraph_format.widow_control = True
    # Word's built-in styles for notes (python-docx's template has neither), under Word's names and
    # ids, which WPS and LibreOffice map to their own footnote styles: the note 五号 on 16 pt,
    # justified; its number, in the text and before the note, a superscript.
    word.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{FOOTNOTE_TEXT}">'
        f'<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
        f'<w:unhideWhenUsed/><w:pPr><w:spacing w:before="0" w:after="0" w:line="{_twips(NOTE_PITCH)}" '
        f'w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{int(WUHAO.pt * 2)}"/><w:szCs w:val="{int(WUHAO.pt * 2)}"/></w:rPr></w:style>'))
    word.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="{FOOTNOTE_REFERENCE}">'
        f'<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
        f'<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'))


def _rfonts(name: str) -> BaseOxmlElement:
    return parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{name}" w:hAnsi="{name}" '
                     f'w:eastAsia="{name}" w:cs="{name}"/>')


def _font_table(word: WordDocument) -> None:
    """Each font the document uses, with its substitute (w:altName) and as a GB2312 (charset 86)
    font, so that a machine without it picks the named Chinese face, not a Latin one."""
    part = next(p for p in word.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = parse_xml(part.blob)
    for font, alt in (TITLE_FONT, BODY_FONT, HEADING_FONT, POINT_FONT, PAGE_NUMBER_FONT):
        for name, alt_name in ((font, alt), (alt, LATIN_NAMES.get(alt))):
            pitch = "variable" if name in (TITLE_FONT[0], TITLE_FONT[1]) else "fixed"
            family = "roman" if name != HEADING_FONT[0] and name != "SimHei" else "modern"
            alt_xml = f'<w:altName w:val="{alt_name}"/>' if alt_name else ""
            table.append(parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}">{alt_xml}<w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'))
    # A plain part keeps its bytes; python-docx has no font table API.
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_template_leftovers(word: WordDocument) -> None:
    """python-docx's template carries a thumbnail of another document: not ours to ship."""
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


def _twips(length: Length) -> int:
    return int(round(length / 635))          # EMU per twip


# Paragraphs -------------------------------------------------------------------------------------

def _paragraph(word: WordDocument, text: str, font: tuple[str, str], size: Length, *, centred: bool = False,
               indent: bool = False, keep_with_next: bool = False, line: Length = LINE_PITCH) -> Paragraph:
    paragraph = word.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    if keep_with_next:
        fmt.keep_with_next = True
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    _no_hanging_punctuation(paragraph)
    if indent:
        # Two characters of the grid (Word, WPS), and 2 × 16 pt where the grid is not honoured.
        fmt.first_line_indent = Pt(2 * size.pt)
        fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    if text:
        _run(paragraph, text, font[0], size)
    else:
        # An empty line still has the body's font and size, so that it is one line of the grid.
        r_pr = paragraph._p.get_or_add_pPr()
        mark = parse_xml(f'<w:rPr {nsdecls("w")}/>')
        mark.append(_rfonts(font[0]))
        mark.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{int(size.pt * 2)}"/>'))
        r_pr.append(mark)
    return paragraph


def _no_hanging_punctuation(paragraph: Paragraph) -> None:
    """w:overflowPunct on: Word's default (允许标点溢出边界), written out for LibreOffice, which
    reads it inverted (7.4: on → no hanging punctuation; absent or off → hanging) and, with the
    tightened letters, drops a comma it hangs into the margin from the page altogether."""
    p_pr = paragraph._p.get_or_add_pPr()
    overflow = p_pr.makeelement(qn("w:overflowPunct"), {qn("w:val"): "1"})
    # Schema order: w:overflowPunct comes before w:spacing, w:ind and w:jc.
    following = [p_pr.find(qn(tag)) for tag in ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                                                 "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                                                 "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                                                 "w:jc", "w:textDirection", "w:textAlignment", "w:rPr")]
    following = [el for el in following if el is not None]
    if following:
        following[0].addprevious(overflow)
    else:
        p_pr.append(overflow)


def _run(paragraph: Paragraph, text: str, font_name: str, size: Length) -> Run:
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.name = font_name                      # w:ascii and w:hAnsi only …
    r_fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), font_name)       # … the Chinese text needs w:eastAsia
    r_fonts.set(qn("w:cs"), font_name)
    return run


def _footer_page_numbers(word: WordDocument) -> None:
    """“— 1 —”: 四号 宋体, a PAGE field between two em dashes (一字线), centred."""
    footer = word.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = fmt.space_after = Pt(0)
    font = PAGE_NUMBER_FONT[0]
    _run(paragraph, "— ", font, SIHAO)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = _run(paragraph, "", font, SIHAO)
        if kind == "instr":
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{text}</w:instrText>'))
        elif kind == "text":
            run.text = text
        else:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
    _run(paragraph, " —", font, SIHAO)
