"""The speech and its edition: the model (model.py), the glossary (glossary.py), the Markdown
extension that marks the speech on every page (extension.py) and the search index (search_index.py).
"""

from .model import EDITORIAL, SPEECH, Paragraph, Section, Speech, StructureError, load

__all__ = ["EDITORIAL", "SPEECH", "Paragraph", "Section", "Speech", "StructureError", "load"]
