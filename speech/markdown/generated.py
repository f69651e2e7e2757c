"""Generated content: what the build writes into a page that asks for it with an empty element,
a slot (speech/edition/slots.py), e.g.  <nav id="outline" class="outline" aria-label="讲话结构" markdown></nav>

BUILDERS maps each such id to the function that fills the element from the edition; the
extension's GeneratedContent processor (processors.py) finds the elements and calls them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown.util import AtomicString

from ..edition import slots
from ..edition.edition import Edition
from . import collation_page
from .conversion import Conversion

Builder = Callable[[etree.Element, Edition, Conversion], None]


def outline(nav: etree.Element, edition: Edition, conversion: Conversion) -> None:
    """The three parts, and under each its points by their lead sentences, linked."""
    parts = etree.SubElement(nav, "ol")
    for section in edition.speech.sections:
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


def glossary_table(container: etree.Element, edition: Edition, conversion: Conversion) -> None:
    """Term, explanation, and a link to each paragraph of the speech that uses the term (the
    container classed "glossary": on a phone, screen.css sets each row as a block)."""
    container.set("class", " ".join(filter(None, [container.get("class"), "glossary"])))
    table = etree.SubElement(container, "table")
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for label in ("术语", "释义", "出处"):
        etree.SubElement(head, "th").text = label
    body = etree.SubElement(table, "tbody")
    for term, explanation in edition.glossary.items():
        row = etree.SubElement(body, "tr")
        etree.SubElement(row, "td").text = AtomicString(term)
        etree.SubElement(row, "td").text = AtomicString(explanation)
        places = etree.SubElement(row, "td")
        uses = [p for p in edition.speech.paragraphs() if term in p.text]
        if not uses:
            places.text = "—"
        for n, paragraph in enumerate(uses):
            link = etree.SubElement(places, "a", {"href": edition.block_link(paragraph.id), "title": paragraph.label})
            link.text = paragraph.brief_label
            if n < len(uses) - 1:
                link.tail = "；"


def edition_version(container: etree.Element, edition: Edition, conversion: Conversion) -> None:
    """本版版本号 (Speech.version), on 编辑说明: a citation can name the state of the text it
    quoted. It is computed from the model at each build, so it cannot go stale."""
    p = etree.SubElement(container, "p")
    p.text = "本版版本号："
    etree.SubElement(p, "code", {"class": "edition-version"}).text = edition.speech.version


# What fills each slot a page may ask for, in the order of SLOTS.
_FILLS: dict[str, Builder] = {
    slots.OUTLINE.id: outline,
    slots.GLOSSARY.id: glossary_table,
    slots.COLLATION_SUMMARY.id: collation_page.summary,   # the counts of changes and the noted slips
    slots.COLLATION.id: collation_page.text,
    slots.EDITION_VERSION.id: edition_version,
}
BUILDERS: dict[str, Builder] = {slot.id: _FILLS[slot.id] for slot in slots.SLOTS}
