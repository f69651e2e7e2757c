"""What the plugin adds to each page, and what it gathers from them.

- escape_front_matter: title and description (checked when the edition was read) reach the page
  as text.
- page_context: what the templates say about the speech (title, source line, the QR code of the
  page's published address; on a printable page its downloads, their saved names and the text
  复制 copies) comes from the edition, not from a second copy in the templates. The page's
  content reaches them as its heading and the rest (main.html sets the meta line and tool row
  between), and a 目录 of one entry is hidden.
- SearchPages: each page's text blocks, as the extension found them, written as the search index
  in navigation order.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from speech.edition.edition import Edition
from speech.edition.notebook import notebook_data
from speech.search import index as search_index
from speech.search.index import SearchBlock
from speech.takeaway import downloads
from speech.takeaway.qr import qr_svg

from .rendered import split_heading


def escape_front_matter(page: Page) -> None:
    """The theme puts these into <title>, <meta content="…"> and the navigation as they are."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key])


def page_context(context: dict[str, Any], page: Page, edition: Edition, published: bool,
                 downloads_written: bool) -> dict[str, Any]:
    model = edition.speech
    url = page.canonical_url if published else None
    context["speech"] = model          # its year and version for the meta line
    context["speech_title"] = model.title
    context["source_line"] = downloads.source_line(model.title, url)
    context["downloads"] = downloads_written
    if page.meta.get("printable") is True:
        take_away = downloads.document(model, page.file.src_uri.removesuffix(".md"))
        context["take_away"] = take_away
        context["copied_text"] = downloads.copied_text(take_away)
    if page.meta.get("notebook") is True:   # 我的笔记: the texts a reader's marks are anchored in
        context["notebook"] = notebook_data(model)
    # Only a published address is worth a QR code: without site_url there is none to encode.
    context["qr_svg"] = qr_svg(url, f"二维码：{url}") if url else ""
    context["article"] = split_heading(page.content or "")
    hide_single_entry_toc(page)
    return context


def hide_single_entry_toc(page: Page) -> None:
    """A 目录 of one entry (引用本页 on a section page, 讲话结构 on the home page) is no table of
    contents: hidden in the sidebar (Material's `hide: [toc]`) and in the phone's drawer, which
    lists the page's toc whatever `hide` says."""
    top = next(iter(page.toc), None)
    if top is not None and len(top.children) < 2:
        top.children.clear()
        page.meta["hide"] = [*(page.meta.get("hide") or []), "toc"]


class SearchPages:
    """The pages' text blocks for the search index, in the navigation's order."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, Any]] = {}   # src_uri -> {"location", "title", "blocks"}
        self.nav_order: list[str] = []

    def follow(self, nav: Navigation) -> None:
        self.nav_order = [page.file.src_uri for page in nav.pages]

    def add(self, page: Page, blocks: list[SearchBlock]) -> None:
        if not (page.meta.get("search") or {}).get("exclude"):
            self.pages[page.file.src_uri] = {"location": page.url or "index.html",
                                             "title": html.unescape(page.title or ""), "blocks": blocks}

    def write(self, site_dir: Path) -> None:
        order = {uri: n for n, uri in enumerate(self.nav_order)}
        ranked = sorted(self.pages, key=lambda uri: order.get(uri, len(order)))
        search_index.write(site_dir, [self.pages[uri] for uri in ranked])
