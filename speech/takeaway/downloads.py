"""What a reader takes away: each printable page of the speech as a file, and its plain text.

The site offers the whole speech (全文, quanwen) and each of its three sections as PDF, Word and
plain text, under stable ASCII names (downloads/yiyi.pdf, downloads/quanwen.docx, …). This module
says what each of those documents holds, in order, taken from the speech model and nothing else:

    title        the speech's title
    opening      (全文 only) the opening paragraphs
    heading      a section's heading, 一、培训的意义
    paragraph    a section's paragraphs
    notes        the editors' notes attached to those paragraphs, each with the place it belongs to
    source line  where the text comes from, as the printed page says it

`plain_text()` is the body of the .txt file and, through `copied_text()`, what a reader copies with
复制本节 / 复制全文 (the page carries it; the page script only fills in the page's address); the
Word writer (docx_writer.py) lays out the same blocks. The saved files' names (`save_as`) and the
source line are made here too, for the pages, the files and the server alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..edition.model import Note, Paragraph, Section, Speech

DIR = "downloads"                  # site/downloads/
WHOLE = "quanwen"                  # the whole speech: quanwen.html, downloads/quanwen.*
FORMATS = ("pdf", "docx", "txt")
# What a reader's computer names the saved file (the link's download attribute); the URL stays ASCII.
SAVE_PREFIX = "动员讲话"
# Where the text comes from, under each printout, at the end of each file and of the copied text.
SOURCE_LINE = "录自《{title}》校订存档本{where}。标点与分段按本站“编辑说明”校订，原文疑误加注而未改字。"
# Where the copied text names the page's address: the page script puts the address it was copied
# from in its place.
URL_SLOT = "{url}"


def source_line(title: str, url: str | None) -> str:
    """录自《…》校订存档本（url）。…: the address in brackets when there is one."""
    return SOURCE_LINE.format(title=title, where=f"（{url}）" if url else "")


@dataclass(frozen=True)
class Block:
    kind: str        # title, heading, paragraph
    text: str


@dataclass(frozen=True)
class PlacedNote:
    note: Note
    place: str       # 一、培训的意义 第 2 段, or 开场白

    @property
    def text(self) -> str:
        """编者注：……（见一、培训的意义 第 2 段）"""
        return f"{self.note.text}（见{self.place}）"


@dataclass(frozen=True)
class Document:
    stem: str                       # yiyi, quanwen: the page (yiyi.html) and the files (yiyi.pdf…)
    label: str                      # 一、培训的意义, or 全文
    blocks: tuple[Block, ...]
    notes: tuple[PlacedNote, ...]
    title: str                      # the speech's title
    # The model it is made from: where the title breaks, where each note's mark stands (Word).
    speech: Speech | None = field(default=None, compare=False, repr=False)

    @property
    def page(self) -> str:
        return f"{self.stem}.html"

    def path(self, fmt: str) -> str:
        """downloads/yiyi.docx: relative to the site's root."""
        return f"{DIR}/{self.stem}.{fmt}"

    def save_as(self, fmt: str) -> str:
        """动员讲话-一-培训的意义.docx: the name a reader's computer gives the saved file."""
        label = self.label.replace("、", "-")
        return f"{SAVE_PREFIX}-{label}.{fmt}"

    @property
    def document_title(self) -> str:
        """What a viewer's title bar shows: the speech's title, and the section's heading."""
        return self.title if self.stem == WHOLE else f"{self.title} · {self.label}"

    def source_line(self, site_url: str = "") -> str:
        """The source line naming this document's page under site_url (if there is one)."""
        return source_line(self.title, f"{site_url.rstrip('/')}/{self.page}" if site_url else None)


def documents(speech: Speech) -> list[Document]:
    """Each section, then the whole speech: what downloads/ holds, in the site's order."""
    docs = [_section_document(speech, section) for section in speech.sections]
    return docs + [_whole_document(speech)]


def document(speech: Speech, stem: str) -> Document:
    found = next((d for d in documents(speech) if d.stem == stem), None)
    if found is None:
        raise KeyError(f"no download for {stem!r}; there are {', '.join(d.stem for d in documents(speech))}")
    return found


def _placed_notes(speech: Speech, paragraphs: list[Paragraph]) -> tuple[PlacedNote, ...]:
    first_place = {}
    for paragraph in paragraphs:
        for name in paragraph.notes:
            first_place.setdefault(name, paragraph.label)
    return tuple(PlacedNote(note, first_place[note.name]) for note in speech.notes_of(paragraphs))


def _section_document(speech: Speech, section: Section) -> Document:
    blocks = [Block("title", speech.title), Block("heading", section.heading)]
    blocks += [Block("paragraph", p.text) for p in section.paragraphs]
    return Document(section.slug, section.heading, tuple(blocks),
                    _placed_notes(speech, list(section.paragraphs)), speech.title, speech)


def _whole_document(speech: Speech) -> Document:
    blocks = [Block("title", speech.title)] + [Block("paragraph", p.text) for p in speech.opening]
    for section in speech.sections:
        blocks.append(Block("heading", section.heading))
        blocks += [Block("paragraph", p.text) for p in section.paragraphs]
    return Document(WHOLE, "全文", tuple(blocks), _placed_notes(speech, speech.paragraphs()), speech.title, speech)


# Plain text --------------------------------------------------------------------------------------

def plain_text(doc: Document, source: str) -> str:
    """One block a line, a blank line between; the notes; the source line. LF line ends, no BOM:
    the text the copy button puts on the clipboard (with the page's address as `source`)."""
    lines = [block.text for block in doc.blocks]
    lines += [note.text for note in doc.notes]
    lines.append(source)
    return "\n\n".join(lines) + "\n"


def copied_text(doc: Document) -> str:
    """What 复制本节 / 复制全文 puts on the clipboard, with URL_SLOT for the page's address."""
    return plain_text(doc, source_line(doc.title, URL_SLOT))


def text_file(speech: Speech, doc: Document, site_url: str = "") -> bytes:
    """The .txt download: the copied text, plus an edition line, as UTF-8 with a BOM and CRLF.

    The BOM: Notepad before Windows 10 (1903) and WPS on Chinese Windows read a text file without
    one as GBK and show mojibake; a browser showing a .txt that a host serves without a charset
    guesses too. With the BOM every one of them reads UTF-8. CRLF: Notepad before Windows 10 (1809)
    shows a file with bare LF line ends as one long line.
    """
    text = plain_text(doc, doc.source_line(site_url))
    text += f"\n版本：校订存档本 {speech.version}（见编辑说明）\n"
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
