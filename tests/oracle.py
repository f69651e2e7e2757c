"""The editorial rules of this edition, applied to the verbatim source.

Everything the fidelity test expects is derived here from `source/` and the four rules stated on
编辑说明 (docs/bianji.md); nothing is copied from the Markdown. Other tests import it too.
"""

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "000_7580ef5281b4135a.txt"

# Rule 1: half-width punctuation in Chinese text becomes full-width (GB/T 15834).
FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
# The three sections and the fixed ids (page slug = heading id) the site gives them.
SECTION_SLUGS = ("yiyi", "mudi", "yaoqiu")


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    paragraphs: tuple[str, ...]

    def blocks(self) -> list[tuple[str, str]]:
        """(id, text) of the heading and each paragraph, in order."""
        return [(self.slug, self.heading)] + [
            (f"{self.slug}-{n}", text) for n, text in enumerate(self.paragraphs, 1)
        ]


@dataclass(frozen=True)
class Edition:
    header: str  # the web page's own lead-in, verbatim (rule 3: not speech)
    footer: str  # the web page's "related articles" line, verbatim (rule 3: not speech)
    title: str
    opening: str
    sections: tuple[Section, ...]

    def home_blocks(self) -> list[tuple[str, str]]:
        return [("biaoti", self.title), ("kaichang-1", self.opening)]

    def expected_pages(self) -> dict[str, list[tuple[str, str]]]:
        """Built page -> the speech blocks (id, text) it must show, in order."""
        pages = {"index.html": self.home_blocks()}
        whole = self.home_blocks()
        for section in self.sections:
            pages[f"{section.slug}.html"] = section.blocks()
            whole += section.blocks()
        pages["quanwen.html"] = whole
        return pages


def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def apply_rules(raw: str) -> Edition:
    lines = raw.split("\n")
    # Rule 3: the first line is the site's header, the last its footer.
    header, title, *body, footer = lines
    # Rule 2: every line ending in a semicolon was broken by the web page; join it to the next.
    paragraphs = "\n".join(body).replace(";\n", ";").split("\n")
    # Rule 1.
    title = title.translate(FULL_WIDTH)
    paragraphs = [p.translate(FULL_WIDTH) for p in paragraphs]

    opening, *rest = paragraphs
    headings = [i for i, p in enumerate(rest) if p[:2] in ("一、", "二、", "三、")]
    assert len(headings) == len(SECTION_SLUGS), f"expected 3 section headings, found {len(headings)}"
    sections = []
    for slug, start, end in zip(SECTION_SLUGS, headings, headings[1:] + [len(rest)]):
        sections.append(Section(slug, rest[start], tuple(rest[start + 1 : end])))
    return Edition(header, footer, title, opening, tuple(sections))


def edition() -> Edition:
    return apply_rules(source_text())
