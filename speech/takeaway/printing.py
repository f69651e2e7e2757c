"""Chromium, headless, driven by Playwright: what prints the PDF downloads, and what the tests and
tools drive. Playwright is installed with the test dependencies (requirements-test.txt); it drives
Debian's Chromium and downloads no browser of its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # imported when Chromium is first needed
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, headless Chromium tries to reach Google's hosts on its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[Browser]:
    """A Playwright Browser over Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def print_pdf(page: Page, url: str, out: Path, title: str | None = None) -> Path:
    """Print one page of the site to PDF with a Playwright page, as the browser's print dialog
    prints it (print media, the page's @page rules), once its fonts are in; `title` is what a PDF
    viewer's title bar shows. The downloads and the print tests both print with this."""
    page.goto(url, wait_until="load")
    page.evaluate("title => document.fonts.ready.then(() => { if (title) document.title = title })", title)
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=False, tagged=True, outline=True)
    return out
