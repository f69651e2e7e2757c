"""One page's conversion, as the speech extension's processors see it: which document it is (for
error messages) and what they found in it for others (the search index's text blocks).

The plugin makes one before each page; Python-Markdown used on its own gets a nameless one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..edition.model import StructureError
from ..search.index import SearchBlock


@dataclass
class Conversion:
    page: str = "<document>"    # docs/ relative: yiyi.md
    error_type: type[Exception] = StructureError
    search_blocks: list[SearchBlock] = field(default_factory=list)

    def error(self, message: str) -> Exception:
        """A structure error in this page, naming it."""
        return self.error_type(f"{self.page}: {message}")
