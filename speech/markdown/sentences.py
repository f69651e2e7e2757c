"""Sentence marks: each sentence-sized piece of what 朗读 reads in <span class="sentence">.

朗读 (docs/assets/javascripts/access/reader.js) speaks a page one sentence at a time and marks the one
being read, so the pieces are cut here, once, from the tree, rather than guessed again in the
browser. What is cut: on a page that shows the speech, its speech blocks; on any other page (术语,
编辑说明, 对照原文, 无障碍说明), its text blocks (headings, paragraphs, list items, table cells);
on every page, the editors' notes, read only when the reader asks for them. A text block or note
that is one sentence is marked itself (<td class="sentence">), its content left as it is. A piece
ends after 。！？； (with any closing quote or bracket that follows). Some engines cut an utterance
off after about 15 seconds (Chrome's network voices do); Chinese is read at about four characters
a second, so a sentence longer than SPOKEN_LIMIT characters is cut further, at its commas, into
pieces of at most that length where the commas allow it (and where they do not, at its 、 and ：).

The block's children (a glossary term, a lead sentence, a note number, the ¶) are never split:
each goes whole into one piece. Editorial marks (note numbers, ¶, permalinks) between two pieces
stay outside both, and keep their class wherever they are, so that the speech text of a block
(speech.model.speech_text) is unchanged and equals its pieces' texts joined.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from ..edition.model import SPEECH, is_editorial, speech_text
from .tree import add_class, has_class

SENTENCE = "sentence"
ENDS = "。！？；"
CLOSERS = "”’）》」』"
COMMA = "，"
LIST_PAUSES = "、："   # where a clause still too long is cut last (a list of items, what a colon opens)
SPOKEN_LIMIT = 30     # characters: about 10 seconds read aloud; at 特大 a piece fits a 320 px phone beside the caption

# How strongly a piece's last character stops it: a piece ending a sentence is never joined to the
# next; the others are, up to SPOKEN_LIMIT, the weaker stops cut only where the stronger do not do.
STOPS = {**{c: 3 for c in ENDS}, COMMA: 2, **{c: 1 for c in LIST_PAUSES}}
SENTENCE_END = 3
PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")    # Python-Markdown's stand-in for a character entity

Atom = str | etree.Element     # a run of text, or a child element kept whole


@dataclass
class Piece:
    atoms: list[Atom] = field(default_factory=list)
    stop: int = 0                 # STOPS of its last character; 0 when it ends on no stop

    def length(self) -> int:
        return sum(len(a) if isinstance(a, str) else len(speech_text(a)) for a in self.atoms
                   if isinstance(a, str) or not is_editorial(a))


def _clauses(block: etree.Element) -> list[Piece]:
    """The block's content cut after each stop (STOPS), in order."""
    pieces = [Piece()]

    def cut(stop: int) -> None:
        pieces[-1].stop = stop
        pieces.append(Piece())

    def add_text(text: str) -> None:
        start = 0
        i = 0
        while i < len(text):
            if text[i] in STOPS:
                stop = STOPS[text[i]]
                i += 1
                while i < len(text) and text[i] in CLOSERS:
                    i += 1
                pieces[-1].atoms.append(text[start:i])
                cut(stop)
                start = i
            else:
                i += 1
        if start < len(text):
            pieces[-1].atoms.append(text[start:])

    add_text(block.text or "")
    for child in list(block):
        pieces[-1].atoms.append(child)
        # A code span's punctuation is a character talked about (<code>；</code>), not a stop.
        words = "" if is_editorial(child) or child.tag == "code" else speech_text(child).rstrip(CLOSERS)
        if words and words[-1] in STOPS:
            cut(STOPS[words[-1]])
        add_text(child.tail or "")
    return [piece for piece in pieces if piece.atoms]


def _fit(clauses: list[Piece], stop: int) -> list[Piece]:
    """Clauses joined into pieces of at most SPOKEN_LIMIT, cut at stops of strength `stop` first,
    at weaker ones only inside a part still too long; a part with no stop to cut at stays whole."""
    whole = Piece([a for c in clauses for a in c.atoms], clauses[-1].stop)
    if whole.length() <= SPOKEN_LIMIT or stop == 0:
        return [whole]
    parts: list[list[Piece]] = [[]]
    for clause in clauses:
        parts[-1].append(clause)
        if clause.stop >= stop:
            parts.append([])
    pieces: list[Piece] = []
    for part in filter(None, parts):
        for piece in _fit(part, stop - 1):
            if pieces and pieces[-1].length() + piece.length() <= SPOKEN_LIMIT:
                pieces[-1] = Piece(pieces[-1].atoms + piece.atoms, piece.stop)
            else:
                pieces.append(piece)
    return pieces


def _sentences(clauses: list[Piece]) -> list[list[Atom]]:
    """Clauses joined into sentences; a long sentence into pieces of at most SPOKEN_LIMIT."""
    sentences: list[list[Piece]] = [[]]
    for clause in clauses:
        sentences[-1].append(clause)
        if clause.stop == SENTENCE_END:
            sentences.append([])
    return [piece.atoms for sentence in filter(None, sentences) for piece in _fit(sentence, SENTENCE_END - 1)]


def _is_mark(atom: Atom) -> bool:
    return not isinstance(atom, str) and is_editorial(atom)


def mark_sentences(block: etree.Element, whole: bool = False) -> None:
    """Rebuild the block's content as sentence spans, editorial marks between them left outside.
    whole=True: a block that is one sentence is marked itself, its content left as it is."""
    pieces = _sentences(_clauses(block))
    if whole and len(pieces) <= 1:
        add_class(block, SENTENCE)
        return
    block.text = None
    for child in list(block):
        block.remove(child)
    for atoms in pieces:
        start, end = 0, len(atoms)
        while start < end and _is_mark(atoms[start]):
            start += 1
        while end > start and _is_mark(atoms[end - 1]):
            end -= 1
        for mark in atoms[:start]:
            _append(block, mark)
        if all(isinstance(a, str) and not PLACEHOLDER.sub("", a).strip() for a in atoms[start:end]):
            for space in atoms[start:end]:      # the white space before a note's back link
                _append(block, space)
        else:
            span = etree.SubElement(block, "span", {"class": SENTENCE})
            for atom in atoms[start:end]:
                _append(span, atom)
        for mark in atoms[end:]:
            _append(block, mark)


def _append(parent: etree.Element, atom: Atom) -> None:
    if isinstance(atom, str):
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + atom
        else:
            parent.text = (parent.text or "") + atom
    else:
        atom.tail = None
        parent.append(atom)


# The blocks read on a page without the speech, and what holds them; a block that holds another
# (a list item of paragraphs) is not read itself: the blocks inside it are.
TEXT_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "th", "td"}
HOLDERS = TEXT_BLOCKS | {"div", "section", "blockquote", "ul", "ol", "dl", "table", "thead", "tbody", "tr"}
FOOTNOTES = "footnote"


def text_blocks(parent: etree.Element) -> list[etree.Element]:
    """The text blocks under parent, in reading order, editorial ones and the notes left out."""
    found = []
    for child in parent:
        if child.tag not in HOLDERS or is_editorial(child) or has_class(child, FOOTNOTES):
            continue
        if child.tag in TEXT_BLOCKS and not any(grandchild.tag in HOLDERS for grandchild in child):
            found.append(child)
        else:
            found += text_blocks(child)
    return found


class SentenceMarks(Treeprocessor):
    """Runs after every other mark inside the blocks (speech/markdown/extension.py registers it),
    so that it sees them whole: terms, lead sentences, note numbers, ¶ and permalinks."""

    def run(self, root: etree.Element) -> None:
        speech = [el for el in root.iter() if has_class(el, SPEECH)]
        others = [] if speech else text_blocks(root)
        for notes in (el for el in root.iter("div") if has_class(el, FOOTNOTES)):
            others += notes.iter("p")
        for block in speech:
            mark_sentences(block)
        for block in others:
            if speech_text(block).strip():
                mark_sentences(block, whole=True)
