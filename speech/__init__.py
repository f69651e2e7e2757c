"""The speech and its edition, in plain Python (MkDocs is met only in hooks/speech_site.py):

- model.py        the speech read from docs/: blocks, labels, notes, references, what is editorial
- glossary.py     includes/glossary.md, read strictly
- extension.py    the Python-Markdown extension that marks the speech on every page; its
                  processors.py (one job each), generated.py and collation_page.py (generated
                  content), tree.py (element-tree helpers)
- collation.py    source/ set against the model, for the 对照原文 page (and a check on every build)
- search_index.py the index our search worker reads
- downloads.py, docx_writer.py   the documents a reader takes away: text, copied text, saved names,
                  source line, Word;  make_downloads.py, printing.py  writing them, PDFs by Chromium
- qr.py           QR codes of a page's address
"""

from .edition.model import EDITORIAL, SPEECH, Paragraph, Section, Speech, StructureError, load

__all__ = ["EDITORIAL", "SPEECH", "Paragraph", "Section", "Speech", "StructureError", "load"]
