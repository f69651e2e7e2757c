"""The speech model: what the speech is made of, read from the Markdown sources.

The speech's text is written once, in docs/: the title and the opening in index.md, each of the
three sections in its own file (yiyi.md, mudi.md, yaoqiu.md), every block ending in a fixed id
(`{ #yiyi-3 }`). This module reads those files with Python-Markdown itself (attr_list and
footnotes, as the site renders them), checks their structure, and answers every question the site
asks about the speech: its blocks and their text, the labels 开场白 / 一、培训的意义 第 3 段, the
reference (GB/T 7714), the lead sentences of its points, the editors' notes, and what is editorial.

Of MkDocs it uses only the front-matter reader, so that a page means here what it means to the
site. It knows nothing of the rules that made the text from the scraped page: those live in
tests/oracle.py, the independent oracle that checks this edition.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, HTML_PLACEHOLDER_RE, STX

from .site_markdown import SiteMarkdown

# The files that hold the speech, relative to docs/, in reading order. Each section file's h1 id
# is its slug and its URL (yiyi.md → yiyi.html#yiyi); its paragraphs are {slug}-1, {slug}-2, …
HOME = "index.md"
SECTION_FILES = ("yiyi.md", "mudi.md", "yaoqiu.md")
TITLE_ID = "biaoti"
OPENING = "kaichang"                 # the opening's paragraphs: kaichang-1, …
OPENING_LABEL = "开场白"
TITLE_LABEL = "标题"
# For references in GB/T 7714-2015: the source names no speaker (编辑说明, 引用格式), and the year
# is the one in the source page's own title.
AUTHOR = "佚名"
YEAR = "2022"

# The one definition of what is not speech inside a speech block: every editorial mark the site
# adds there (¶ links, note numbers, heading permalinks) carries this class, and whatever reads the
# speech back (search index, page script, fidelity tests, downloads) skips it.
EDITORIAL = "editorial"
SPEECH = "speech"                    # the class of the blocks that hold the speech's own words

# A point of the speech opens with its lead sentence (一是……。/ 二要……。); ordinals inside a
# paragraph (第一，… 第二要…) enumerate sub-points. Both are set in bold; the text is unchanged.
LEAD_SENTENCE = re.compile(r"[一二三四五][是要][^。]*。")
ORDINAL = re.compile(r"第[一二三四五](?=，|要)")
# The first paragraph of a section announces its points: 主要有四点理由： / 要解决这么三个问题：
_ANNOUNCED = re.compile(r"([一两二三四五六七八九十]+(?:点|个)[^：，。]*)：$")
_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")
_PARAGRAPH_ID = re.compile(r"(?P<slug>[a-z]+)-(?P<number>[1-9][0-9]*)")


class StructureError(ValueError):
    """The speech's Markdown is not shaped as the site needs; the message names file and id."""


@dataclass(frozen=True)
class Note:
    name: str        # the footnote's name in the Markdown ([^shishi])
    text: str        # "编者注：……"


@dataclass(frozen=True)
class Paragraph:
    id: str          # yiyi-3, kaichang-1
    number: int
    text: str        # the speech's words only, note marks left out
    place: str       # the section heading, or 开场白
    notes: tuple[str, ...] = ()   # names of the notes attached to it, in order
    note_offsets: tuple[int, ...] = ()   # where each note's mark stands: characters of text before it

    @property
    def in_opening(self) -> bool:
        return self.id.startswith(OPENING + "-")

    @property
    def short_label(self) -> str:
        """How a search result names it: 第 3 段, or 开场白."""
        return OPENING_LABEL if self.in_opening else f"第 {self.number} 段"

    @property
    def label(self) -> str:
        """一、培训的意义 第 3 段, or 开场白."""
        return OPENING_LABEL if self.in_opening else f"{self.place} 第 {self.number} 段"

    @property
    def brief_label(self) -> str:
        """How a list of places names it: 一、第 3 段, or 开场白."""
        return OPENING_LABEL if self.in_opening else f"{self.place.split('、')[0]}、第 {self.number} 段"

    @property
    def lead_sentence(self) -> str | None:
        lead = LEAD_SENTENCE.match(self.text)
        return lead.group(0) if lead else None


@dataclass(frozen=True)
class Section:
    slug: str        # yiyi: the page yiyi.html and the heading's id
    heading: str     # 一、培训的意义
    source: str      # yiyi.md
    paragraphs: tuple[Paragraph, ...]

    @property
    def announced(self) -> str | None:
        """What the first paragraph says is coming (四点理由), if it says."""
        found = _ANNOUNCED.search(self.paragraphs[0].text) if self.paragraphs else None
        return found.group(1) if found else None

    @property
    def points(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.lead_sentence]

    def blocks(self) -> list[tuple[str, str]]:
        return [(self.slug, self.heading)] + [(p.id, p.text) for p in self.paragraphs]


@dataclass(frozen=True)
class Speech:
    title: str
    opening: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    notes: dict[str, Note] = field(default_factory=dict)
    # The title in the phrases it may break between, each in its words, as the editors set them
    # (index.md front matter, title_phrases): joined, they are the title. A line breaks between
    # phrases; between the words of a phrase only where the phrase is wider than the line.
    title_words: tuple[tuple[str, ...], ...] = ()

    @property
    def title_phrases(self) -> tuple[str, ...]:
        return tuple("".join(words) for words in self.title_words)

    @property
    def year(self) -> str:
        """The year the speech was given, as the source page's own title has it."""
        return YEAR

    def title_lines(self, width: int) -> tuple[str, ...]:
        """The title set in lines of at most `width` characters, broken only between its phrases
        (GB/T 9704-2012, 7.3.3: 词意完整): as few lines as fit, and of those the most even, so that
        the lines stand as a 梯形 or 菱形. A phrase longer than `width` stands on a line of its own."""
        phrases = self.title_phrases or (self.title,)
        layouts = []
        for cuts in range(len(phrases)):
            for after in itertools.combinations(range(1, len(phrases)), cuts):
                bounds = (0, *after, len(phrases))
                lines = tuple("".join(phrases[a:b]) for a, b in itertools.pairwise(bounds))
                if all(len(line) <= width or b - a == 1 for line, (a, b) in zip(lines, itertools.pairwise(bounds))):
                    layouts.append(lines)
            if layouts:
                break
        return min(layouts, key=lambda lines: max(map(len, lines)) - min(map(len, lines)))

    def blocks(self) -> list[tuple[str, str]]:
        """(id, text) of every block of the speech in reading order: title, opening, sections."""
        blocks = [(TITLE_ID, self.title)] + [(p.id, p.text) for p in self.opening]
        for section in self.sections:
            blocks += section.blocks()
        return blocks

    def paragraphs(self) -> list[Paragraph]:
        return list(self.opening) + [p for s in self.sections for p in s.paragraphs]

    def paragraph(self, block_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs() if p.id == block_id), None)

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)

    def source_of(self, paragraph: Paragraph) -> str:
        """The Markdown file (and so the page) a paragraph belongs to: index.md, yiyi.md, …"""
        if paragraph.in_opening:
            return HOME
        return next(s.source for s in self.sections if paragraph in s.paragraphs)

    def is_speech(self, block_id: str) -> bool:
        return block_id in self._ids

    def label(self, block_id: str) -> str:
        """What a reader is told a block is: 标题, 开场白, 一、培训的意义, 一、培训的意义 第 3 段."""
        if block_id == TITLE_ID:
            return TITLE_LABEL
        paragraph = self.paragraph(block_id)
        if paragraph is not None:
            return paragraph.label
        section = self.section(block_id)
        if section is None:
            raise KeyError(f"{block_id} is not a block of the speech")
        return section.heading

    def brief_label(self, block_id: str) -> str:
        """The label in a list of places (对照原文, 术语表): 标题, 开场白, 一、培训的意义, 一、第 3 段."""
        paragraph = self.paragraph(block_id)
        return paragraph.brief_label if paragraph is not None else self.label(block_id)

    def reference(self) -> str:
        """The start of a GB/T 7714-2015 reference to this edition as an electronic resource:
        佚名. 题名[EB/OL]. (2022). The reader's browser appends [引用日期]. URL."""
        return f"{AUTHOR}. {self.title}[EB/OL]. ({YEAR})"

    def notes_of(self, paragraphs: Iterable[Paragraph]) -> list[Note]:
        """The notes attached to these paragraphs, each once, in order of first reference."""
        names = dict.fromkeys(name for p in paragraphs for name in p.notes)
        return [self.notes[name] for name in names]

    @property
    def version(self) -> str:
        """A short name for this state of the edition's text, for citations: the first 8 hex digits
        of the SHA-256 of every block (id and text, in reading order) and every note (name and
        text, by name). Any change to a character of the speech, to an id a citation points at or
        to a note gives a new version; changes to the site around them (layout, other pages) do
        not, because a quotation checked against one version stays checked."""
        lines = [f"{block_id}\t{text}" for block_id, text in self.blocks()]
        lines += [f"{name}\t{self.notes[name].text}" for name in sorted(self.notes)]
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:8]

    @property
    def _ids(self) -> frozenset[str]:
        return frozenset(block_id for block_id, _ in self.blocks())


# Reading ---------------------------------------------------------------------------------------

def text_of(element: etree.Element, skipped: Callable[[etree.Element], bool] | None = None,
            spaced: frozenset[str] = frozenset()) -> str:
    """The text of element and its descendants, without the subtrees `skipped` picks (editorial
    marks, unless told otherwise), a space after each element whose tag is in `spaced`."""
    skipped = skipped or is_editorial
    parts = [element.text or ""]
    for child in element:
        if not skipped(child):
            parts.append(text_of(child, skipped, spaced))
            if child.tag in spaced:
                parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


def speech_text(element: etree.Element) -> str:
    """The words of a block: its text without editorial marks and without note references."""
    return text_of(element)


# What Python-Markdown itself adds inside blocks: a note's back link, a heading's permalink.
_MARKDOWN_MARKS = frozenset({"footnote-backref", "headerlink"})


def is_editorial(element: etree.Element) -> bool:
    """The one test of what is not speech inside a block: anything classed editorial, and the
    marks Python-Markdown adds (a note reference, a note's back link, a heading's permalink)."""
    classes = set((element.get("class") or "").split())
    return (EDITORIAL in classes or bool(classes & _MARKDOWN_MARKS)
            or (element.tag == "sup" and (element.get("id") or "").startswith("fnref")))


def note_places(element: etree.Element) -> list[tuple[str, int]]:
    """(name, offset) of each footnote reference in a block, in order: offset counts the
    characters of the block's speech text (speech_text) before the reference."""
    places, length = [], 0

    def walk(el: etree.Element) -> None:
        nonlocal length
        length += len(el.text or "")
        for child in el:
            ref = child.get("id") or ""
            if child.tag == "sup" and ref.startswith("fnref"):
                places.append((ref.split(":", 1)[1], length))
            elif not is_editorial(child):
                walk(child)
            length += len(child.tail or "")
    walk(element)
    return places


class _KeepTree(Treeprocessor):
    """Keeps the document tree once attr_list has set the ids (before any site marking)."""

    def run(self, root: etree.Element) -> None:
        self.md.speech_tree = root   # the model's handle on this conversion


def front_matter_error(markdown: str) -> str | None:
    """Why a page's front matter is broken, or None. Valid front matter has already been taken
    off `markdown` (MkDocs' reader, get_data); a block it could not parse is left in place,
    silently, so this names what is wrong with it."""
    if not markdown.startswith("---\n"):
        return None
    end = markdown.find("\n---", 4)
    if end == -1:
        return "front matter opened with --- is never closed"
    try:
        data = yaml.safe_load(markdown[4:end])
    except yaml.YAMLError as err:
        return f"front matter is not valid YAML: {err}".replace("\n", " ")
    return None if isinstance(data, dict) else "front matter must be a mapping of keys to values"


def read_utf8(path: Path, name: str, needed_by: str) -> str:
    """A file's text; a missing file or bad UTF-8 raises StructureError naming the file."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise StructureError(f"{name}: the file is missing ({needed_by} needs it)") from None
    except UnicodeDecodeError as err:
        raise StructureError(f"{name}: not valid UTF-8 "
                             f"(byte {err.start}: {err.object[err.start:err.start + 4]!r})") from None


def read_markdown(path: Path, name: str, site_markdown: SiteMarkdown) -> etree.Element:
    """Parse one page of docs/ as the site does and return its element tree."""
    text = read_utf8(path, name, "the speech model")
    from mkdocs.utils.meta import get_data  # the front-matter reader MkDocs itself uses

    body, _ = get_data(text)
    if error := front_matter_error(body):
        raise StructureError(f"{name}: {error}")
    md = site_markdown.markdown()
    md.treeprocessors.register(_KeepTree(md), "speech-model", 7.95)
    md.convert(body)
    return md.speech_tree


def _blocks_with_ids(root: etree.Element) -> list[etree.Element]:
    return [el for el in root.iter() if el.get("id")]


def _check_unique_ids(root: etree.Element, name: str) -> None:
    seen = set()
    for el in _blocks_with_ids(root):
        if el.get("id") in seen:
            raise StructureError(f"{name}: the id {el.get('id')} is used twice")
        seen.add(el.get("id"))


def _check_plain_text(element: etree.Element, name: str) -> None:
    text = "".join(element.itertext())
    if HTML_PLACEHOLDER_RE.search(text) or STX in text:
        raise StructureError(f"{name}: {element.get('id')} holds raw HTML; speech paragraphs are plain text "
                             "(the site adds all markup itself)")
    if "[^" in text:
        raise StructureError(f"{name}: {element.get('id')} refers to a note that is not defined in this file")


def _footnotes(root: etree.Element) -> dict[str, Note]:
    notes = {}
    for li in root.iter("li"):
        ref = li.get("id") or ""
        if ref.startswith("fn:"):
            # Footnotes puts a placeholder for its non-breaking space before the back link.
            text = _PLACEHOLDER.sub("", text_of(li)).strip()
            notes[ref[3:]] = Note(ref[3:], text)
    return notes


def _paragraphs(root: etree.Element, name: str, prefix: str, place: str) -> tuple[Paragraph, ...]:
    """The paragraphs {prefix}-1, {prefix}-2, … of a page, in order, each checked."""
    found = []
    for el in root.iter("p"):
        match = _PARAGRAPH_ID.fullmatch(el.get("id") or "")
        if match and match["slug"] == prefix:
            _check_plain_text(el, name)
            text = speech_text(el)
            if not text.strip():
                raise StructureError(f"{name}: {el.get('id')} is empty")
            places = note_places(el)
            found.append(Paragraph(el.get("id"), int(match["number"]), text, place,
                                   tuple(name for name, _ in places), tuple(at for _, at in places)))
    numbers = [p.number for p in found]
    if numbers != list(range(1, len(found) + 1)):
        expected = next(n for n, got in enumerate(numbers + [None], 1) if got != n)
        raise StructureError(f"{name}: paragraph ids {', '.join(p.id for p in found)} are not consecutive "
                             f"from {prefix}-1 ({prefix}-{expected} is missing or out of place)")
    return tuple(found)


def _read_home(docs: Path, site_markdown: SiteMarkdown) -> tuple[str, tuple[Paragraph, ...], dict[str, Note]]:
    root = read_markdown(docs / HOME, HOME, site_markdown)
    _check_unique_ids(root, HOME)
    titles = [el for el in root.iter("h1") if el.get("id") == TITLE_ID]
    if len(titles) != 1:
        raise StructureError(f"{HOME}: the speech's title must be one heading with {{ #{TITLE_ID} }}")
    opening = _paragraphs(root, HOME, OPENING, OPENING_LABEL)
    if not opening:
        raise StructureError(f"{HOME}: no opening paragraph {{ #{OPENING}-1 }}")
    return speech_text(titles[0]), opening, _footnotes(root)


def _read_section(docs: Path, source: str, site_markdown: SiteMarkdown) -> tuple[Section, dict[str, Note]]:
    root = read_markdown(docs / source, source, site_markdown)
    _check_unique_ids(root, source)
    slug = source.removesuffix(".md")
    headings = list(root.iter("h1"))
    if len(headings) != 1 or headings[0].get("id") != slug:
        raise StructureError(f"{source}: a section file has one heading, ending in {{ #{slug} }}")
    heading = speech_text(headings[0])
    # Every other paragraph of a section file is speech too, so it must have its id.
    for el in root:
        if el.tag == "p" and not el.get("id") and not HTML_PLACEHOLDER_RE.fullmatch((el.text or "").strip()):
            after = _previous_id(root, el) or slug
            raise StructureError(f"{source}: a paragraph after {after} has no id "
                                 f"(starts “{speech_text(el)[:12]}”); end it with {{ #{slug}-N }}")
        if el.tag == "p" and el.get("id") and not _PARAGRAPH_ID.fullmatch(el.get("id")):
            raise StructureError(f"{source}: paragraph id {el.get('id')} is not of the form {slug}-N")
        if el.tag == "p" and (m := _PARAGRAPH_ID.fullmatch(el.get("id") or "")) and m["slug"] != slug:
            raise StructureError(f"{source}: paragraph id {el.get('id')} belongs to another section "
                                 f"(expected {slug}-N)")
    paragraphs = _paragraphs(root, source, slug, heading)
    if not paragraphs:
        raise StructureError(f"{source}: no paragraph {{ #{slug}-1 }}")
    return Section(slug, heading, source, paragraphs), _footnotes(root)


def _previous_id(root: etree.Element, target: etree.Element) -> str | None:
    last = None
    for el in root:
        if el is target:
            return last
        last = el.get("id") or last
    return last


def _title_words(docs: Path, title: str) -> tuple[tuple[str, ...], ...]:
    """Where the editors let the title break: `title_phrases` in index.md's front matter, a list of
    the title's phrases in order, each a phrase or a list of its words. Without it the title is
    one phrase."""
    from mkdocs.utils.meta import get_data

    _, meta = get_data(read_utf8(docs / HOME, HOME, "the speech model"))
    phrases = meta.get("title_phrases") or [title]
    words = tuple(tuple(map(str, phrase)) if isinstance(phrase, list) else (str(phrase),)
                  for phrase in (phrases if isinstance(phrases, list) else []))
    if "".join("".join(phrase) for phrase in words) != title:
        raise StructureError(f"{HOME}: title_phrases must be a list of phrases (or of a phrase's "
                             f"words) that together are the title “{title}”, in order")
    return words


def load(docs: Path, site_markdown: SiteMarkdown | None = None) -> Speech:
    """Read and check the speech from a docs/ folder, in the site's Markdown (by default as the
    project's mkdocs.yml has it). Raises StructureError naming file and id."""
    site_markdown = site_markdown or SiteMarkdown.read()
    title, opening, notes = _read_home(docs, site_markdown)
    sections = []
    for source in SECTION_FILES:
        section, section_notes = _read_section(docs, source, site_markdown)
        sections.append(section)
        notes.update(section_notes)
    speech = Speech(title, opening, tuple(sections), notes, _title_words(docs, title))
    return speech
