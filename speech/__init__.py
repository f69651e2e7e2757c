"""The speech and its edition, in plain Python (MkDocs is met only in hooks/speech_site.py):

- model.py        the speech read from docs/: blocks, labels, notes, references, what is editorial
- glossary.py     includes/glossary.md, read strictly
- extension.py    the Python-Markdown extension that marks the speech on every page
- collation.py    source/ set against the model, for the 对照原文 page (and a check on every build)
- search_index.py the index our search worker reads
- downloads.py, docx_writer.py   the text, copy and Word downloads;  qr.py  QR codes of a page's address
"""

from .model import EDITORIAL, SPEECH, Paragraph, Section, Speech, StructureError, load

__all__ = ["EDITORIAL", "SPEECH", "Paragraph", "Section", "Speech", "StructureError", "load"]
