"""Sentence marks: each sentence-sized piece of each speech block in <span class="sentence">.

朗读 (docs/assets/javascripts/access.js) speaks a page one sentence at a time and marks the one
being read, so the pieces are cut here, once, from the tree, rather than guessed again in the
browser. A piece ends after 。！？； (with any closing quote or bracket that follows). Some engines
cut an utterance off after about 15 seconds (Chrome's network voices do); Chinese is read at about
four characters a second, so a sentence longer than SPOKEN_LIMIT characters is cut further, at its
commas, into pieces of at most that length where the commas allow it.

The block's children (a glossary term, a lead sentence, a note number, the ¶) are never split:
each goes whole into one piece. Editorial marks (note numbers, ¶, permalinks) between two pieces
stay outside both, and keep their class wherever they are, so that the speech text of a block
(speech.model.speech_text) is unchanged and equals its pieces' texts joined.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.treeprocessors import Treeprocessor

from ..edition.model import SPEECH, is_editorial, speech_text

SENTENCE = "sentence"
ENDS = "。！？；"
CLOSERS = "”’）》」』"
COMMA = "，"
SPOKEN_LIMIT = 60     # characters: about 15 seconds read aloud at a moderate pace

Atom = str | etree.Element     # a run of text, or a child element kept whole


@dataclass
class Piece:
    atoms: list[Atom] = field(default_factory=list)
    strong: bool = False          # ends a sentence (。！？；), not just a clause (，)

    def length(self) -> int:
        return sum(len(a) if isinstance(a, str) else len(speech_text(a)) for a in self.atoms
                   if isinstance(a, str) or not is_editorial(a))


def _clauses(block: etree.Element) -> list[Piece]:
    """The block's content cut after each sentence end and each comma, in order."""
    pieces = [Piece()]

    def cut(strong: bool) -> None:
        pieces[-1].strong = strong
        pieces.append(Piece())

    def add_text(text: str) -> None:
        start = 0
        i = 0
        while i < len(text):
            if text[i] in ENDS or text[i] == COMMA:
                strong = text[i] in ENDS
                i += 1
                while i < len(text) and text[i] in CLOSERS:
                    i += 1
                pieces[-1].atoms.append(text[start:i])
                cut(strong)
                start = i
            else:
                i += 1
        if start < len(text):
            pieces[-1].atoms.append(text[start:])

    add_text(block.text or "")
    for child in list(block):
        pieces[-1].atoms.append(child)
        words = "" if is_editorial(child) else speech_text(child).rstrip(CLOSERS)
        if words and words[-1] in ENDS:
            cut(True)
        add_text(child.tail or "")
    return [piece for piece in pieces if piece.atoms]


def _sentences(clauses: list[Piece]) -> list[list[Atom]]:
    """Clauses joined into sentences; a long sentence into pieces of at most SPOKEN_LIMIT."""
    sentences: list[list[Piece]] = [[]]
    for clause in clauses:
        sentences[-1].append(clause)
        if clause.strong:
            sentences.append([])
    pieces: list[list[Atom]] = []
    for sentence in filter(None, sentences):
        if sum(c.length() for c in sentence) <= SPOKEN_LIMIT:
            pieces.append([a for c in sentence for a in c.atoms])
            continue
        current: list[Atom] = []
        length = 0
        for clause in sentence:
            if current and length + clause.length() > SPOKEN_LIMIT:
                pieces.append(current)
                current, length = [], 0
            current += clause.atoms
            length += clause.length()
        pieces.append(current)
    return pieces


def _is_mark(atom: Atom) -> bool:
    return not isinstance(atom, str) and is_editorial(atom)


def mark_sentences(block: etree.Element) -> None:
    """Rebuild the block's content as sentence spans, editorial marks between them left outside."""
    pieces = _sentences(_clauses(block))
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
        if start < end:
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


class SentenceMarks(Treeprocessor):
    """Runs after every other mark inside the speech blocks (extension.py registers it),
    so that it sees the blocks whole: terms, lead sentences, note numbers, ¶ and permalinks."""

    def run(self, root: etree.Element) -> None:
        for block in [el for el in root.iter() if SPEECH in (el.get("class") or "").split()]:
            mark_sentences(block)
