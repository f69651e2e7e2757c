"""Write the downloads into a built site: each section and the whole speech as PDF, Word and text.

    site/downloads/yiyi.pdf  yiyi.docx  yiyi.txt   (and mudi, yaoqiu, quanwen)

The plugin calls write_downloads after every page is written (`mkdocs build`; `mkdocs serve` only
when asked). The Word and text files come from the speech model (downloads.py, docx_writer.py);
each PDF is the page itself printed by Chromium with the site's print stylesheet, opened from disk
as a reader's browser would print it. At the end every link to downloads/ in the built site is
checked, and a missing file fails the build.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ..edition import model
from . import downloads
from .docx_writer import write_docx
from .printing import chromium, print_pdf


def write_files(site: Path, speech_model: model.Speech, site_url: str = "") -> list[Path]:
    """The .docx and .txt of every document, in site/downloads/."""
    (site / downloads.DIR).mkdir(parents=True, exist_ok=True)
    written = []
    for doc in downloads.documents(speech_model):
        docx_path = site / doc.path("docx")
        docx_path.write_bytes(write_docx(doc, doc.source_line(site_url)))
        txt_path = site / doc.path("txt")
        txt_path.write_bytes(downloads.text_file(speech_model, doc, site_url))
        written += [docx_path, txt_path]
    return written


def print_pdfs(site: Path, speech_model: model.Speech) -> list[Path]:
    """Each printable page printed to PDF by Chromium from the built site on disk."""
    with chromium() as browser:
        page = browser.new_page()          # one tab for all: fonts are loaded once
        return [print_pdf(page, (site / doc.page).resolve().as_uri(), site / doc.path("pdf"), doc.document_title)
                for doc in downloads.documents(speech_model)]


class _DownloadLinks(HTMLParser):
    """The href of every <a> into downloads/, read by an HTML parser: the minified pages have
    unquoted attributes, in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.removeprefix("./").startswith(f"{downloads.DIR}/"):
            self.targets.append(href.removeprefix("./"))


def dead_links(site: Path) -> list[str]:
    """Links to downloads/ in the built pages whose file is not there."""
    dead = []
    for page in sorted(site.glob("*.html")):
        links = _DownloadLinks()
        links.feed(page.read_text(encoding="utf-8"))
        dead += [f"{page.name} → {target}" for target in links.targets if not (site / target).is_file()]
    return dead


class DeadDownloadLinks(ValueError):
    """Pages link to downloads that were not written."""


def write_downloads(site: Path, speech_model: model.Speech, site_url: str = "") -> list[Path]:
    """Word, text and PDF of every document into site/downloads/; the files written."""
    written = write_files(site, speech_model, site_url) + print_pdfs(site, speech_model)
    dead = dead_links(site)
    if dead:
        raise DeadDownloadLinks("links to missing downloads: " + ", ".join(dead))
    return written
