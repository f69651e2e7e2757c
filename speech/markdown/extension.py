"""The Python-Markdown extension that marks the speech on every page, on the element tree.

    extension = SpeechExtension(edition)          # speech.edition.read_edition
    extension.convert_next(Conversion("yiyi.md"))  # names the page; collects its search blocks
    markdown.Markdown(extensions=["attr_list", "footnotes", "toc", extension]).convert(text)

Its treeprocessors (processors.py), by priority (higher runs first; Python-Markdown's own
in brackets):

    [inline 20, footnotes 50/19/15, attr_list 8]
    7.9  check-speech        class="speech" and data-label on the blocks with the speech's ids; a
                             page shows every part of the speech it shows whole, in order, word for
                             word as the model has it
    7.85 one-top-heading     one h1 a page (全文's included section headings become h2 before toc)
    7.82 title-phrases       the title in the phrases it may break between (the model's)
    7.8  leads-and-ordinals  lead sentences and ordinals set off
    7.75 generated-content   the outline, the glossary table, the collation and its summary, the
                             edition version, where a page asks for them (generated.py)
    7.7  cite-page           a 引用本页 block at the foot of a page that shows a section
    7    speech-glossary     glossary terms in the speech's paragraphs marked
    6.5  paragraph-links     a ¶ after each speech paragraph that copies a citation
    [toc 5]
    4.9  editorial-marks     class="editorial" on every mark the site adds inside the speech
    4.85 unbroken-ending     each speech paragraph's last two characters kept on one line
    4.8  sentence-marks      each sentence of a speech block in a span, for reading aloud
                             (sentences.py)
    [relpath 0, unescape 0]
    -1   search-blocks       the page's text blocks, for the search index

Because all of it works on elements, attribute order and extra classes ({ #mudi-4 .key }) do not
matter, and text is escaped by construction.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

from ..edition.edition import Edition
from . import processors
from .conversion import Conversion
from .sentences import SentenceMarks


class SpeechExtension(Extension):
    """Marks the speech of `edition`. Each processor receives the edition and the conversion
    under way (the page's name for its errors, the place for what it found), nothing else."""

    def __init__(self, edition: Edition) -> None:
        self.config = {}
        super().__init__()
        self.edition = edition
        self.conversion = Conversion()

    def convert_next(self, conversion: Conversion) -> None:
        """The page the next Markdown instance converts: MkDocs makes that instance itself, inside
        its page rendering, so the page reaches the extension only from the plugin."""
        self.conversion = conversion

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        edition, conversion, register = self.edition, self.conversion, md.treeprocessors.register
        register(processors.CheckSpeech(md, edition, conversion), "check-speech", 7.9)
        register(processors.OneTopHeading(md), "one-top-heading", 7.85)
        register(processors.TitlePhrases(md, edition, conversion), "title-phrases", 7.82)
        register(processors.LeadsAndOrdinals(md, edition, conversion), "leads-and-ordinals", 7.8)
        register(processors.GeneratedContent(md, edition, conversion), "generated-content", 7.75)
        register(processors.CitePage(md, edition, conversion), "cite-page", 7.7)
        register(processors.GlossaryTerms(md, edition, conversion), "speech-glossary", 7)
        register(processors.ParagraphLinks(md, edition, conversion), "paragraph-links", 6.5)
        register(processors.EditorialMarks(md), "editorial-marks", 4.9)
        register(processors.UnbrokenEnding(md, edition, conversion), "unbroken-ending", 4.85)
        register(SentenceMarks(md), "sentence-marks", 4.8)
        register(processors.NoteMarksKept(md, edition, conversion), "note-marks-kept", 4.78)
        register(processors.ShortLabels(md), "short-labels", 4.75)
        register(processors.SearchBlocks(md, edition, conversion), "search-blocks", -1)
