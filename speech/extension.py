"""The Python-Markdown extension that marks the speech on every page, on the element tree.

    markdown.Markdown(extensions=["attr_list", "footnotes", "toc", SpeechExtension(speech, glossary)])

Its treeprocessors, by priority (higher runs first; Python-Markdown's own in brackets):

    [inline 20, footnotes 50/19/15, attr_list 8]
    7.9  speech-blocks     class="speech" on the blocks with the speech's ids; the page shows every
                           block it shows whole, in order, word for word as the model has it; one h1
                           a page (全文's included section headings become h2 before toc lists them);
                           lead sentences and ordinals set off; the outline, the glossary table,
                           the collation with its summary and the edition version filled in where
                           a page asks for them
    7.8  cite-page         a 引用本页 block (GB/T 7714) at the foot of a page that shows a section
    7    speech-glossary   glossary terms in the speech marked: Python-Markdown's abbr, with only
                           the way it finds a term changed (Chinese has no word boundaries)
    6.5  paragraph-links   a ¶ after each speech paragraph that copies a citation
    [toc 5]
    4.9  editorial-marks   class="editorial" on every mark the site adds inside the speech
    [relpath 0, unescape 0]
    -1   search-blocks     the page's text blocks, for the search index

Because all of it works on elements, attribute order and extra classes ({ #mudi-4 .key }) do not
matter, and text is escaped by construction.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from . import collation as collation_
from . import model
from .collation import Collation
from .model import EDITORIAL, SPEECH, ORDINAL, Speech, StructureError, speech_text
from .sentences import SentenceMarks

# Where a page asks for generated content: an empty element with one of these ids, e.g.
#   <nav id="outline" class="outline" aria-label="讲话结构" markdown></nav>
OUTLINE_ID = "outline"
GLOSSARY_ID = "glossary"
COLLATION_ID = "collation"                  # <div id="collation" class="collation" markdown></div>
COLLATION_SUMMARY_ID = "collation-summary"  # the counts of changes and the noted slips
VERSION_ID = "edition-version"              # the edition version (Speech.version)
RULES_PAGE = "bianji.md"

# Inside these, glossary terms are not marked.
_NO_TERMS = {"a", "sup", "abbr", "code"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "tr"}
_ANCHORED = {"h1", "h2", "h3", "h4", "p", "li", "blockquote", "table"}


def add_class(element: etree.Element, name: str) -> None:
    classes = (element.get("class") or "").split()
    if name not in classes:
        element.set("class", " ".join(classes + [name]))


def has_class(element: etree.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


class SpeechExtension(Extension):
    """Marks the speech. `speech` is the model (speech.load), `glossary` maps term → explanation,
    `collation` is the source set against the model (speech.collation.collate), for the page that
    shows it.

    `page` names the document being converted in error messages; the MkDocs glue sets it before
    each page. After a conversion, `blocks` holds the page's text blocks for the search index.
    """

    def __init__(self, speech: Speech, glossary: dict[str, str] | None = None,
                 collation: Collation | None = None, **kwargs):
        self.config = {}
        super().__init__(**kwargs)
        self.speech = speech
        self.glossary = dict(glossary or {})
        self.collation = collation
        self.page = "<document>"
        # What a structure error raises: StructureError here; the MkDocs glue makes it MkDocs' own
        # build error, which MkDocs reports as one line naming the page rather than a traceback.
        self.error_type: type[Exception] = StructureError
        self.blocks: list[dict] = []

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.treeprocessors.register(SpeechBlocks(md, self), "speech-blocks", 7.9)
        md.treeprocessors.register(CitePage(md, self), "cite-page", 7.8)
        md.treeprocessors.register(GlossaryTerms(md, self), "speech-glossary", 7)
        md.treeprocessors.register(ParagraphLinks(md, self), "paragraph-links", 6.5)
        md.treeprocessors.register(EditorialMarks(md), "editorial-marks", 4.9)
        md.treeprocessors.register(SentenceMarks(md), "sentence-marks", 4.8)
        md.treeprocessors.register(SearchBlocks(md, self), "search-blocks", -1)

    def reset(self):
        self.blocks = []


class SpeechBlocks(Treeprocessor):
    def __init__(self, md, ext: SpeechExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        self.mark_and_check(root)
        self.one_h1(root)
        for paragraph in root.iter("p"):
            if has_class(paragraph, SPEECH) and not paragraph.get("id", "").startswith(model.OPENING):
                self.set_off(paragraph)
        self.fill(root, OUTLINE_ID, self.outline)
        self.fill(root, GLOSSARY_ID, self.glossary_table)
        self.fill(root, COLLATION_SUMMARY_ID, self.collation_summary)
        self.fill(root, COLLATION_ID, self.collation_text)
        self.fill(root, VERSION_ID, self.edition_version)

    def error(self, message: str) -> Exception:
        return self.ext.error_type(f"{self.ext.page}: {message}")

    def mark_and_check(self, root):
        """Class the speech blocks; a page that shows part of the speech shows it whole and true."""
        speech = self.ext.speech
        shown: dict[str, etree.Element] = {}
        for element in root.iter():
            block_id = element.get("id")
            if block_id and speech.is_speech(block_id):
                if block_id in shown:
                    raise self.error(f"the speech block {block_id} appears twice")
                add_class(element, SPEECH)
                shown[block_id] = element
        # Whatever part of the speech a page shows (the title, the opening, a section), it shows
        # all of it, in order: a snippet marker moved up a paragraph must not drop one silently.
        groups = [[(model.TITLE_ID, speech.title)], [(p.id, p.text) for p in speech.opening]]
        groups += [section.blocks() for section in speech.sections]
        for group in groups:
            ids = [block_id for block_id, _ in group]
            on_page = [block_id for block_id in shown if block_id in ids]
            if on_page and on_page != ids:
                missing = [block_id for block_id in ids if block_id not in on_page]
                raise self.error(f"shows {on_page[0]} but not all of its part of the speech in order "
                                 f"(missing or out of place: {', '.join(missing) or 'order'}); "
                                 "check the snippet markers")
        for block_id, text in speech.blocks():
            if block_id in shown and speech_text(shown[block_id]) != text:
                raise self.error(f"{block_id} differs from the speech as its own file has it "
                                 f"(“{speech_text(shown[block_id])[:20]}…”): check the snippet markers")

    @staticmethod
    def one_h1(root):
        """Every h1 after the first becomes h2 (全文 includes each section file with its h1)."""
        for heading in [h for h in root.iter("h1")][1:]:
            heading.tag = "h2"

    @staticmethod
    def set_off(paragraph):
        """<span class="lead"> around the lead sentence, <span class="ordinal"> around 第一…"""
        lead = model.LEAD_SENTENCE.match(paragraph.text or "")
        if lead:
            span = etree.Element("span", {"class": "lead"})
            span.text = lead.group(0)
            span.tail = paragraph.text[lead.end():]
            paragraph.text = ""
            paragraph.insert(0, span)
        OrdinalMarks().iter_element(paragraph)

    def fill(self, root, element_id, build):
        for element in root.iter():
            if element.get("id") == element_id:
                if len(element) or (element.text or "").strip():
                    raise self.error(f"the element #{element_id} must be empty: the build fills it")
                build(element)
                del element.attrib["id"]   # the page's own anchor is the heading above it
                return

    def outline(self, nav):
        """The three parts, and under each its points by their lead sentences, linked."""
        parts = etree.SubElement(nav, "ol")
        for section in self.ext.speech.sections:
            item = etree.SubElement(parts, "li")
            link = etree.SubElement(item, "a", {"href": f"{section.source}#{section.slug}"})
            link.text = section.heading
            if section.announced:
                link.tail = "　"
                count = etree.SubElement(item, "span", {"class": "outline-count"})
                count.text = section.announced
            points = etree.SubElement(item, "ul")
            for paragraph in section.points:
                entry = etree.SubElement(points, "li")
                point = etree.SubElement(entry, "a", {"href": f"{section.source}#{paragraph.id}"})
                point.text = paragraph.lead_sentence
                # The printed 学习提纲 says where each point is (print.css shows it).
                etree.SubElement(entry, "span", {"class": "outline-para"}).text = f"（第 {paragraph.number} 段）"

    def glossary_table(self, container):
        """Term, explanation, and a link to each paragraph of the speech that uses the term."""
        speech = self.ext.speech
        table = etree.SubElement(container, "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for label in ("术语", "释义", "出处"):
            etree.SubElement(head, "th").text = label
        body = etree.SubElement(table, "tbody")
        for term, explanation in self.ext.glossary.items():
            row = etree.SubElement(body, "tr")
            etree.SubElement(row, "td").text = AtomicString(term)
            etree.SubElement(row, "td").text = AtomicString(explanation)
            places = etree.SubElement(row, "td")
            links = []
            for paragraph in speech.paragraphs():
                if term in paragraph.text:
                    short = (model.OPENING_LABEL if paragraph.in_opening
                             else f"{paragraph.place.split('、')[0]}、第 {paragraph.number} 段")
                    link = etree.Element("a", {"href": f"{speech.source_of(paragraph)}#{paragraph.id}",
                                               "title": paragraph.label})
                    link.text = short
                    links.append(link)
            if not links:
                places.text = "—"
            for n, link in enumerate(links):
                if n:
                    links[n - 1].tail = "；"
                places.append(link)


    # The collation (对照原文) -------------------------------------------------------------------
    #
    # The contract its tests check: inside .collation, the text with <del> kept and <ins> and
    # .editorial dropped is source/ (white space aside); with <ins> kept and <del> and .editorial
    # dropped it is the edition. So every character of the source is in the text or a <del>, every
    # character the edition adds is in an <ins>, and every mark the site adds to help the reader
    # (block labels, note marks) is .editorial. A rejoined line break is a <del> holding the
    # source's own newline: both readings stay exact, and edition.css draws it as a struck ↵.

    def the_collation(self) -> Collation:
        if self.ext.collation is None:
            raise self.error("asks for the collation, but the build has not read source/ for it")
        return self.ext.collation

    def block_link(self, block_id: str) -> str:
        """Where a block of the speech lives: yiyi.md#yiyi-3, index.md#kaichang-1."""
        paragraph = self.ext.speech.paragraph(block_id)
        slug = block_id.split("-")[0]
        section = self.ext.speech.section(slug)
        if section is None or (paragraph is not None and paragraph.in_opening):
            return f"{model.HOME}#{block_id}"
        return f"{section.source}#{block_id}"

    def note_link(self, block_id: str, note: str) -> str:
        return f"{self.block_link(block_id).split('#')[0]}#fn:{note}"

    def collation_text(self, container):
        """Each block of the source in order: the web page's header and footer struck through, the
        speech's blocks with their changes in place and a label linking to the block's page."""
        for block in self.the_collation().blocks:
            p = etree.SubElement(container, "p", {"class": f"collation-{block.role}"})
            if block.id is None:
                label = etree.SubElement(p, "span", {"class": f"collation-label {EDITORIAL}"})
                label.text = "原网页页首（删去）" if block.role == "header" else "原网页页尾（删去）"
            else:
                p.set("id", f"dz-{block.id}")
                label = etree.SubElement(p, "a", {"class": f"collation-label {EDITORIAL}",
                                                  "href": self.block_link(block.id),
                                                  "title": self.block_title(block.id)})
                label.text = block.id
            for segment in block.segments:
                self.collation_segment(p, block, segment)

    def block_title(self, block_id: str) -> str:
        paragraph = self.ext.speech.paragraph(block_id)
        if paragraph:
            return f"本版 {paragraph.label}"
        return "本版标题" if block_id == model.TITLE_ID else f"本版 {self.ext.speech.section(block_id).heading}"

    def collation_segment(self, p, block, segment):
        kind = segment.kind
        if kind == collation_.SAME:
            _append_text(p, segment.source)
        elif kind == collation_.PUNCTUATION:
            etree.SubElement(p, "del").text = AtomicString(segment.source)
            etree.SubElement(p, "ins").text = AtomicString(segment.edition)
        elif kind == collation_.LINEBREAK:
            mark = etree.SubElement(p, "del", {"class": "linebreak", "title": "原网页在此断行，本版接回"})
            mark.text = AtomicString(segment.source)
        elif kind == collation_.BOILERPLATE:
            etree.SubElement(p, "del").text = AtomicString(segment.source)
        elif kind == collation_.NOTE:
            note = self.ext.speech.notes[segment.note]
            sup = etree.SubElement(p, "sup", {"class": f"collation-note {EDITORIAL}"})
            link = etree.SubElement(sup, "a", {"href": self.note_link(block.id, segment.note),
                                               "title": note.text, "aria-label": note.text})
            link.text = "注"
        else:
            raise self.error(f"the collation has a segment of unknown kind {kind!r}")

    def collation_summary(self, container):
        """The counts per change, the noted slips linked to their paragraphs, and the version."""
        found = self.the_collation()
        table = etree.SubElement(container, "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for label in ("改动", "处数", "依据"):
            etree.SubElement(head, "th").text = label
        body = etree.SubElement(table, "tbody")
        notes = found.segments(collation_.NOTE)
        # (what changed: a label, or the marks half → full; how many; the rule on 编辑说明)
        rows = [((half, full), n, 1) for (half, full), n in found.punctuation_counts().items()]
        rows += [("接回分号后的断行", found.rejoined, 2),
                 ("删去网页页首", sum(b.role == "header" for b in found.boilerplate()), 3),
                 ("删去网页页尾", sum(b.role == "footer" for b in found.boilerplate()), 3),
                 ("疑误加编者注，不改字", len(notes), 4)]
        for what, count, rule in rows:
            row = etree.SubElement(body, "tr")
            cell = etree.SubElement(row, "td")
            if isinstance(what, tuple):
                half, full = (etree.SubElement(cell, "code") for _ in range(2))
                half.text, full.text = AtomicString(what[0]), AtomicString(what[1])
                half.tail = "→"
            else:
                cell.text = what
            etree.SubElement(row, "td").text = str(count)
            link = etree.SubElement(etree.SubElement(row, "td"), "a", {"href": f"{RULES_PAGE}#guize-{rule}"})
            link.text = f"规则 {rule}"
        kept = etree.SubElement(container, "p")
        kept.text = f"此外讲话的 {found.kept} 个字符照录原文。对照的是本版版本 "
        etree.SubElement(kept, "code").text = self.ext.speech.version
        kept[0].tail = "（见"
        link = etree.SubElement(kept, "a", {"href": f"{RULES_PAGE}#banben"})
        link.text = "编辑说明"
        link.tail = "）。"
        if notes:
            intro = etree.SubElement(container, "p")
            intro.text = "加了编者注的疑误："
            slips = etree.SubElement(container, "ul", {"class": "collation-slips"})
            blocks = {id(s): b for b in found.blocks for s in b.segments}
            for segment in notes:
                block = blocks[id(segment)]
                paragraph = self.ext.speech.paragraph(block.id)
                item = etree.SubElement(slips, "li")
                where = etree.SubElement(item, "a", {"href": self.block_link(block.id)})
                where.text = paragraph.label if paragraph else block.id
                where.tail = (f"（原网页第 {segment.line} 行）："
                              f"{self.ext.speech.notes[segment.note].text}（")
                here = etree.SubElement(item, "a", {"href": f"#dz-{block.id}"})
                here.text = "看对照"
                here.tail = "）"

    def edition_version(self, container):
        """本版版本号 (Speech.version), on 编辑说明: a citation can name the state of the text it
        quoted. It is computed from the model at each build, so it cannot go stale."""
        p = etree.SubElement(container, "p")
        p.text = "本版版本号："
        etree.SubElement(p, "code", {"class": "edition-version"}).text = self.ext.speech.version


def _append_text(parent: etree.Element, text: str) -> None:
    """Text after the last child of parent (or as its text), kept as it is."""
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


class CitePage(Treeprocessor):
    """引用本页: how to cite this page in GB/T 7714-2015. The reader's browser fills in the date
    of citing and the page's address (edition.js); without scripts the block names what goes there."""

    HEADING_ID = "yinyong"

    def __init__(self, md, ext: SpeechExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        shows_a_section = any(has_class(el, SPEECH) and (p := self.ext.speech.paragraph(el.get("id", "")))
                              and not p.in_opening for el in root.iter("p"))
        if not shows_a_section:
            return
        block = etree.SubElement(root, "section", {"class": f"cite-page {EDITORIAL}",
                                                   "aria-labelledby": self.HEADING_ID})
        etree.SubElement(block, "h2", {"id": self.HEADING_ID}).text = "引用本页"
        etree.SubElement(block, "p").text = "按 GB/T 7714—2015 著录（引用某一段时，点该段末尾的 ¶ 复制）："
        reference = self.ext.speech.reference()
        line = etree.SubElement(block, "p", {"class": "cite-reference", "data-reference": reference})
        line.text = f"{reference}["
        date = etree.SubElement(line, "span", {"class": "cite-date"})
        date.text = "引用日期"
        date.tail = "]. "
        url = etree.SubElement(line, "span", {"class": "cite-url"})
        url.text = "本页网址"
        url.tail = "."


class OrdinalMarks(AbbrTreeprocessor):
    """Python-Markdown's abbr walk, reused to wrap ordinals (第一…) in <span class="ordinal">."""

    def __init__(self):
        super().__init__(None, {})
        self.RE = ORDINAL
        self.abbrs = _Always()

    def create_element(self, title, text, tail):
        span = etree.Element("span", {"class": "ordinal"})
        span.text = AtomicString(text)
        span.tail = tail
        return span


class _Always(dict):
    def __getitem__(self, key):
        return True


class GlossaryTerms(AbbrTreeprocessor):
    """abbr's tree walk over the speech paragraphs, finding terms anywhere in the text."""

    def __init__(self, md, ext: SpeechExtension):
        super().__init__(md, ext.glossary)

    def run(self, root):
        if not self.abbrs:
            return
        terms = sorted(self.abbrs, key=len, reverse=True)   # longest first, as abbr does
        self.RE = re.compile("|".join(re.escape(term) for term in terms))
        for paragraph in root.iter("p"):
            if has_class(paragraph, SPEECH):
                for element in paragraph.iter():
                    if element.tag in _NO_TERMS:
                        for inner in element.iter():
                            if inner.text:
                                inner.text = AtomicString(inner.text)
                            if inner is not element and inner.tail:
                                inner.tail = AtomicString(inner.tail)
                self.iter_element(paragraph)

    def create_element(self, title, text, tail):
        abbr = super().create_element(title, text, tail)
        abbr.set("class", "term")
        abbr.set("tabindex", "0")     # a tap or the keyboard shows the explanation (edition.css)
        return abbr


class ParagraphLinks(Treeprocessor):
    """<a class="para-link editorial" href="#yiyi-3" data-cite="…" aria-label="…">¶</a>"""

    def __init__(self, md, ext: SpeechExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        for element in root.iter("p"):
            paragraph = self.ext.speech.paragraph(element.get("id", "")) if has_class(element, SPEECH) else None
            if paragraph:
                where = "" if paragraph.in_opening else f"第 {paragraph.number} 段"
                link = etree.SubElement(element, "a", {
                    "class": f"para-link {EDITORIAL}",
                    "href": f"#{paragraph.id}",
                    "data-cite": self.ext.speech.reference(),
                    "aria-label": f"{paragraph.place}{where}：复制引用和链接",
                })
                link.text = "¶"


class EditorialMarks(Treeprocessor):
    """What Python-Markdown adds inside blocks (note numbers, note back links, heading
    permalinks) is the edition's, not the speech's: class it so, as the site's own marks are."""

    def run(self, root):
        for element in root.iter():
            if (element.tag == "sup" and element.get("id", "").startswith("fnref")) \
                    or has_class(element, "headerlink") or has_class(element, "footnote-backref"):
                add_class(element, EDITORIAL)


class SearchBlocks(Treeprocessor):
    """Collect the page's text blocks (paragraph, heading, list item, table row) for the search
    index: id to link to, text without editorial marks, whether it is speech, and its label."""

    def __init__(self, md, ext: SpeechExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        self.blocks, self.anchor, self.heading = [], "", ""
        self.walk(root)
        self.ext.blocks = self.blocks

    def walk(self, element):
        for child in element:
            if child.tag == "nav" or has_class(child, EDITORIAL):
                continue   # the outline repeats the speech; its pages hold the hits
            if child.get("id") and child.tag in _ANCHORED:
                self.anchor = child.get("id")
            if child.tag in _BLOCKS:
                self.add_block(child)
            else:
                self.walk(child)

    def add_block(self, element):
        text = " ".join(self.text(element).split())
        text = HTML_PLACEHOLDER_RE.sub("", text).strip()
        anchor = element.get("id") or self.anchor
        if element.tag.startswith("h"):
            self.heading = text
        if not text:
            return
        paragraph = self.ext.speech.paragraph(anchor) if element.tag == "p" else None
        label = paragraph.short_label if paragraph else text if element.tag.startswith("h") else self.heading
        self.blocks.append({"id": anchor, "text": text, "speech": has_class(element, SPEECH), "label": label})

    def text(self, element) -> str:
        parts = [element.text or ""]
        for child in element:
            if child.tag == "nav" or has_class(child, EDITORIAL):
                parts.append(child.tail or "")
                continue
            parts.append(self.text(child))
            if child.tag in ("td", "th"):
                parts.append(" ")
            parts.append(child.tail or "")
        return "".join(parts)
