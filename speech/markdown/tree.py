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
        if child.tail and not isinstance(child.tail, AtomicString):
            child.tail, wrapped = _split(child.tail, pattern, make)
            at = list(element).index(child) + 1
            element[at:at] = wrapped
    if element.text and not isinstance(element.text, AtomicString):
        element.text, wrapped = _split(element.text, pattern, make)
        element[0:0] = wrapped


def _split(text: str, pattern: re.Pattern[str],
           make: Callable[[str], etree.Element]) -> tuple[str, list[etree.Element]]:
    """The text before the first match, and an element for each match, each with the text up to
    the next match as its tail."""
    head, wrapped, last = text, [], 0
    for match in pattern.finditer(text):
        if wrapped:
            wrapped[-1].tail = text[last:match.start()]
        else:
            head = text[:match.start()]
        element = make(match.group(0))
        element.text = AtomicString(match.group(0))
        wrapped.append(element)
        last = match.end()
    if wrapped:
        wrapped[-1].tail = text[last:]
    return head, wrapped
