"""The slots: empty elements a page asks the build to fill, by id, e.g. on index.md

    <nav id="outline" class="outline" aria-label="讲话结构" markdown></nav>

An editor may write exactly these (raw_html.py allows them and nothing like them); the Markdown
extension fills each (speech/markdown/generated.py), in the order listed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slot:
    id: str
    what: str                  # how an error message names it
    page: str                  # the page that has it
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)   # besides its id


OUTLINE = Slot("outline", "the outline", "index.md", "nav", {"class": "outline", "aria-label": "讲话结构"})
GLOSSARY = Slot("glossary", "the glossary", "shuyu.md", "div")
COLLATION_SUMMARY = Slot("collation-summary", "the collation summary", "duizhao.md", "div",
                         {"class": "collation-summary"})
COLLATION = Slot("collation", "the collation", "duizhao.md", "div", {"class": "collation"})
EDITION_VERSION = Slot("edition-version", "the edition version", "bianji.md", "div")

SLOTS = (OUTLINE, GLOSSARY, COLLATION_SUMMARY, COLLATION, EDITION_VERSION)
