"""The style guide for docs/*.md (design/style.md), rule by rule."""

import re

import pytest
import yaml

from conftest import ROOT
from speech.edition.model import HOME, OPENING, SECTION_FILES

PAGES = sorted((ROOT / "docs").glob("*.md"))
CJK = r"[\u3400-\u9fff“”‘’、。…—]"
HALF_WIDTH_NEXT_TO_CJK = re.compile(rf"{CJK}[,;:?!()]|[,;:?!()]{CJK}")


def body_lines(path):
    """(line number, line) of the page after its front matter."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("---", 1) + 1 if lines[0] == "---" else 0
    return [(n + 1, line) for n, line in enumerate(lines) if n >= start]


def prose(line: str) -> str:
    """The line without code spans, link targets and HTML comments."""
    line = re.sub(r"`[^`]*`", "", line)
    line = re.sub(r"\]\([^)]*\)", "]", line)
    return re.sub(r"<!--.*?-->", "", line)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_rule_1_full_width_punctuation(path):
    bad = [f"{path.name}:{n}" for n, line in body_lines(path)
           if not line.startswith(">") and HALF_WIDTH_NEXT_TO_CJK.search(prose(line))]
    assert bad == [], f"rule 1 (全角标点): {bad}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_rule_2_one_paragraph_one_line(path):
    lines = body_lines(path)
    bad = []
    for (n, line), (_, following) in zip(lines, lines[1:]):
        if re.search(rf"{CJK}$", line) and re.match(rf"\s*{CJK}", following):
            bad.append(f"{path.name}:{n}")
    assert bad == [], f"rule 2 (一段一行): {bad}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_rule_3_headings_have_fixed_ascii_ids(path):
    bad = [f"{path.name}:{n}" for n, line in body_lines(path)
           if re.match(r"#{1,6} ", line) and not re.search(r"\{ #[a-z][a-z0-9-]* \}$", line)]
    assert bad == [], f"rule 3 (标题锚点): {bad}"


@pytest.mark.parametrize("file,slug", [(HOME, OPENING)] + [(f, f.removesuffix(".md")) for f in SECTION_FILES])
def test_rule_4_speech_paragraph_ids_are_consecutive(file, slug):
    source = (ROOT / "docs" / file).read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(rf"^\{{ #{slug}-(\d+) \}}$", source, re.M)]
    assert numbers and numbers == list(range(1, len(numbers) + 1)), f"rule 4: {slug} ids {numbers}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_rule_6_editorial_notes_are_marked(path):
    notes = [line for _, line in body_lines(path) if re.match(r"\[\^[^\]]+\]:", line)]
    bad = [note[:30] for note in notes if not re.match(r"\[\^[^\]]+\]: 编者注：", note)]
    assert bad == [], f"rule 6 (编者注): {bad}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_rule_7_title_and_description(path):
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}
    assert meta.get("title"), f"rule 7: {path.name} has no title"
    assert len(meta.get("description", "")) >= 20, f"rule 7: {path.name} needs a description"


@pytest.mark.parametrize("path", sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css")), ids=lambda p: p.name)
def test_stylesheets_close_every_block_they_open(path):
    """An unclosed rule swallows every rule after it without a word from the browser (a merge once
    cut one): braces balance, and never close more than was opened."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r'"[^"\n]*"', '""', text)
    depth = 0
    for line_number, line in enumerate(text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{line_number}: a }} too many"
    assert depth == 0, f"{path.name}: {depth} block(s) never closed"
