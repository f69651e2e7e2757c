"""Mark every glossary term in the speech with its explanation, and list the terms on the 术语 page.

Terms come from includes/glossary.md (`*[term]: explanation`). Python-Markdown's `abbr` looks for
terms between word boundaries, which Chinese text does not have (it marks 三亮 inside “三亮” but
not 三会一课 in 三会一课的制度), so this hook matches the plain substring, longest term first,
in the text of the speech blocks only, never inside a tag, a link or a footnote mark. The
explanation goes in the title (desktop hover shows it); tabindex="0" lets a tap or the keyboard
focus the term, and edition.css then shows the title in a note card.

The 术语 page (front matter `glossary: true`) gets a table built from the same file: each term,
its explanation, and a link to every paragraph of the speech where it occurs.
"""

import html
import re
from pathlib import Path

from speech_blocks import rewrite_speech_paragraphs, speech_paragraphs, speech_sources

_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<explanation>.+?)\s*$", re.M)
_TAG_OR_TEXT = re.compile(r"(<[^>]+>)|([^<]+)")
# Inside these, text is left alone.
_NO_MARKS = ("a", "sup", "abbr", "code")


def load_glossary(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    terms = {m["term"]: m["explanation"] for m in _DEFINITION.finditer(text)}
    if not terms:
        raise ValueError(f"{path}: no glossary lines of the form *[term]: explanation")
    return terms


def term_pattern(terms) -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


def mark_terms(block_html: str, terms: dict[str, str], pattern: re.Pattern) -> str:
    """Wrap each term in the text of block_html, skipping text inside _NO_MARKS elements."""
    def abbr(match: re.Match) -> str:
        term = match.group(0)
        return f'<abbr class="term" tabindex="0" title="{html.escape(terms[term])}">{term}</abbr>'

    out, depth = [], 0  # depth: how many _NO_MARKS elements we are inside
    for tag, text in _TAG_OR_TEXT.findall(block_html):
        if text:
            out.append(text if depth else pattern.sub(abbr, text))
            continue
        name = re.match(r"</?([a-zA-Z0-9]+)", tag)
        if name and name.group(1).lower() in _NO_MARKS and not tag.endswith("/>"):
            depth = max(0, depth - 1) if tag.startswith("</") else depth + 1
        out.append(tag)
    return "".join(out)


def glossary_table(terms, pages) -> str:
    """Markdown table: term, explanation, links to each paragraph where it occurs.

    pages: [(src_uri, title, markdown)] of the pages that hold the speech, in reading order.
    """
    rows = ["| 术语 | 释义 | 出处 |", "| --- | --- | --- |"]
    for term, explanation in terms.items():
        places = []
        for src_uri, title, markdown in pages:
            for block_id, text in speech_paragraphs(markdown):
                if term in text:
                    number = block_id.rsplit("-", 1)[1]
                    label = "开场白" if block_id.startswith("kaichang") else f"{title.split('、')[0]}、第 {number} 段"
                    places.append(f'[{label}]({src_uri}#{block_id} "{title} 第 {number} 段")')
        rows.append(f"| {term} | {explanation} | {'；'.join(places) or '—'} |")
    return "\n".join(rows)


_terms: dict[str, str] = {}
_pattern = None


def on_config(config):
    global _terms, _pattern
    _terms = load_glossary(Path(config.config_file_path).parent / "includes" / "glossary.md")
    _pattern = term_pattern(_terms)


def on_page_markdown(markdown, page, config, files):
    if not page.meta.get("glossary"):
        return markdown
    if "<!-- glossary -->" not in markdown:
        raise ValueError(f"{page.file.src_uri}: glossary page without a <!-- glossary --> line")
    pages = [(uri, re.search(r"^title:\s*(.+)$", source, re.M).group(1), source)
             for uri, source in speech_sources(config, files)]
    return markdown.replace("<!-- glossary -->", glossary_table(_terms, pages))


def on_page_content(html_text, page, config, files):
    return rewrite_speech_paragraphs(html_text, lambda _, inner: mark_terms(inner, _terms, _pattern))
