"""The Python-Markdown extension that marks the speech on every page, on the element tree.

    markdown.Markdown(extensions=["attr_list", "footnotes", "toc",
                                  SpeechExtension(speech=model, glossary=terms, collation=collated)])

Its treeprocessors (speech/processors.py), by priority (higher runs first; Python-Markdown's own
in brackets):

    [inline 20, footnotes 50/19/15, attr_list 8]
    7.9  check-speech        class="speech" and data-label on the blocks with the speech's ids; a
                             page shows every part of the speech it shows whole, in order, word for
                             word as the model has it
    7.85 one-top-heading     one h1 a page (全文's included section headings become h2 before toc)
    7.82 title-phrases       the title in the phrases it may break between (the model's)
    7.8  leads-and-ordinals  lead sentences and ordinals set off
    7.75 generated-content   the outline, the glossary table, the collation and its summary, the
                             edition version, where a page asks for them (speech/generated.py)
    7.7  cite-page           a 引用本页 block at the foot of a page that shows a section
    7    speech-glossary     glossary terms in the speech's paragraphs marked
    6.5  paragraph-links     a ¶ after each speech paragraph that copies a citation
    [toc 5]
    4.9  editorial-marks     class="editorial" on every mark the site adds inside the speech
    4.85 unbroken-ending     each speech paragraph's last two characters kept on one line
    4.8  sentence-marks      each sentence of a speech block in a span, for reading aloud
                             (speech/sentences.py)
    [relpath 0, unescape 0]
    -1   search-blocks       the page's text blocks, for the search index

Because all of it works on elements, attribute order and extra classes ({ #mudi-4 .key }) do not
matter, and text is escaped by construction.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from . import processors
from .collation import Collation
from .model import HOME, TITLE_ID, Speech, StructureError
from .search_index import SearchBlock
from .sentences import SentenceMarks


class SpeechExtension(Extension):
    """Marks the speech. Options (Python-Markdown's config):

    speech      the model (speech.load); required
    glossary    term → explanation (speech.glossary.load)
    collation   source/ set against the model (speech.collation.collate), for the page that shows it
    error_type  what a structure error raises: StructureError, or the MkDocs glue's own build
                error, which MkDocs reports as one line naming the page rather than a traceback

    Before each page, begin_page(name) names it for error messages; after it, search_blocks()
    gives its text blocks for the search index.
    """

    def __init__(self, **kwargs: Any) -> None:
        # No default is None or a bool: Python-Markdown would read the option as a yes/no.
        self.config = {
            "speech": ["", "the speech model (speech.load)"],
            "glossary": [{}, "term → explanation"],
            "collation": ["", "the collation of source/ against the model"],
            "error_type": [StructureError, "the exception a structure error raises"],
        }
        super().__init__(**kwargs)
        if not isinstance(self.getConfig("speech"), Speech):
            raise TypeError("SpeechExtension needs speech=<the model, speech.load(docs)>")
        self._page = "<document>"
        self._search_blocks: list[SearchBlock] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        register = md.treeprocessors.register
        register(processors.CheckSpeech(md, self), "check-speech", 7.9)
        register(processors.OneTopHeading(md), "one-top-heading", 7.85)
        register(processors.TitlePhrases(md, self), "title-phrases", 7.82)
        register(processors.LeadsAndOrdinals(md, self), "leads-and-ordinals", 7.8)
        register(processors.GeneratedContent(md, self), "generated-content", 7.75)
        register(processors.CitePage(md, self), "cite-page", 7.7)
        register(processors.GlossaryTerms(md, self), "speech-glossary", 7)
        register(processors.ParagraphLinks(md, self), "paragraph-links", 6.5)
        register(processors.EditorialMarks(md), "editorial-marks", 4.9)
        register(processors.UnbrokenEnding(md, self), "unbroken-ending", 4.85)
        register(SentenceMarks(md), "sentence-marks", 4.8)
        register(processors.NoteMarksKept(md, self), "note-marks-kept", 4.78)
        register(processors.ShortLabels(md), "short-labels", 4.75)
        register(processors.SearchBlocks(md, self), "search-blocks", -1)

    def reset(self) -> None:
        self._search_blocks = []

    # The glue's side ------------------------------------------------------------------------

    def begin_page(self, name: str) -> None:
        """The document converted next, as error messages name it (docs/ relative: yiyi.md)."""
        self._page = name
        self._search_blocks = []

    def search_blocks(self) -> list[SearchBlock]:
        """The text blocks of the page converted last, for the search index."""
        return list(self._search_blocks)

    # The processors' side -------------------------------------------------------------------

    @property
    def speech(self) -> Speech:
        return self.getConfig("speech")

    @property
    def glossary(self) -> dict[str, str]:
        return self.getConfig("glossary")

    def the_collation(self) -> Collation:
        found = self.getConfig("collation")
        if not isinstance(found, Collation):
            raise self.error("asks for the collation, but the build has not read source/ for it")
        return found

    def error(self, message: str) -> Exception:
        """A structure error in the page being converted, naming it."""
        return self.getConfig("error_type")(f"{self._page}: {message}")

    def found_search_blocks(self, blocks: list[SearchBlock]) -> None:
        self._search_blocks = list(blocks)

    def block_link(self, block_id: str) -> str:
        """Where a block of the speech lives: yiyi.md#yiyi-3, index.md#kaichang-1, mudi.md#mudi."""
        paragraph = self.speech.paragraph(block_id)
        if paragraph is not None:
            return f"{self.speech.source_of(paragraph)}#{block_id}"
        section = self.speech.section(block_id)
        return f"{HOME if section is None or block_id == TITLE_ID else section.source}#{block_id}"

    def note_link(self, block_id: str, note: str) -> str:
        return f"{self.block_link(block_id).split('#')[0]}#fn:{note}"


def makeExtension(**kwargs: Any) -> SpeechExtension:
    return SpeechExtension(**kwargs)
