"""The extension's treeprocessors, one job each (registered in extension.py).

Each works on the element tree of one page with what it is given: the edition (the speech, the
glossary, the collation) and the conversion under way (the page's name for its errors, the place
for what it found).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from ..edition import model
from ..edition.edition import Edition
from ..edition.model import EDITORIAL, ORDINAL, SPEECH, TITLE_ID, Paragraph, is_editorial, speech_text, text_of
from ..search.index import SearchBlock
from . import generated
from .conversion import Conversion
from .tree import add_class, has_class, wrap_matches


class SpeechProcessor(Treeprocessor):
    """A treeprocessor that works for the speech extension."""

    def __init__(self, md: Markdown, edition: Edition, conversion: Conversion) -> None:
        super().__init__(md)
        self.edition = edition
        self.speech = edition.speech
        self.conversion = conversion

    def speech_paragraphs(self, root: etree.Element) -> list[tuple[etree.Element, Paragraph]]:
        """The speech's paragraphs on the page, each with the model's."""
        found = []
        for element in root.iter("p"):
            paragraph = self.speech.paragraph(element.get("id", "")) if has_class(element, SPEECH) else None
            if paragraph is not None:
                found.append((element, paragraph))
        return found


class CheckSpeech(SpeechProcessor):
    """Class the speech blocks and label them; a page that shows part of the speech shows it whole,
    in order, word for word as the model has it."""

    def run(self, root: etree.Element) -> None:
        shown = self.mark(root)
        self.check_whole(list(shown))
        for block_id, text in self.speech.blocks():
            if block_id in shown and speech_text(shown[block_id]) != text:
                raise self.conversion.error(f"{block_id} differs from the speech as its own file has it "
                                     f"(“{speech_text(shown[block_id])[:20]}…”): check the snippet markers")

    def mark(self, root: etree.Element) -> dict[str, etree.Element]:
        speech = self.speech
        shown: dict[str, etree.Element] = {}
        for element in root.iter():
            block_id = element.get("id")
            if block_id and speech.is_speech(block_id):
                if block_id in shown:
                    raise self.conversion.error(f"the speech block {block_id} appears twice")
                add_class(element, SPEECH)
                element.set("data-label", speech.label(block_id))
                shown[block_id] = element
        return shown

    def check_whole(self, shown: list[str]) -> None:
        """Whatever part of the speech a page shows (the title, the opening, a section), it shows
        all of it, in order: a snippet marker moved up a paragraph must not drop one silently."""
        speech = self.speech
        parts = [[model.TITLE_ID], [p.id for p in speech.opening]]
        parts += [[block_id for block_id, _ in section.blocks()] for section in speech.sections]
        for ids in parts:
            on_page = [block_id for block_id in shown if block_id in ids]
            if on_page and on_page != ids:
                missing = [block_id for block_id in ids if block_id not in on_page]
                raise self.conversion.error(f"shows {on_page[0]} but not all of its part of the speech in order "
                                     f"(missing or out of place: {', '.join(missing) or 'order'}); "
                                     "check the snippet markers")


class OneTopHeading(Treeprocessor):
    """Every h1 after the first becomes h2 (全文 includes each section file with its h1), before
    toc lists the headings."""

    def run(self, root: etree.Element) -> None:
        for heading in list(root.iter("h1"))[1:]:
            heading.tag = "h2"


class TitlePhrases(SpeechProcessor):
    """The speech's title in the phrases the editors let it break between (the model's
    title_phrases), each a <span class="title-phrase">: the screen and print stylesheets break the
    title only between them (GB/T 9704-2012, 7.3.3: 词意完整); a phrase the editors gave in words
    holds each in a <span class="title-word">, where it breaks when it is wider than the line (特大
    on a phone). The text is unchanged."""

    def run(self, root: etree.Element) -> None:
        speech = self.speech
        for heading in root.iter():
            # Only a title of plain text: a mark inside it (a note) would be lost in the split.
            if heading.get("id") == TITLE_ID and has_class(heading, SPEECH) and not len(heading) \
                    and len(speech.title_phrases) > 1:
                heading.text = ""
                for words in speech.title_words:
                    phrase = etree.SubElement(heading, "span", {"class": "title-phrase"})
                    if len(words) == 1:
                        phrase.text = words[0]
                    for word in words if len(words) > 1 else ():
                        etree.SubElement(phrase, "span", {"class": "title-word"}).text = word


class LeadsAndOrdinals(SpeechProcessor):
    """<span class="lead"> around a point's lead sentence, <span class="ordinal"> around 第一…"""

    def run(self, root: etree.Element) -> None:
        for element, paragraph in self.speech_paragraphs(root):
            if not paragraph.in_opening:
                self.set_off(element)

    @staticmethod
    def set_off(paragraph: etree.Element) -> None:
        lead = model.LEAD_SENTENCE.match(paragraph.text or "")
        if lead:
            span = etree.Element("span", {"class": "lead"})
            span.text = lead.group(0)
            span.tail = paragraph.text[lead.end():]
            paragraph.text = ""
            paragraph.insert(0, span)
        wrap_matches(paragraph, ORDINAL, lambda _: etree.Element("span", {"class": "ordinal"}))


class GeneratedContent(SpeechProcessor):
    """Fill the empty elements a page asks generated content with, by id (generated.py)."""

    def run(self, root: etree.Element) -> None:
        wanted: dict[str, etree.Element] = {}
        for el in root.iter():
            if el.get("id") in generated.BUILDERS:
                wanted.setdefault(el.get("id"), el)
        for element_id, build in generated.BUILDERS.items():
            element = wanted.get(element_id)
            if element is None:
                continue
            if len(element) or (element.text or "").strip():
                raise self.conversion.error(f"the element #{element_id} must be empty: the build fills it")
            build(element, self.edition, self.conversion)
            del element.attrib["id"]   # the page's own anchor is the heading above it


class CitePage(SpeechProcessor):
    """引用本页: how to cite this page in GB/T 7714-2015, at the foot of a page that shows a section.
    The reader's browser fills in the date of citing and the page's address (page.js); without
    scripts the block names what goes there."""

    HEADING_ID = "yinyong"

    def run(self, root: etree.Element) -> None:
        if all(paragraph.in_opening for _, paragraph in self.speech_paragraphs(root)):
            return
        block = etree.SubElement(root, "section", {"class": f"cite-page {EDITORIAL}",
                                                   "aria-labelledby": self.HEADING_ID})
        etree.SubElement(block, "h2", {"id": self.HEADING_ID}).text = "引用本页"
        etree.SubElement(block, "p").text = "按 GB/T 7714—2015 著录（引用某一段时，点该段末尾的 ¶ 复制）："
        reference = self.speech.reference()
        line = etree.SubElement(block, "p", {"class": "cite-reference", "data-reference": reference})
        line.text = f"{reference}["
        date = etree.SubElement(line, "span", {"class": "cite-date"})
        date.text = "引用日期"
        date.tail = "]. "
        url = etree.SubElement(line, "span", {"class": "cite-url"})
        url.text = "本页网址"
        url.tail = "."


class GlossaryTerms(SpeechProcessor):
    """<abbr class="term" title="explanation"> around each glossary term in the speech's
    paragraphs, found anywhere in the text (Chinese has no word boundaries), longest first, never
    inside a link, a note mark, a code span or another term."""

    NO_TERMS = {"a", "sup", "abbr", "code"}

    def run(self, root: etree.Element) -> None:
        glossary = self.edition.glossary
        if not glossary:
            return
        terms = re.compile("|".join(re.escape(term) for term in sorted(glossary, key=len, reverse=True)))

        def term(found: str) -> etree.Element:
            # tabindex: a tap or the keyboard shows the explanation (screen.css)
            return etree.Element("abbr", {"title": glossary[found], "class": "term", "tabindex": "0"})

        for paragraph, _ in self.speech_paragraphs(root):
            for element in paragraph.iter():
                if element.tag in self.NO_TERMS:
                    self.keep_as_it_is(element)
            wrap_matches(paragraph, terms, term)

    @staticmethod
    def keep_as_it_is(element: etree.Element) -> None:
        for inner in element.iter():
            if inner.text:
                inner.text = AtomicString(inner.text)
            if inner is not element and inner.tail:
                inner.tail = AtomicString(inner.tail)


class ParagraphLinks(SpeechProcessor):
    """<a class="para-link editorial" href="#yiyi-3" data-cite="…" aria-label="…">¶</a>"""

    def run(self, root: etree.Element) -> None:
        reference = self.speech.reference()
        for element, paragraph in self.speech_paragraphs(root):
            where = "" if paragraph.in_opening else f"第 {paragraph.number} 段"
            link = etree.SubElement(element, "a", {
                "class": f"para-link {EDITORIAL}",
                "href": f"#{paragraph.id}",
                "data-cite": reference,
                "aria-label": f"{paragraph.place}{where}：复制引用和链接",
            })
            link.text = "¶"


class EditorialMarks(Treeprocessor):
    """What Python-Markdown adds inside blocks (note numbers, note back links, heading
    permalinks) is the edition's, not the speech's: class it so, as the site's own marks are."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if is_editorial(element):
                add_class(element, EDITORIAL)


class UnbrokenEnding(SpeechProcessor):
    """The last two characters of each speech paragraph (with the punctuation after them) in a
    <span class="unbroken">, which the screen does not break: no paragraph ends on a line of one
    character, at any width or 字号 (text-wrap: pretty alone leaves some). The text is unchanged."""

    SHORT = 6   # characters: a child kept whole with the ending, never a whole sentence
    ENDING = re.compile(r"[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff][^\u3400-\u9fff]*$")

    def run(self, root: etree.Element) -> None:
        for element, _ in self.speech_paragraphs(root):
            self.keep_ending(element)

    def keep_ending(self, element: etree.Element) -> None:
        """Wrap the ending where it stands: in the last text of element that is speech, or in
        the last child that holds it (a lead sentence, say); a glossary term is left whole."""
        for child in reversed(element):
            if child.tail and child.tail.strip():
                self.wrap_tail(element, child)
                return
            if is_editorial(child):
                continue
            if child.tag != "abbr":
                self.keep_ending(child)
            return
        if element.text and (found := self.ENDING.search(element.text)):
            span = etree.Element("span", {"class": "unbroken"})
            span.text, element.text = found.group(0), element.text[:found.start()]
            span.tail = None
            element.insert(0, span)

    def wrap_tail(self, element: etree.Element, child: etree.Element) -> None:
        """The ending is in the text after child: wrap its last two characters, or, if it holds
        fewer, a short child (a term, an ordinal) and its tail together, or else the end of child."""
        at = list(element).index(child) + 1
        span = etree.Element("span", {"class": "unbroken"})
        if found := self.ENDING.search(child.tail):
            span.text, child.tail = found.group(0), child.tail[:found.start()]
            element.insert(at, span)
        elif len("".join(child.itertext())) <= self.SHORT:
            element.remove(child)
            span.append(child)
            element.insert(at - 1, span)
        elif not is_editorial(child):
            self.keep_ending(child)


class NoteMarksKept(SpeechProcessor):
    """A note's mark (¹) stays on the line of the character it follows: that character and the
    mark in a <span class="with-note">, which the screen does not break, so that no line starts
    with a mark and the punctuation after it (²，). Where the text before the mark ends in a short
    child (a term), the child is kept with the mark instead. The text is unchanged."""

    SHORT = 6

    def run(self, root: etree.Element) -> None:
        for element, _ in self.speech_paragraphs(root):
            for parent in list(element.iter()):
                for mark in [child for child in parent if child.tag == "sup" and is_editorial(child)]:
                    self.keep(parent, mark)

    def keep(self, parent: etree.Element, mark: etree.Element) -> None:
        at = list(parent).index(mark)
        before = parent[at - 1] if at else None
        span = etree.Element("span", {"class": "with-note"})
        text = before.tail if before is not None else parent.text
        if text:
            span.text = text[-1]
            if before is not None:
                before.tail = text[:-1]
            else:
                parent.text = text[:-1]
        elif before is not None and len("".join(before.itertext())) <= self.SHORT:
            parent.remove(before)
            span.append(before)
            at -= 1
        else:
            return
        span.tail, mark.tail = mark.tail, None
        parent.remove(mark)
        span.append(mark)
        parent.insert(at, span)


class ShortLabels(Treeprocessor):
    """A link of at most eight characters (术语, 编辑说明, 一、第 3 段) is a label the reader takes in
    at a glance: <a class="short-label">, which the screen never breaks over two lines. The body
    text around it still breaks between any two characters."""

    LONGEST = 8     # characters; a link with a class of its own (¶, a note's mark) is no label

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if not link.get("class") and 1 < len("".join(link.itertext()).strip()) <= self.LONGEST:
                add_class(link, "short-label")


class SearchBlocks(SpeechProcessor):
    """The page's text blocks (paragraph, heading, list item, table row) for the search index:
    the id to link to, the text without editorial marks, whether it is speech, and its label."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "tr"}
    ANCHORED = {"h1", "h2", "h3", "h4", "p", "li", "blockquote", "table"}
    CELLS = frozenset({"td", "th"})   # a space after each: a row's cells are words apart

    def run(self, root: etree.Element) -> None:
        self.blocks: list[SearchBlock] = []
        self.anchor, self.heading = "", ""
        self.walk(root)
        self.conversion.search_blocks = list(self.blocks)

    @staticmethod
    def skipped(element: etree.Element) -> bool:
        return element.tag == "nav" or is_editorial(element)   # the outline repeats the speech

    def walk(self, element: etree.Element) -> None:
        for child in element:
            if self.skipped(child):
                continue
            if child.get("id") and child.tag in self.ANCHORED:
                self.anchor = child.get("id")
            if child.tag in self.BLOCKS:
                self.add_block(child)
            else:
                self.walk(child)

    def add_block(self, element: etree.Element) -> None:
        text = HTML_PLACEHOLDER_RE.sub("", " ".join(text_of(element, self.skipped, self.CELLS).split())).strip()
        anchor = element.get("id") or self.anchor
        if element.tag.startswith("h"):
            self.heading = text
        if not text:
            return
        paragraph = self.speech.paragraph(anchor) if element.tag == "p" else None
        label = paragraph.short_label if paragraph else text if element.tag.startswith("h") else self.heading
        self.blocks.append(SearchBlock(anchor, text, has_class(element, SPEECH), label))
