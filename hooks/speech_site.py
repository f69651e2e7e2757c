"""MkDocs glue for the `speech` package: the whole of the site's build-time Python that needs MkDocs.

- on_config: check every page's front matter and raw HTML (speech/raw_html.py), read the speech
  model and the glossary, set the verbatim source against the model (speech/collation.py); any
  error stops the build before a page is written, every error found a line of its own naming the
  file; then add the Markdown extension that marks the speech on every page (speech/extension.py).
- on_page_markdown: title and description reach the page as text; tell the extension which page
  it is converting.
- on_page_context: what the templates say about the speech (title, source line, the QR code of
  the page's published address; on a printable page its downloads, their saved names and the
  text 复制 copies) comes from the model, not from a second copy in the templates.
- on_page_content / on_post_build: collect each page's text blocks and write the search index.
"""

import html
import logging
from pathlib import Path
from typing import NoReturn

from mkdocs.exceptions import PluginError

import speech.model
from speech import collation, downloads, glossary, search_index
from speech.notebook import notebook_data
from speech.raw_html import ContentIsText, page_errors
from speech.qr import qr_svg
from speech.extension import SpeechExtension

GLOSSARY = "includes/glossary.md"   # relative to the project root
MARKDOWN_EXTENSIONS = [*speech.model.MARKDOWN_EXTENSIONS, "tables"]   # as mkdocs.yml has them

log = logging.getLogger("mkdocs.hooks.speech_site")

_extension: SpeechExtension | None = None
_content_is_text = ContentIsText()   # raw HTML in any page's Markdown stops the build
_content_is_text.error_type = PluginError
_pages: dict[str, dict] = {}        # src_uri -> {"location", "title", "blocks"}
_nav_order: list[str] = []


def on_config(config):
    global _extension
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    # Every page's front matter and raw HTML, before anything reads the pages; then the model and
    # the glossary. Each error is one line naming file and line, all of them from one build.
    errors = [error for path in sorted(docs.rglob("*.md"))
              for error in page_errors(path, path.relative_to(docs).as_posix(), MARKDOWN_EXTENSIONS)]
    model = collated = None
    try:
        model = speech.load(docs)
    except speech.StructureError as err:
        # A file already named above would only be named again, in the model's words.
        if not any(error.startswith(str(err).split(":", 1)[0] + ":") for error in errors):
            errors.append(str(err))
    try:
        terms = glossary.load(root / GLOSSARY, GLOSSARY)
    except speech.StructureError as err:
        errors.append(str(err))
    if model is not None:
        try:
            collated = collation.collate(root / collation.SOURCE, model)
        except speech.StructureError as err:
            errors.append(str(err))
    if errors:
        fail(errors)
    _extension = SpeechExtension(speech=model, glossary=terms, collation=collated, error_type=PluginError)
    config.markdown_extensions.append(_extension)
    config.markdown_extensions.append(_content_is_text)
    return config


def fail(errors: list[str]) -> NoReturn:
    """Stop the build with each error on a line of its own (MkDocs prints the one raised last)."""
    for error in errors[:-1]:
        log.error(error)
    raise PluginError(errors[-1])


def on_page_context(context, page, config, nav):
    model = _extension.speech
    url = page.canonical_url if config.site_url else None
    context["speech"] = model          # its year and version for the meta line
    context["speech_title"] = model.title
    context["source_line"] = downloads.source_line(model.title, url)
    if page.meta.get("printable") is True:
        take_away = downloads.document(model, page.file.src_uri.removesuffix(".md"))
        context["take_away"] = take_away
        context["copied_text"] = downloads.copied_text(take_away)
    if page.meta.get("notebook") is True:           # 我的笔记: the texts a reader's marks are anchored in
        context["notebook"] = notebook_data(model)
    # Only a published address is worth a QR code: without SITE_URL there is none to encode.
    context["qr_svg"] = qr_svg(url, f"二维码：{url}") if url else ""
    return context


def on_pre_build(config):
    _pages.clear()


def on_nav(nav, config, files):
    _nav_order[:] = [page.file.src_uri for page in nav.pages]


def on_page_markdown(markdown, page, config, files):
    # Checked in on_config: the theme puts these into <title>, <meta content="…"> and the navigation
    # as they are, so they reach the page as text.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key])
    _extension.begin_page(page.file.src_uri)
    _content_is_text.page = page.file.src_uri
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    # Where a refused piece of markup was written: this page, or a file it includes.
    docs = Path(config.docs_dir)
    _content_is_text.sources = {page.file.src_uri: source} | {
        path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in sorted(docs.glob("*.md"))}
    return markdown


def on_page_content(content, page, config, files):
    if not (page.meta.get("search") or {}).get("exclude"):
        _pages[page.file.src_uri] = {"location": page.url or "index.html",
                                     "title": html.unescape(page.title or ""),
                                     "blocks": _extension.search_blocks()}
    return content


def on_post_build(config):
    order = {uri: n for n, uri in enumerate(_nav_order)}
    ranked = sorted(_pages, key=lambda uri: order.get(uri, len(order)))
    search_index.write(Path(config.site_dir), [_pages[uri] for uri in ranked])
