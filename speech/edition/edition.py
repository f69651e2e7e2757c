"""The edition: everything the site, its search and its downloads say about the speech, read and
checked once a build and then never changed.

    edition = read_edition(EditionSources(docs, glossary, source), site_markdown)

Reading collects every error it finds, each a line naming the file, so that an editor sees all of
them from one build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from . import collation, glossary
from .collation import Collation
from .model import HOME, TITLE_ID, Speech, StructureError, load
from .raw_html import page_errors
from .site_markdown import SiteMarkdown


class EditionErrors(StructureError):
    """Everything wrong with the editors' files, one line each, in the order found."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class EditionSources:
    """Where the editors' files are, and how messages name the two outside docs/."""
    docs: Path
    glossary: Path
    source: Path
    glossary_name: str = glossary.GLOSSARY
    source_name: str = collation.SOURCE


@dataclass(frozen=True)
class Edition:
    speech: Speech
    glossary: Mapping[str, str]          # term → explanation, in the glossary's order
    collation: Collation | None = None   # source/ set against the speech, where it was read

    def block_link(self, block_id: str) -> str:
        """Where a block of the speech lives: yiyi.md#yiyi-3, index.md#kaichang-1, mudi.md#mudi."""
        paragraph = self.speech.paragraph(block_id)
        if paragraph is not None:
            return f"{self.speech.source_of(paragraph)}#{block_id}"
        section = self.speech.section(block_id)
        return f"{HOME if section is None or block_id == TITLE_ID else section.source}#{block_id}"

    def note_link(self, block_id: str, note: str) -> str:
        return f"{self.block_link(block_id).split('#')[0]}#fn:{note}"


def read_edition(sources: EditionSources, site_markdown: SiteMarkdown) -> Edition:
    """Every page's front matter and raw HTML, before anything reads the pages; then the model,
    the glossary and the collation. Raises EditionErrors with everything found."""
    docs = sources.docs
    # Each file on its own: a file that another includes is checked as itself.
    checked_alone = site_markdown.without("pymdownx.snippets")
    errors = [error for path in sorted(docs.rglob("*.md"))
              for error in page_errors(path, path.relative_to(docs).as_posix(), checked_alone)]
    speech = terms = collated = None
    try:
        speech = load(docs, site_markdown)
    except StructureError as err:
        # A file already named above would only be named again, in the model's words.
        if not any(error.startswith(str(err).split(":", 1)[0] + ":") for error in errors):
            errors.append(str(err))
    try:
        terms = glossary.load(sources.glossary, sources.glossary_name)
    except StructureError as err:
        errors.append(str(err))
    if speech is not None:
        try:
            collated = collation.collate(sources.source, speech, sources.source_name)
        except StructureError as err:
            errors.append(str(err))
    if errors:
        raise EditionErrors(errors)
    return Edition(speech, MappingProxyType(dict(terms)), collated)
