"""The speech, its edition and the MkDocs plugin that builds the site from it, by concern:

- edition/    what the editors wrote, read and checked: model.py (the speech read from docs/),
              glossary.py, collation.py (source/ set against the model), raw_html.py (content is
              text), slots.py (what a page may ask the build to fill), site_markdown.py (the site's
              Markdown, as mkdocs.yml lists it), edition.py (the immutable Edition a build
              reads once), inputs.py (files, not links; no control characters), notebook.py
              (what 我的笔记 needs of the speech)
- markdown/   the Python-Markdown extension that marks the speech on every page: extension.py,
              processors.py (one job each), generated.py and collation_page.py (generated
              content), sentences.py, tree.py, conversion.py (what one page's conversion carries)
- search/     index.py, the index our search worker reads
- takeaway/   downloads.py (text, copied text, saved names, source line), docx_writer.py (Word),
              printing.py (PDFs by Chromium), qr.py, make_downloads.py (writing them into site/)
- hosting/    deploy.py: security headers, CSP hashes, nginx and Apache configs; assets.py:
              content-named scripts and stylesheets, precompressed .br and .gz
- plugin/     the MkDocs plugin that runs all of it (design/architecture.md)

Each folder imports only those listed above it.
"""

from .edition.model import EDITORIAL, SPEECH, Paragraph, Section, Speech, StructureError, load

__all__ = ["EDITORIAL", "SPEECH", "Paragraph", "Section", "Speech", "StructureError", "load"]
