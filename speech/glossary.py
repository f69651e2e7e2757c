"""The glossary: includes/glossary.md, one term a line in Python-Markdown's abbreviation syntax

    *[三会一课]: 党的基层组织生活制度：……

Read strictly, because a malformed line would otherwise vanish without a word: every line that is
not blank and not inside the leading HTML comment must be a definition, each term defined once.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import StructureError, read_utf8

_DEFINITION = re.compile(r"\*\[(?P<term>[^\]\s][^\]]*)\]:[ \t]*(?P<explanation>\S.*?)\s*")


def parse(text: str, name: str) -> dict[str, str]:
    """term -> explanation, in file order. Raises StructureError naming file and line."""
    terms: dict[str, str] = {}
    in_comment = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        found = _DEFINITION.fullmatch(stripped)
        if not found:
            raise StructureError(f"{name}:{number}: not a glossary line of the form *[术语]: 释义: {stripped[:40]!r}")
        term = found["term"].strip()
        if term in terms:
            raise StructureError(f"{name}:{number}: {term} is defined twice")
        terms[term] = found["explanation"]
    if in_comment:
        raise StructureError(f"{name}: an HTML comment is never closed")
    if not terms:
        raise StructureError(f"{name}: no glossary lines of the form *[术语]: 释义")
    return terms


def load(path: Path, name: str | None = None) -> dict[str, str]:
    name = name or path.name
    return parse(read_utf8(path, name, "the glossary"), name)
