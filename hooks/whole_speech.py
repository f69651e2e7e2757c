"""On the whole-speech page (front matter `whole_speech: true`), demote the section headings.

The page includes each section file, whose heading is an h1 (it is that page's title). Here the
speech title is the one h1, so every later h1 becomes an h2: one h1 a page, and a table of contents
that lists the three sections.
"""

import re

_H1 = re.compile(r"<h1(\s[^>]*)?>(.*?)</h1>", re.S)


def demote_after_first_h1(html: str) -> str:
    seen_first = False

    def demote(match: re.Match) -> str:
        nonlocal seen_first
        if not seen_first:
            seen_first = True
            return match.group(0)
        return f"<h2{match.group(1) or ''}>{match.group(2)}</h2>"

    return _H1.sub(demote, html)


def on_page_content(html, page, config, files):
    if page.meta.get("whole_speech"):
        return demote_after_first_h1(html)
    return html
