"""Small operations on Python-Markdown's element tree that the extension's processors share."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Callable

from markdown.util import AtomicString


def has_class(element: etree.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def add_class(element: etree.Element, name: str) -> None:
    classes = (element.get("class") or "").split()
    if name not in classes:
        element.set("class", " ".join(classes + [name]))


def append_text(parent: etree.Element, text: str) -> None:
    """Text after the last child of parent (or as its text), kept as it is."""
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


def wrap_matches(element: etree.Element, pattern: re.Pattern[str],
                 make: Callable[[str], etree.Element]) -> None:
    """Wrap every match of pattern in element's text (its own, its descendants', their tails) in
    the element make(match) returns. Text already final (AtomicString: a code span, a term already
    marked) is left alone, and so is the text of what make returns."""
    for child in list(element):
        wrap_matches(child, pattern, make)
        _wrap_tail(element, child, pattern, make)
    text = element.text
    if text and not isinstance(text, AtomicString):
        pieces = _split(text, pattern, make)
        element.text = pieces[0]
        for n, wrapped in enumerate(pieces[1:]):
            element.insert(n, wrapped)


def _wrap_tail(parent: etree.Element, child: etree.Element, pattern: re.Pattern[str],
               make: Callable[[str], etree.Element]) -> None:
    tail = child.tail
    if tail and not isinstance(tail, AtomicString):
        pieces = _split(tail, pattern, make)
        child.tail = pieces[0]
        at = list(parent).index(child) + 1
        for n, wrapped in enumerate(pieces[1:]):
            parent.insert(at + n, wrapped)


def _split(text: str, pattern: re.Pattern[str], make: Callable[[str], etree.Element]) -> list:
    """[text before the first match, wrapped match with the text up to the next as its tail, …]"""
    pieces: list = []
    last = 0
    for match in pattern.finditer(text):
        if pieces:
            pieces[-1].tail = text[last:match.start()]
        else:
            pieces.append(text[:match.start()])
        wrapped = make(match.group(0))
        wrapped.text = AtomicString(match.group(0))
        pieces.append(wrapped)
        last = match.end()
    if not pieces:
        return [text]
    pieces[-1].tail = text[last:]
    return pieces
