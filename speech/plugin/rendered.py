"""Places in rendered HTML, found by parsing it, never by matching its text.

- split_heading: a page's content as its heading (the one h1, speech/markdown/processors.py) and
  the rest, so that the template sets the meta line and the tool row between the two.
- complete_header: what Material's header has no block for — a name for its search dialog (axe:
  aria-dialog-name), taken from the dialog's own search box, and the 无障碍 entry as the first
  stop in the header. If Material's header changes so that a place is not found, the build stops
  naming the page and the place (design/material.md lists both).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from itertools import accumulate
from typing import NamedTuple

from markupsafe import Markup
from mkdocs.exceptions import PluginError


class ThemeChanged(PluginError):
    """Material's rendered header no longer has a place the site relies on."""


class Article(NamedTuple):
    heading: Markup   # the h1, whole; empty if the page has none
    body: Markup


class _Positions(HTMLParser):
    """An HTML parser that knows where in the text it is, as an offset."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        # HTMLParser counts lines by "\n" alone; so does this.
        self.line_starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]

    def here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def parse(self) -> None:
        self.feed(self.text)
        self.close()


class _HeadingEnd(_Positions):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.end: int | None = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.end is None:
            self.end = self.text.index(">", self.here()) + 1


def split_heading(content: str) -> Article:
    finder = _HeadingEnd(content)
    finder.parse()
    if finder.end is None:
        return Article(Markup(""), Markup(content))
    return Article(Markup(content[:finder.end]), Markup(content[finder.end:]))


class _HeaderPlaces(_Positions):
    """Where the header's navigation opens, where the search dialog's start tag closes, and what
    the dialog's search box says."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.nav_open: int | None = None
        self.dialog_close: int | None = None
        self.search_box: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        tag_end = self.here() + len(self.get_starttag_text() or "")
        if tag == "nav" and "md-header__inner" in classes and self.nav_open is None:
            self.nav_open = tag_end
        elif attr.get("data-md-component") == "search" and attr.get("role") == "dialog":
            self.dialog_close = tag_end - 1           # before its ">"
        elif attr.get("data-md-component") == "search-query" and self.dialog_close is not None:
            self.search_box = self.search_box or attr.get("placeholder")


def complete_header(page: str, access_entry: str, name: str) -> str:
    """The rendered page `name` with the entry first in its header and its search dialog named."""
    places = _HeaderPlaces(page)
    places.parse()
    if places.nav_open is None:
        raise ThemeChanged(f"{name}: Material's header has no <nav class=\"md-header__inner\">: "
                           "the 无障碍 entry has no place (design/material.md)")
    if places.dialog_close is None or not places.search_box:
        raise ThemeChanged(f"{name}: Material's header has no search dialog with a search box: "
                           "the dialog cannot be named (design/material.md)")
    label = f' aria-label="{html.escape(places.search_box)}"'
    # The later place first, so that the earlier one's offset still holds.
    for at, text in sorted([(places.nav_open, access_entry), (places.dialog_close, label)], reverse=True):
        page = page[:at] + text + page[at:]
    return page
