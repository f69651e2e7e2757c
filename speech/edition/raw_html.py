"""No content becomes markup: what editors write in docs/ reaches the pages as text.

    markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", ContentIsText()])

Python-Markdown passes raw HTML through as it is: a `<script>` in an editor's note would be in the
page, and the CSP (speech/hosting/deploy.py) would have to trust or refuse it late, naming the built page.
This extension refuses it where it is written, on Python-Markdown's own structures:

- md_in_html turns `<div … markdown>` blocks into elements of the tree: after block parsing (and
  the footnotes' own treeprocessor), every element that Markdown did not make itself must be one
  of the few the pages need (ALLOWED: the empty slots the build fills, and so on);
- every other piece of raw HTML, block or inline, sits in md.htmlStash when the tree is done:
  each is read with an HTML parser, and any tag, declaration or processing instruction in it
  must be allowed too (comments are inert: they hold the snippet markers);
- attributes that run script, style the page or load from another host are refused wherever
  they come from (attr_list's `{ onclick=… }`, a link to `javascript:`, an image from elsewhere);
- an editor's note holds at most NOTE_LIMIT characters.

Each refusal is one line naming the page and the line of its Markdown where the thing stands.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.snippets import SnippetExtension, SnippetMissingError

from .model import StructureError, front_matter_error, read_utf8, text_of
from .site_markdown import SiteMarkdown
from .slots import SLOTS

# An editor's note (编者注) says what is odd about a word and why it stays: a few sentences. The
# longest today is 72 characters; a note of thousands is a paste gone wrong (it would also fill
# pages of every printout and download).
NOTE_LIMIT = 300


@dataclass(frozen=True)
class Allowed:
    """An element an editor may write, exactly: its tag and all its attributes."""
    why: str
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)


# The whole allowance, by name. The slots are empty elements the build fills (slots.py);
# the legend on 对照原文 shows the very marks it explains, and carries nothing but their class.
ALLOWED = (
    *(Allowed(f"{slot.what} slot ({slot.page})", slot.tag, {"id": slot.id, **slot.attrs}) for slot in SLOTS),
    Allowed("the provenance block (index.md)", "div", {"class": "provenance"}),
    Allowed("the collation legend (duizhao.md)", "del"),
    Allowed("the collation legend (duizhao.md)", "del", {"class": "linebreak"}),
    Allowed("the collation legend (duizhao.md)", "ins"),
    Allowed("the collation legend (duizhao.md)", "sup"),
)

# What Python-Markdown's block parser makes (with the site's tables), and the attributes it sets.
_MARKDOWN_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
                    "code", "hr", "table", "thead", "tbody", "tr", "th", "td"}
_MARKDOWN_ATTRS = {"ol": {"start"}, "th": {"style", "align"}, "td": {"style", "align"}}
# Attributes whose value is a URL, and the schemes a link may use; images load from the site only.
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"}
_LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
_LOADS = {"src", "srcset", "data", "poster", "background"}


def allowance(tag: str, attrs: dict[str, str]) -> Allowed | None:
    return next((a for a in ALLOWED if a.tag == tag and a.attrs == attrs), None)


def describe(tag: str, attrs: dict[str, str | None]) -> str:
    shown = " ".join(name if value is None else f'{name}="{value[:30]}"' for name, value in attrs.items())
    return f"<{tag}{' ' + shown if shown else ''}>"


class _Markup(HTMLParser):
    """The markup in a fragment of raw HTML: [(what, needle to find it in the source), …] of
    everything that is not allowed."""

    def __init__(self, allow: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allow = allow
        self.refused: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if not (self.allow and allowance(tag, {k: v or "" for k, v in attributes.items()})):
            self.refused.append((describe(tag, attributes), f"<{tag}"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self.refused.append((f"<!{decl[:30]}>", f"<!{decl[:10]}"))

    def handle_pi(self, data: str) -> None:
        self.refused.append((f"<?{data[:30]}>", f"<?{data[:10]}"))

    def unknown_decl(self, data: str) -> None:
        self.refused.append((f"<![{data[:30]}]>", "<!["))


class _StartTag(HTMLParser):
    found: dict[str, str]

    @classmethod
    def attributes(cls, tag_text: str) -> dict[str, str]:
        parser = cls(convert_charrefs=True)
        parser.found = {}
        parser.feed(tag_text)
        parser.close()
        return parser.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = {name: value or "" for name, value in attrs}


def markup_in(fragment: str, allow: bool = True) -> list[tuple[str, str]]:
    """What in a fragment of HTML is markup beyond the allowance (or any markup, allow=False):
    [(what, a needle to find it in the source), …], empty if there is none."""
    parser = _Markup(allow)
    parser.feed(fragment)
    parser.close()
    return parser.refused


def line_of(source: str, needle: str) -> int | None:
    """The line (from 1) of the first occurrence of needle in source, ignoring case."""
    at = source.lower().find(needle.lower())
    return source.count("\n", 0, at) + 1 if at >= 0 else None


class ContentIsText(Extension):
    """Refuses raw HTML and script-bearing attributes in a page's Markdown.

    `page` names the document in messages; `sources` maps file names to their text as the editor
    wrote it (front matter included, for true line numbers): the page's own file first, then the
    files it may include (snippets). The MkDocs glue sets both before each page. Without
    `sources`, the lines are counted in the text Markdown was given."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {}
        super().__init__(**kwargs)
        self.page = "<document>"
        self.sources: dict[str, str] = {}
        self.error_type: type[Exception] = ValueError
        self._given = ""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)
        # \<img> is the editor saying "the text <img>", as in CommonMark; Python-Markdown would
        # leave the backslash and read the rest as raw HTML.
        if "<" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("<")
        md.preprocessors.register(_KeepSource(md, self), "content-is-text-source", 100)
        md.treeprocessors.register(_Elements(md, self), "content-is-text-elements", 49)
        md.treeprocessors.register(_Stash(md, self), "content-is-text-stash", -50)

    def error(self, what: str, needles: str | tuple[str, ...] = (), why: str = "") -> Exception:
        needles = (needles,) if isinstance(needles, str) else needles
        found = ((name, line_of(text, needle)) for needle in needles
                 for name, text in (self.sources or {self.page: self._given}).items())
        name, line = next(((name, line) for name, line in found if line), (self.page, None))
        where = f"{name}:{line}" if line else self.page
        if name != self.page:
            where += f" (included in {self.page})"
        why = why or ": raw HTML is not allowed in content, which is text (the site adds all markup itself)"
        return self.error_type(f"{where}: {what}{why}")


class _KeepSource(Preprocessor):
    def __init__(self, md: markdown.Markdown, ext: ContentIsText) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext._given = "\n".join(lines)
        return lines


class _Elements(Treeprocessor):
    """After block parsing and the footnotes' own structure: the elements the editor wrote in
    HTML (md_in_html), and the length of each note."""

    def __init__(self, md: markdown.Markdown, ext: ContentIsText) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is root or self.made_by_markdown(element):
                continue
            attrs = dict(element.attrib)
            if allowance(element.tag, attrs) is None:
                raise self.ext.error(describe(element.tag, attrs), self.written_as(element.tag, attrs))
        for note in root.iter("li"):
            name = (note.get("id") or "").removeprefix("fn:")
            if note.get("id", "").startswith("fn:"):
                length = len(self.note_text(note).replace(NBSP_PLACEHOLDER, "").strip())
                if length > NOTE_LIMIT:
                    raise self.ext.error(f"the note [^{name}] is {length:,} characters long", f"[^{name}]:",
                                         f"; a note holds at most {NOTE_LIMIT}")

    def written_as(self, tag: str, attrs: dict[str, str]) -> tuple[str, ...]:
        """The start tag as the editor wrote it (md_in_html drops `markdown`), found among the
        sources' tags of that name by its attributes, not merely the first <tag; else <tag."""
        start_tag = re.compile(rf"<{re.escape(tag)}\b[^>]*>", re.I)
        for text in (self.ext.sources or {self.ext.page: self.ext._given}).values():
            for written in start_tag.findall(text):
                parsed = _StartTag.attributes(written)
                if {k: v for k, v in parsed.items() if k != "markdown"} == attrs:
                    return (written, f"<{tag}")
        return (f"<{tag}",)

    @staticmethod
    def note_text(element: etree.Element) -> str:
        """A note's text, without the footnotes extension's back link."""
        return text_of(element, lambda child: "footnote-backref" in (child.get("class") or ""))

    @staticmethod
    def made_by_markdown(element: etree.Element) -> bool:
        attrs = set(element.attrib)
        if element.tag in _MARKDOWN_BLOCKS and attrs <= _MARKDOWN_ATTRS.get(element.tag, set()):
            return True
        # The footnotes extension's own list: <div class="footnote"><hr><ol><li id="fn:…"> … back link.
        return ((element.tag == "div" and element.attrib == {"class": "footnote"})
                or (element.tag == "li" and attrs == {"id"} and element.get("id").startswith("fn:"))
                or (element.tag == "a" and "footnote-backref" in (element.get("class") or "")))


class _Stash(Treeprocessor):
    """When the tree is done: the raw HTML Python-Markdown stashed, and every attribute."""

    def __init__(self, md: markdown.Markdown, ext: ContentIsText) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        for fragment in self.md.htmlStash.rawHtmlBlocks:
            if isinstance(fragment, etree.Element):
                fragment = etree.tostring(fragment, encoding="unicode")
            refused = markup_in(fragment)
            if refused:
                raise self.ext.error(*refused[0])
        for element in root.iter():
            for name, value in element.attrib.items():
                problem = self.attribute_problem(name.lower(), value)
                if problem:
                    raise self.ext.error(f"{describe(element.tag, {name: value})}: {problem}", (value, name),
                                         "; content cannot carry script, styles or things from other hosts")

    @staticmethod
    def attribute_problem(name: str, value: str) -> str | None:
        if name.startswith("on"):
            return "an event handler"
        if name in ("style", "srcdoc"):
            return f"a {name} attribute"
        if name in _URL_ATTRS:
            url = urlsplit(value.strip())
            if url.scheme.lower() not in _LINK_SCHEMES:
                return f"a {url.scheme}: address"
            if name in _LOADS and (url.scheme or url.netloc):
                return "loads from another host"
        return None


def page_errors(path: Path, name: str, site_markdown: SiteMarkdown) -> list[str]:
    """What is wrong with one Markdown file of docs/ as an editor wrote it, read on its own, each a
    line naming the file (and the line): its front matter (malformed; markup in the title or the
    description, which the theme shows as they are) and the first raw HTML in its Markdown. The
    MkDocs glue checks every page so before the speech model or MkDocs reads any, and reports
    every page's errors at once."""
    from mkdocs.utils.meta import get_data  # the front-matter reader MkDocs itself uses

    try:
        source = read_utf8(path, name, "the speech model")
    except StructureError as err:
        return [str(err)]
    body, meta = get_data(source)
    errors = [f"{name}: {error}"] if (error := front_matter_error(body)) else []
    for key in ("title", "description"):
        if isinstance(meta.get(key), str) and (refused := markup_in(meta[key], allow=False)):
            errors.append(f"{name}:{line_of(source, key + ':')}: raw HTML {refused[0][0]} "
                          f"in the front matter's {key}, which is text")
    guard = ContentIsText()
    guard.page, guard.sources, guard.error_type = name, {name: source}, StructureError
    try:
        site_markdown.markdown(guard).convert(body)
    except StructureError as err:
        errors.append(str(err))
    # Its snippet includes as the site reads them: from docs/ only, a missing one an error. (What
    # they include is checked as the page it comes from.)
    docs = path.parents[len(Path(name).parts) - 1]
    snippets = SnippetExtension(base_path=[str(docs)], check_paths=True, restrict_base_path=True)
    try:
        markdown.Markdown(extensions=[snippets]).convert(body)
    except SnippetMissingError as err:
        missing = re.search(r"'(.*)'", str(err))
        line = line_of(source, missing.group(1)) if missing and missing.group(1) else None
        errors.append(f"{name}{f':{line}' if line else ''}: {err}; a snippet is read from docs/ only, "
                      "and must be there")
    return errors


def makeExtension(**kwargs: Any) -> ContentIsText:  # pragma: no cover
    return ContentIsText(**kwargs)
