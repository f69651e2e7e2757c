"""The collation: the verbatim source set against the edition, character by character.

The 对照原文 page shows the scraped page exactly as it was, with every change the edition made
visible where it was made. This module computes that from two things only: the file in source/
and the speech model (speech.load). It is a direct walk, not a diff: the edition's rules allow
exactly four kinds of difference, so the walk knows at every character which one it is looking at,
and anything else is an error, never a guess.

    same          a character the edition keeps
    punctuation   a half-width mark the edition sets full-width (rule 1: , → ，)
    linebreak     a line break after a semicolon that the edition rejoins (rule 2)
    boilerplate   the web page's own header line and footer line, left out (rule 3)
    note          a place where the edition adds an editor's note, changing no character (rule 4)

A difference the rules do not explain (a changed, added or missing character, a line break that
does not follow a semicolon, a second header line) raises StructureError naming the source file,
line and column: the collation must never hide a difference by showing it as something else.

Its rule 1 table is stated here again rather than imported: the oracle in tests/oracle.py states
it independently, and the site tests check both against each other through the built page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Speech, StructureError, read_utf8

# Where the verbatim copy of the page lives, relative to the project root.
SOURCE = "source/000_7580ef5281b4135a.txt"

# Rule 1 (GB/T 15834): the half-width marks the edition sets full-width, in the order 编辑说明 lists them.
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# What each of those marks is called (GB/T 15834), to tell the changes apart in 改动一览.
MARK_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "左括号", ")": "右括号"}
# Rule 2: the web page broke its lines after every semicolon.
BROKEN_AFTER = ";"

SAME, PUNCTUATION, LINEBREAK, BOILERPLATE, NOTE = "same", "punctuation", "linebreak", "boilerplate", "note"


@dataclass(frozen=True)
class Segment:
    kind: str          # one of SAME, PUNCTUATION, LINEBREAK, BOILERPLATE, NOTE
    source: str        # what the source has here ("" for a note)
    edition: str       # what the edition has here ("" for a rejoined line break or boilerplate)
    line: int          # where it starts in the source, 1-based
    column: int
    note: str | None = None   # NOTE: the note's name in the model


@dataclass(frozen=True)
class Block:
    """One block of the collation: a source line of boilerplate, or one block of the edition
    (title, paragraph, heading), which may span several source lines that the edition rejoined."""
    id: str | None     # the edition's block id (yiyi-3); None for the page's header and footer
    role: str          # "header", "footer", "title", "heading", "paragraph"
    segments: tuple[Segment, ...]

    @property
    def source(self) -> str:
        return "".join(s.source for s in self.segments)

    @property
    def edition(self) -> str:
        return "".join(s.edition for s in self.segments)


@dataclass(frozen=True)
class Collation:
    source_name: str   # source/000_….txt, for messages and the page
    blocks: tuple[Block, ...]

    def source_text(self) -> str:
        """The source back, byte for byte: blocks are separated by the source's own line breaks."""
        return "\n".join(block.source for block in self.blocks)

    def edition_blocks(self) -> list[tuple[str, str]]:
        return [(block.id, block.edition) for block in self.blocks if block.id]

    def segments(self, kind: str) -> list[Segment]:
        return [s for _, s in self.placed(kind)]

    def placed(self, kind: str) -> list[tuple[Block, Segment]]:
        """The segments of one kind, each with the block it belongs to, in order."""
        return [(block, s) for block in self.blocks for s in block.segments if s.kind == kind]

    def punctuation_counts(self) -> dict[tuple[str, str], int]:
        """(half, full) → how many the edition changed, in the order of FULL_WIDTH; only marks that occur."""
        changed = [s.source for s in self.segments(PUNCTUATION)]
        return {(half, full): changed.count(half) for half, full in FULL_WIDTH.items() if half in changed}

    @property
    def rejoined(self) -> int:
        return len(self.segments(LINEBREAK))

    @property
    def kept(self) -> int:
        """Characters of the speech the edition keeps as they are."""
        return sum(len(s.source) for s in self.segments(SAME))

    def boilerplate(self) -> list[Block]:
        return [block for block in self.blocks if block.id is None]


def collate(source: Path, speech: Speech, name: str = SOURCE) -> Collation:
    """Walk the source against the model's blocks. Raises StructureError at the first difference
    the edition's rules do not explain, naming `name`, the line and the column."""
    return collate_text(read_utf8(source, name, "the collation"), speech, name)


def collate_text(raw: str, speech: Speech, name: str = SOURCE) -> Collation:
    walk = _Walk(raw, name)
    # Rule 3: the page's header is its first line, its footer its last. Exactly one each: were a
    # paragraph missing from the model, the lines left over must not pass for boilerplate.
    blocks = [walk.boilerplate("header")]
    notes = {p.id: dict(zip(p.note_offsets, p.notes)) for p in speech.paragraphs()}
    headings = {section.slug for section in speech.sections}
    for n, (block_id, text) in enumerate(speech.blocks()):
        walk.block_break(block_id)
        role = "title" if n == 0 else "heading" if block_id in headings else "paragraph"
        blocks.append(Block(block_id, role, walk.block(block_id, text, notes.get(block_id, {}))))
    walk.block_break("the page's footer")
    rest = raw[walk.at:].split("\n")
    if len(rest) > 1:
        raise walk.error(f"after the edition's last block ({block_id}) the source has {len(rest)} lines "
                         f"(“{rest[0][:12]}…”); only one, the page's footer, is explained")
    blocks.append(walk.boilerplate("footer"))
    collation = Collation(name, tuple(blocks))
    assert collation.source_text() == raw, "the collation does not give the source back"
    return collation


class _Walk:
    """A cursor over the source text that knows its line and column."""

    def __init__(self, raw: str, name: str) -> None:
        self.raw, self.name, self.at = raw, name, 0

    @property
    def at_end(self) -> bool:
        return self.at >= len(self.raw)

    def position(self, at: int | None = None) -> tuple[int, int]:
        at = self.at if at is None else at
        line = self.raw.count("\n", 0, at) + 1
        return line, at - (self.raw.rfind("\n", 0, at) + 1) + 1

    def error(self, message: str) -> StructureError:
        line, column = self.position()
        return StructureError(f"{self.name}: line {line}, column {column}: {message}")

    def boilerplate(self, role: str) -> Block:
        end = self.raw.find("\n", self.at)
        end = len(self.raw) if end == -1 else end
        if end == self.at:
            raise self.error(f"the page's {role} line is empty or missing")
        line, column = self.position()
        segment = Segment(BOILERPLATE, self.raw[self.at:end], "", line, column)
        self.at = end
        return Block(None, role, (segment,))

    def block_break(self, next_block: str) -> None:
        """Between two blocks the source has exactly one line break, kept."""
        if self.at_end:
            raise self.error(f"the source ends before {next_block}")
        if self.raw[self.at] != "\n":
            raise self.error(f"the source goes on (“{self.raw[self.at:self.at + 12]}…”) where the edition "
                             f"ends a block and begins {next_block}")
        self.at += 1

    def block(self, block_id: str, text: str, notes: dict[int, str]) -> tuple[Segment, ...]:
        segments: list[Segment] = []

        def add(kind: str, source: str, edition: str, note: str | None = None) -> None:
            line, column = self.position()
            if kind == SAME and segments and segments[-1].kind == SAME:
                last = segments.pop()
                segments.append(Segment(SAME, last.source + source, last.edition + edition, last.line, last.column))
            else:
                segments.append(Segment(kind, source, edition, line, column, note))
            self.at += len(source)

        for i, want in enumerate(text):
            if i in notes:
                add(NOTE, "", "", notes.pop(i))
            got = self.raw[self.at] if not self.at_end else None
            if got == "\n" and self.at and self.raw[self.at - 1] == BROKEN_AFTER:
                add(LINEBREAK, "\n", "")
                got = self.raw[self.at] if not self.at_end else None
            if got == want:
                add(SAME, got, want)
            elif got in FULL_WIDTH and FULL_WIDTH[got] == want:
                add(PUNCTUATION, got, want)
            elif got is None:
                raise self.error(f"the source ends inside {block_id}, which goes on “{text[i:i + 12]}”")
            else:
                shown = "a line break" if got == "\n" else f"“{self.raw[self.at:self.at + 8]}”"
                raise self.error(f"the source has {shown} where {block_id} has “{text[i:i + 8]}” "
                                 f"(after “{text[max(0, i - 8):i]}”); no editorial rule explains the difference")
        for offset, note in sorted(notes.items()):
            if offset != len(text):
                raise self.error(f"the note {note} of {block_id} stands at character {offset}, outside its text")
            add(NOTE, "", "", note)
        return tuple(segments)
