"""The glossary: includes/glossary.md, one term a line in Python-Markdown's abbreviation syntax

    *[三会一课]: 党的基层组织生活制度：……

Read strictly, because a malformed line would otherwise vanish without a word: every line that is
not blank and not inside the leading HTML comment must be a definition, each term defined once.

A glossary line is text, shown in three places: the tooltip (a title attribute), the 术语 page
and the search results. So it holds no HTML, and a character reference (&lt; …) is read once,
here, into its character: the places downstream escape text as text, so it means the same in all
three. An explanation fits a tooltip: at most EXPLANATION_LIMIT characters.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .model import StructureError, read_utf8
from .raw_html import markup_in

GLOSSARY = "includes/glossary.md"   # relative to the project root
EXPLANATION_LIMIT = 120   # the longest today is 48 characters
# What Python-Markdown's serializer would read as a character reference a second time.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.I)

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
        refused = markup_in(stripped, allow=False)
        if refused:
            raise StructureError(f"{name}:{number}: raw HTML {refused[0][0]} in a glossary line: "
                                 "a term and its explanation are text")
        term, explanation = html.unescape(found["term"].strip()), html.unescape(found["explanation"])
        if _REFERENCE.search(term + explanation):
            raise StructureError(f"{name}:{number}: a character reference escaped twice "
                                 f"({_REFERENCE.search(term + explanation).group(0)} after reading): "
                                 "write the character itself")
        if len(explanation) > EXPLANATION_LIMIT:
            raise StructureError(f"{name}:{number}: the explanation of {term} is {len(explanation):,} characters "
                                 f"long; a tooltip holds at most {EXPLANATION_LIMIT}")
        if term in terms:
            raise StructureError(f"{name}:{number}: {term} is defined twice")
        terms[term] = explanation
    if in_comment:
        raise StructureError(f"{name}: an HTML comment is never closed")
    if not terms:
        raise StructureError(f"{name}: no glossary lines of the form *[术语]: 释义")
    return terms


def load(path: Path, name: str | None = None) -> dict[str, str]:
    name = name or path.name
    return parse(read_utf8(path, name, "the glossary"), name)
