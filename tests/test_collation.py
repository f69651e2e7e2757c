"""Unit tests of the collation (speech/edition/collation.py): the verbatim source walked against the model.

The oracle (tests/oracle.py) is used only to check the result from outside, never by the package.
"""

import pytest

import oracle
import speech
from conftest import ROOT
from speech.edition import collation
from speech.edition.collation import BOILERPLATE, LINEBREAK, NOTE, PUNCTUATION, SAME
from speech.edition.model import Paragraph, Section, Speech, StructureError

SPEECH = speech.load(ROOT / "docs")
COLLATION = collation.collate(ROOT / collation.SOURCE, SPEECH)
EDITION = oracle.edition()


def test_real_source_reads_back_as_source_and_as_edition():
    assert COLLATION.source_text() == oracle.source_text()
    expected = EDITION.home_blocks() + [b for section in EDITION.sections for b in section.blocks()]
    assert COLLATION.edition_blocks() == expected


def test_real_source_counts_are_those_the_rules_imply():
    raw = oracle.source_text()
    speech_lines = "\n".join(raw.split("\n")[1:-1])
    assert COLLATION.punctuation_counts() == {(half, full): speech_lines.count(half)
                                              for half, full in collation.FULL_WIDTH.items() if half in speech_lines}
    assert COLLATION.rejoined == speech_lines.count(";\n") == 12
    assert [(b.role, b.source) for b in COLLATION.boilerplate()] == [("header", EDITION.header),
                                                                      ("footer", EDITION.footer)]
    assert [s.note for s in COLLATION.segments(NOTE)] == ["shishi", "xingshi", "shenglue", "luxun"]


def test_segments_name_their_place_in_the_source():
    lines = oracle.source_text().split("\n")
    for segment in COLLATION.segments(PUNCTUATION) + COLLATION.segments(LINEBREAK):
        line = lines[segment.line - 1] + "\n"
        assert line[segment.column - 1] == segment.source[0]
    shishi = COLLATION.segments(NOTE)[0]
    assert lines[shishi.line - 1][:shishi.column - 1].endswith("实事求实")


def synthetic(*paragraphs, note_at=None):
    """A speech of a title, one opening paragraph and one section with these paragraphs; with
    note_at, the first paragraph has a note (zhu) at that offset."""
    notes = {"notes": ("zhu",), "note_offsets": (note_at,)} if note_at is not None else {}
    section = Section("yiyi", "一、甲", "yiyi.md", tuple(
        Paragraph(f"yiyi-{n}", n, text, "一、甲", **(notes if n == 1 else {}))
        for n, text in enumerate(paragraphs, 1)))
    return Speech("标题", (Paragraph("kaichang-1", 1, "开场：", "开场白"),), (section,))


SOURCE = "页首,供参考。\n标题\n开场:\n一、甲\n第一;\n第二,好吗?\n乙。\n页尾:"


def test_synthetic_source_segments_by_kind():
    result = collation.collate_text(SOURCE, synthetic("第一；第二，好吗？", "乙。", note_at=2))
    kinds = [(s.kind, s.source, s.edition) for b in result.blocks for s in b.segments]
    assert kinds == [
        (BOILERPLATE, "页首,供参考。", ""),
        (SAME, "标题", "标题"),
        (SAME, "开场", "开场"), (PUNCTUATION, ":", "："),
        (SAME, "一、甲", "一、甲"),
        (SAME, "第一", "第一"), (NOTE, "", ""), (PUNCTUATION, ";", "；"), (LINEBREAK, "\n", ""),
        (SAME, "第二", "第二"), (PUNCTUATION, ",", "，"), (SAME, "好吗", "好吗"), (PUNCTUATION, "?", "？"),
        (SAME, "乙。", "乙。"),
        (BOILERPLATE, "页尾:", ""),
    ]
    assert result.source_text() == SOURCE
    assert [b.role for b in result.blocks] == ["header", "title", "paragraph", "heading", "paragraph",
                                               "paragraph", "footer"]
    assert result.punctuation_counts() == {(",", "，"): 1, (";", "；"): 1, (":", "："): 1, ("?", "？"): 1}


@pytest.mark.parametrize("source,where,what", [
    (SOURCE.replace("好吗", "好么"), "line 6, column 5", "“么"),                    # a changed character
    (SOURCE.replace("第二,", "第二,,"), "line 6, column 4", "“,"),                 # an added mark
    (SOURCE.replace("乙。", "乙"), "line 7, column 2", "line break"),              # a missing character
    (SOURCE.replace("第二,好吗?\n", "第二,\n好吗?\n"), "line 6, column 4", "line break"),  # a break not after ;
    (SOURCE.replace("第一;", "第一,"), "line 5, column 3", "“,"),                   # a mark the rule does not map so
    (SOURCE.replace("\n乙。", "\n乙。\n丙。"), "line 8, column 1", "the source has 2 lines (“丙。"),
    (SOURCE.replace("页首,供参考。\n", ""), "line 2, column 1", "where biaoti has"),  # no header line
    (SOURCE.replace("\n页尾:", ""), "line 7", "ends before the page's footer"),    # no footer line
])
def test_an_unexplained_difference_raises_naming_source_line_and_column(source, where, what):
    with pytest.raises(StructureError) as failure:
        collation.collate_text(source, synthetic("第一；第二，好吗？", "乙。"))
    message = str(failure.value)
    assert message.startswith(collation.SOURCE) and where in message and what in message, message


def test_a_paragraph_missing_from_the_model_is_not_taken_for_boilerplate():
    with pytest.raises(StructureError, match="line 7, column 1: after the edition's last block \\(yiyi-1\\) the source has 2 lines"):
        collation.collate_text(SOURCE, synthetic("第一；第二，好吗？"))


def test_real_source_with_one_character_changed_raises(tmp_path):
    raw = oracle.source_text().replace("三会一课", "三会二课")
    (tmp_path / "source.txt").write_text(raw, encoding="utf-8")
    with pytest.raises(StructureError, match=r"^source/x\.txt: line 20, column \d+: the source has “二课"):
        collation.collate(tmp_path / "source.txt", SPEECH, "source/x.txt")
