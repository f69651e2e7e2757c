"""The 对照原文 page's generated content: the collation (speech/edition/collation.py) as elements.

The contract its tests check: inside .collation, the text with <del> kept and <ins> and .editorial
dropped is source/ (white space aside); with <ins> kept and <del> and .editorial dropped it is the
edition. So every character of the source is in the text or a <del>, every character the edition
adds is in an <ins>, and every mark the site adds to help the reader (block labels, note marks)
is .editorial. A rejoined line break is a <del> holding the source's own newline: both readings
stay exact, and the screen stylesheet draws it as a struck ↵.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from ..edition import collation, model
from ..edition.edition import Edition
from ..edition.model import EDITORIAL
from .conversion import Conversion
from .tree import append_text

RULES_PAGE = "bianji.md"
BOILERPLATE_LABELS = {"header": "原网页页首（删去）", "footer": "原网页页尾（删去）"}


def the_collation(edition: Edition, conversion: Conversion) -> collation.Collation:
    if edition.collation is None:
        raise conversion.error("asks for the collation, but the build has not read source/ for it")
    return edition.collation


def text(container: etree.Element, edition: Edition, conversion: Conversion) -> None:
    """Each block of the source in order: the web page's header and footer struck through, the
    speech's blocks with their changes in place and a label linking to the block's page."""
    for block in the_collation(edition, conversion).blocks:
        p = etree.SubElement(container, "p", {"class": f"collation-{block.role}"})
        if block.id is None:
            label = etree.SubElement(p, "span", {"class": f"collation-label {EDITORIAL}"})
            label.text = BOILERPLATE_LABELS[block.role]
        else:
            p.set("id", f"dz-{block.id}")
            label = etree.SubElement(p, "a", {"class": f"collation-label {EDITORIAL}",
                                              "href": edition.block_link(block.id),
                                              "title": _title(block.id, edition)})
            label.text = edition.speech.brief_label(block.id)
        for segment in block.segments:
            _segment(p, block, segment, edition, conversion)


def _title(block_id: str, edition: Edition) -> str:
    return "本版标题" if block_id == model.TITLE_ID else f"本版 {edition.speech.label(block_id)}"


def _segment(p: etree.Element, block: collation.Block, segment: collation.Segment,
             edition: Edition, conversion: Conversion) -> None:
    kind = segment.kind
    if kind == collation.SAME:
        append_text(p, segment.source)
    elif kind == collation.PUNCTUATION:
        etree.SubElement(p, "del").text = AtomicString(segment.source)
        etree.SubElement(p, "ins").text = AtomicString(segment.edition)
    elif kind == collation.LINEBREAK:
        mark = etree.SubElement(p, "del", {"class": "linebreak", "title": "原网页在此断行，本版接回"})
        mark.text = AtomicString(segment.source)
    elif kind == collation.BOILERPLATE:
        etree.SubElement(p, "del").text = AtomicString(segment.source)
    elif kind == collation.NOTE:
        note = edition.speech.notes[segment.note]
        sup = etree.SubElement(p, "sup", {"class": f"collation-note {EDITORIAL}"})
        link = etree.SubElement(sup, "a", {"href": edition.note_link(block.id, segment.note),
                                           "title": note.text, "aria-label": note.text})
        link.text = "注"
    else:
        raise conversion.error(f"the collation has a segment of unknown kind {kind!r}")


def summary(container: etree.Element, edition: Edition, conversion: Conversion) -> None:
    """改动一览: the counts per change, the noted slips linked to their paragraphs, and the version."""
    found = the_collation(edition, conversion)
    _changes_table(container, found)
    kept = etree.SubElement(container, "p")
    kept.text = f"此外讲话的 {found.kept} 个字符照录原文。对照的是本版版本 "
    etree.SubElement(kept, "code").text = edition.speech.version
    kept[0].tail = "（见"
    link = etree.SubElement(kept, "a", {"href": f"{RULES_PAGE}#banben"})
    link.text = "编辑说明"
    link.tail = "）。"
    _slips(container, found, edition)


def _changes_table(container: etree.Element, found: collation.Collation) -> None:
    table = etree.SubElement(container, "table")
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for label in ("改动", "处数", "依据"):
        etree.SubElement(head, "th").text = label
    body = etree.SubElement(table, "tbody")
    boilerplate = [block.role for block in found.boilerplate()]
    # (what changed: a label, or the marks half → full; how many; the rule on 编辑说明)
    rows: list[tuple[str | tuple[str, str], int, int]]
    rows = [(marks, n, 1) for marks, n in found.punctuation_counts().items()]
    rows += [("接回分号后的断行", found.rejoined, 2),
             ("删去网页页首", boilerplate.count("header"), 3),
             ("删去网页页尾", boilerplate.count("footer"), 3),
             ("疑误加编者注，不改字", len(found.segments(collation.NOTE)), 4)]
    for what, count, rule in rows:
        row = etree.SubElement(body, "tr")
        cell = etree.SubElement(row, "td")
        if isinstance(what, tuple):
            _mark_change(cell, *what)
        else:
            cell.text = what
        etree.SubElement(row, "td").text = str(count)
        link = etree.SubElement(etree.SubElement(row, "td"), "a", {"href": f"{RULES_PAGE}#guize-{rule}"})
        link.text = f"规则 {rule}"


def _mark_change(cell: etree.Element, half: str, full: str) -> None:
    """半角逗号 , → 全角逗号 ，: named, since the two marks can look alike."""
    name = collation.MARK_NAMES[half]
    cell.text = f"半角{name} "
    etree.SubElement(cell, "code").text = AtomicString(half)
    cell[0].tail = f" → 全角{name} "
    etree.SubElement(cell, "code").text = AtomicString(full)


def _slips(container: etree.Element, found: collation.Collation, edition: Edition) -> None:
    """加了编者注的疑误: each linked to its paragraph and to its place in the collation."""
    notes = found.placed(collation.NOTE)
    if not notes:
        return
    intro = etree.SubElement(container, "p")
    intro.text = "加了编者注的疑误："
    slips = etree.SubElement(container, "ul", {"class": "collation-slips"})
    for block, segment in notes:
        item = etree.SubElement(slips, "li")
        where = etree.SubElement(item, "a", {"href": edition.block_link(block.id)})
        where.text = edition.speech.label(block.id)
        where.tail = f"（原网页第 {segment.line} 行）：{edition.speech.notes[segment.note].text}（"
        here = etree.SubElement(item, "a", {"href": f"#dz-{block.id}"})
        here.text = "看对照"
        here.tail = "）"
