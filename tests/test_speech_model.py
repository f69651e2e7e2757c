"""Unit tests of the speech model (speech/edition/model.py) and the glossary reader: no MkDocs build."""

import shutil

import pytest

import speech
from conftest import ROOT
from speech.edition import glossary
from speech.edition.model import StructureError

SPEECH = speech.load(ROOT / "docs")


def test_model_reads_title_opening_and_three_sections_from_the_markdown():
    assert SPEECH.title == "在市城管局系统基层党务干部培训班开班仪式上的动员讲话"
    assert [p.id for p in SPEECH.opening] == ["kaichang-1"]
    assert [(s.slug, s.heading, s.source) for s in SPEECH.sections] == [
        ("yiyi", "一、培训的意义", "yiyi.md"), ("mudi", "二、培训的目的", "mudi.md"),
        ("yaoqiu", "三、培训的基本要求", "yaoqiu.md")]
    assert [len(s.paragraphs) for s in SPEECH.sections] == [5, 5, 5]


def test_paragraph_text_leaves_out_note_marks_and_knows_its_notes():
    paragraph = SPEECH.paragraph("yiyi-2")
    assert "实事求实的问题" in paragraph.text and "[^" not in paragraph.text
    assert paragraph.notes == ("shishi",)
    assert SPEECH.notes["shishi"].text.startswith("编者注：")
    assert [n.name for n in SPEECH.notes_of(SPEECH.sections[0].paragraphs)] == ["shishi", "xingshi"]


def test_paragraph_knows_where_each_note_mark_stands():
    offsets = {p.id: dict(zip(p.notes, p.note_offsets)) for p in SPEECH.paragraphs() if p.notes}
    assert set(offsets) == {"yiyi-2", "yiyi-3", "mudi-2", "yaoqiu-4"}
    before = {name: SPEECH.paragraph(pid).text[:at] for pid, marks in offsets.items() for name, at in marks.items()}
    assert before["shishi"].endswith("实事求实") and before["xingshi"].endswith("适应新形式")
    assert before["shenglue"].endswith("……等单位") and before["luxun"].endswith("谋财害命")


def test_edition_version_is_a_short_digest_that_any_change_of_text_changes(docs):
    assert len(SPEECH.version) == 8 and int(SPEECH.version, 16) >= 0
    assert speech.load(docs).version == SPEECH.version          # the same text, the same version
    edit(docs / "mudi.md", "三会一课", "三会二课")                  # one character of one paragraph
    changed = speech.load(docs).version
    assert changed != SPEECH.version
    edit(docs / "mudi.md", "三会二课", "三会一课")
    edit(docs / "yiyi.md", "通行的说法是", "通常的说法是")            # one character of a note
    assert speech.load(docs).version not in (SPEECH.version, changed)


def test_labels_and_citations():
    assert SPEECH.paragraph("yiyi-3").label == "一、培训的意义 第 3 段"
    assert SPEECH.paragraph("yiyi-3").short_label == "第 3 段"
    assert SPEECH.paragraph("kaichang-1").label == "开场白"
    assert SPEECH.reference() == f"佚名. {SPEECH.title}[EB/OL]. (2022)"


def test_points_and_what_each_section_announces():
    assert [s.announced for s in SPEECH.sections] == ["四点理由", "三个问题", "三个基本要求"]
    assert [p.lead_sentence for p in SPEECH.sections[2].points] == ["一要坚持问题导向。", "二要坚持深入思考。",
                                                                     "三要坚持学用结合。"]


def test_blocks_are_in_reading_order_and_speech_ids_are_known():
    ids = [block_id for block_id, _ in SPEECH.blocks()]
    assert ids[:4] == ["biaoti", "kaichang-1", "yiyi", "yiyi-1"] and ids[-1] == "yaoqiu-5"
    assert SPEECH.is_speech("mudi-4") and not SPEECH.is_speech("laili-shenme") and not SPEECH.is_speech("mudi-6")


# Bad structure: each fails with a message that names the file and the id. ----------------------

@pytest.fixture
def docs(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path / "docs"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file,old,new,named", [
    ("mudi.md", "{ #mudi-3 }", "{ #mudi-2 }", "mudi-2"),                       # duplicated id
    ("mudi.md", "{ #mudi-3 }", "{ #mudi-7 }", "mudi-3"),                       # a gap in the numbers
    ("mudi.md", "\n{ #mudi-3 }", "", "mudi-2"),                                # id line deleted
    ("mudi.md", "{ #mudi-3 }", "{ #yiyi-9 }", "yiyi-9"),                       # another section's id
    ("mudi.md", "# 二、培训的目的 { #mudi }", "# 二、培训的目的 { #mudi2 }", "mudi"),
    ("index.md", "{ #kaichang-1 }", "{ #kaichang-2 }", "kaichang-1"),
    ("index.md", "{ #biaoti }", "{ #title }", "biaoti"),
    ("yaoqiu.md", "谢谢各位！", "谢谢<b>各位</b>！", "yaoqiu-5"),               # raw HTML in the speech
    ("mudi.md", "[^shenglue]: 编者注", "[^shenglve]: 编者注", "mudi-2"),         # note never defined
    ("mudi.md", "title: 二、培训的目的", "title: [二、培训的目的", "front matter is not valid YAML"),
    ("mudi.md", "\n---\n", "\n", "front matter opened with --- is never closed"),
])
def test_bad_structure_names_file_and_id(docs, file, old, new, named):
    edit(docs / file, old, new)
    with pytest.raises(StructureError) as failure:
        speech.load(docs)
    assert file in str(failure.value) and named in str(failure.value), str(failure.value)


def test_invalid_utf8_names_the_file_that_holds_it(docs):
    (docs / "mudi.md").write_bytes((docs / "mudi.md").read_bytes().replace("三会一课".encode(), b"\xff\xfe", 1))
    with pytest.raises(StructureError, match=r"^mudi\.md: not valid UTF-8"):
        speech.load(docs)


def test_missing_section_file_is_named(docs):
    (docs / "yaoqiu.md").unlink()
    with pytest.raises(StructureError, match=r"^yaoqiu\.md: the file is missing"):
        speech.load(docs)


def test_glossary_reads_every_term_in_order():
    terms = glossary.load(ROOT / "includes" / "glossary.md")
    assert list(terms)[:3] == ["党章", "党组", "从严治党"] and len(terms) == 17


@pytest.mark.parametrize("text,message", [
    ("*[三亮]: 甲\n*[三亮]: 乙\n", "g.md:2: 三亮 is defined twice"),
    ("*[三亮]: 甲\n三创: 乙\n", "g.md:2: not a glossary line"),
    ("*[三亮]:\n", "g.md:1: not a glossary line"),
    ("<!-- open\n*[三亮]: 甲\n", "g.md: an HTML comment is never closed"),
    ("\n\n", "g.md: no glossary lines"),
])
def test_malformed_glossary_fails_naming_file_and_line(text, message):
    with pytest.raises(StructureError) as failure:
        glossary.parse(text, "g.md")
    assert str(failure.value).startswith(message)
