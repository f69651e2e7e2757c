"""The speech plugin: the one owner of the build's own steps.

    plugins:
      - speech:
          site_path: !ENV SITE_PATH     # the settings: config.py

on_config reads the edition once (model, glossary, collation; every error in the editors' files a
line of its own) and hands it to the Markdown extension; the pages' text blocks become the search
index, their inline scripts the security headers and server configs, and after every other step
the downloads are written from the same edition. Nothing is kept between builds but the plugin
object MkDocs itself keeps; each build's state is made afresh in on_config.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from speech.edition.edition import Edition, EditionErrors, EditionSources, read_edition
from speech.edition.inputs import input_errors
from speech.edition.raw_html import ContentIsText
from speech.edition.site_markdown import SiteMarkdown
from speech.hosting import assets, deploy
from speech.markdown.conversion import Conversion
from speech.markdown.extension import SpeechExtension
from speech.takeaway import downloads
from speech.takeaway.make_downloads import DeadDownloadLinks, write_downloads

from .config import SpeechConfig
from .hosting import Hosting
from .pages import SearchPages, escape_front_matter, page_context
from .reader_settings import ZIHAO, reader_settings
from .rendered import complete_header
from .scripts import join_bundles
from .template_cache import TemplateCache

log = logging.getLogger("mkdocs.plugins.speech")


class SpeechPlugin(BasePlugin[SpeechConfig]):
    def __init__(self) -> None:
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        site_markdown = SiteMarkdown.from_mkdocs(config.markdown_extensions, config.mdx_configs)
        # Files, not links, and text without control characters, before anything reads them.
        if errors := input_errors(root):
            fail(errors)
        sources = EditionSources(docs, root / self.config.glossary, root / self.config.source,
                                 self.config.glossary, self.config.source)
        try:
            self.edition = read_edition(sources, site_markdown)
            prefix = deploy.site_prefix(config.site_url, self.config.site_path)
        except (EditionErrors, deploy.DeployError) as err:
            fail(str(err).split("\n"))
        self.extension = SpeechExtension(self.edition)
        self.content_is_text = ContentIsText()   # raw HTML in any page's Markdown stops the build
        self.content_is_text.error_type = PluginError
        # Where a refused piece of markup was written: a page, or a file it includes.
        self.sources = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
                        for path in sorted(docs.glob("*.md"))}
        self.conversion = Conversion()
        self.hosting = Hosting(prefix, self.config.deploy_root, server_configs=self.command == "build")
        self.search = SearchPages()
        # Unset, what `mkdocs build` and gh-deploy publish has both; `mkdocs serve` neither.
        publishing = self.command != "serve"
        self.downloads = publishing if self.config.downloads is None else self.config.downloads
        self.publish = publishing if self.config.publish is None else self.config.publish
        config.markdown_extensions += [self.extension, self.content_is_text]
        return config

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = TemplateCache()
        env.globals |= {"reader_settings": reader_settings(), "zihao_options": ZIHAO}
        self.access_entry = env.get_template("partials/access-entry.html").render().strip()
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return join_bundles(files, config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self.search.follow(nav)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        escape_front_matter(page)
        name = page.file.src_uri
        self.conversion = Conversion(name, PluginError)
        self.extension.convert_next(self.conversion)
        own = self.sources.get(name) or Path(page.file.abs_src_path).read_text(encoding="utf-8")
        self.content_is_text.page, self.content_is_text.sources = name, {name: own} | self.sources
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.hosting.check_content(html, page.file.src_uri)
        self.search.add(page, self.conversion.search_blocks)
        return html

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        return page_context(context, page, self.edition, bool(config.site_url), self.downloads)

    def on_template_context(self, context: dict[str, Any], *, template_name: str,
                            config: MkDocsConfig) -> dict[str, Any]:
        context["site_prefix"] = self.hosting.prefix   # the 404 page's <base>
        return context

    @event_priority(50)  # before the minifier, which then treats the header as a whole
    def _complete_page_header(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return complete_header(output, self.access_entry, page.file.src_uri)

    @event_priority(-200)  # after the minifier: the text the browser will hash
    def _trust_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.hosting.trust(page.file.dest_uri, output, page.file.src_uri)
        return output

    on_post_page = CombinedEvent(_complete_page_header, _trust_page)

    @event_priority(50)
    def _complete_template_header(self, output_content: str, *, template_name: str,
                                  config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):
            return complete_header(output_content, self.access_entry, template_name)
        return output_content

    @event_priority(-200)
    def _trust_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):
            self.hosting.trust(template_name, output_content)
        return output_content

    on_post_template = CombinedEvent(_complete_template_header, _trust_template)

    # Before Material's offline plugin (-100), which copies the index's stub for file://.
    def _write_search_index(self, *, config: MkDocsConfig) -> None:
        self.search.write(Path(config.site_dir))

    @event_priority(-200)  # after every other step: the pages read here are the final ones
    def _write_hosting_and_downloads(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.publish:   # before the pages' scripts are hashed: the last change to the pages
            assets.content_name(site_dir, self.hosting.prefix)
        documents = downloads.documents(self.edition.speech)
        self.hosting.write(site_dir, bool(config.site_url), documents)
        if self.downloads:
            take_away(site_dir, self.edition, config.site_url or "")
        if self.publish:   # the last step: every file is final
            assets.precompress(site_dir)

    on_post_build = CombinedEvent(_write_search_index, _write_hosting_and_downloads)


def take_away(site_dir: Path, edition: Edition, site_url: str) -> None:
    """The downloads, each logged with its size."""
    try:
        for path in write_downloads(site_dir, edition.speech, site_url):
            log.info(f"{path.relative_to(site_dir)}  {path.stat().st_size / 1024:.0f} KiB")
    except DeadDownloadLinks as err:
        raise PluginError(str(err)) from None


def fail(errors: list[str]) -> NoReturn:
    """Stop the build with each error on a line of its own (MkDocs prints the one raised last)."""
    for error in errors[:-1]:
        log.error(error)
    raise PluginError(errors[-1])
