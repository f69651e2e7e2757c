"""Unit tests of the sentence marks (speech/markdown/sentences.py), under plain Python-Markdown: every speech
block of every page comes apart into sentence spans whose texts, joined, are the block's speech; a page
without the speech, block by block; the editors' notes, sentence by sentence."""

import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils.meta import get_data

import oracle
import speech
from conftest import ROOT
from speech.edition import glossary
from speech.edition.edition import Edition
from speech.markdown.extension import SpeechExtension
from speech.edition.model import SPEECH, is_editorial, speech_text
from speech.markdown.sentences import ENDS, PLACEHOLDER, SENTENCE, SPOKEN_LIMIT, mark_sentences

MODEL = speech.load(ROOT / "docs")
TERMS = glossary.load(ROOT / "includes" / "glossary.md")
EXPECTED = oracle.edition().expected_pages()


class KeepTree(Treeprocessor):
    def run(self, root):
        self.root = root


def convert(text: str):
    ext = SpeechExtension(Edition(MODEL, TERMS))
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "tables", "toc", ext],
                           extension_configs={"toc": {"permalink": True}})
    keep = KeepTree(md)
    md.treeprocessors.register(keep, "keep-tree", -100)
    md.convert(text)
    return keep.root


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def speech_blocks(name: str):
    text = get_data((ROOT / "docs" / name).read_text(encoding="utf-8"))[0]
    return [el for el in convert(text).iter() if SPEECH in classes(el)]


@pytest.mark.parametrize("name", ["index.md", "yiyi.md", "mudi.md", "yaoqiu.md"])
def test_sentences_joined_are_the_oracles_blocks(name):
    blocks = speech_blocks(name)
    expected = EXPECTED[name.replace(".md", ".html")]
    assert [el.get("id") for el in blocks] == [block_id for block_id, _ in expected]
    for block, (block_id, text) in zip(blocks, expected):
        sentences = [el for el in block.iter("span") if SENTENCE in classes(el)]
        assert sentences, block_id
        assert "".join(speech_text(s) for s in sentences) == text == speech_text(block), block_id
        # Nothing of the speech is left outside a sentence: only editorial marks are.
        assert not (block.text or "").strip()
        for child in block:
            assert SENTENCE in classes(child) or is_editorial(child), (block_id, child.tag)
            assert not (child.tail or "").strip(), block_id


def test_a_sentence_ends_at_its_stop_and_a_long_one_at_a_comma():
    for name in ["yiyi.md", "mudi.md", "yaoqiu.md"]:
        for block in speech_blocks(name):
            sentences = [speech_text(s) for s in block.iter("span") if SENTENCE in classes(s)]
            for text in sentences[:-1]:
                assert text.rstrip("”’）》")[-1] in ENDS + "，、：", (block.get("id"), text)
                assert not any(stop in text.rstrip("”’）》")[:-1] for stop in ENDS), (block.get("id"), text)
            for text in sentences:
                # A piece is over the limit only if it has nowhere to be cut.
                assert len(text) <= SPOKEN_LIMIT or not set("，、：") & set(text.rstrip("”’）》")[:-1]), \
                    (block.get("id"), text)


def test_a_comma_is_cut_at_before_a_list_pause():
    paragraph = etree.Element("p")
    paragraph.text = "甲、乙、丙" * 3 + "，" + "丁" * (SPOKEN_LIMIT - 5) + "、戊。"
    mark_sentences(paragraph)
    pieces = [speech_text(s) for s in paragraph.iter("span") if SENTENCE in classes(s)]
    assert pieces == ["甲、乙、丙" * 3 + "，", "丁" * (SPOKEN_LIMIT - 5) + "、戊。"]
    paragraph = etree.Element("p")
    paragraph.text = "甲" * (SPOKEN_LIMIT - 5) + "、" + "乙" * 10 + "。"            # no comma: at 、
    mark_sentences(paragraph)
    pieces = [speech_text(s) for s in paragraph.iter("span") if SENTENCE in classes(s)]
    assert pieces == ["甲" * (SPOKEN_LIMIT - 5) + "、", "乙" * 10 + "。"]


def page_tree(name: str):
    return convert(get_data((ROOT / "docs" / name).read_text(encoding="utf-8"))[0])


@pytest.mark.parametrize("name", ["shuyu.md", "bianji.md", "wuzhangai.md"])
def test_a_page_without_the_speech_is_cut_into_sentences_block_by_block(name):
    root = page_tree(name)
    assert not [el for el in root.iter() if SPEECH in classes(el)]
    leaves = [el for el in root.iter() if el.tag in ("h1", "h2", "h3", "p", "li", "th", "td")
              and not any(child.tag in ("p", "ul", "ol", "table", "div") for child in el)]
    assert leaves
    for block in leaves:
        # One sentence: the block itself is marked, its content as it was; else spans in it.
        sentences = [block] if SENTENCE in classes(block) else [s for s in block if SENTENCE in classes(s)]
        text = speech_text(block).strip()
        if not text:
            continue
        # Every word of a text block is in one of its sentences; only marks and space are outside.
        assert "".join(speech_text(s) for s in sentences).strip() == text, (name, text)
        for piece in map(speech_text, sentences):
            assert len(piece) <= SPOKEN_LIMIT or not set("，、：") & set(piece.rstrip("”’）》")[:-1]), piece
        if sentences != [block]:
            assert not any(is_editorial(mark) for s in sentences for mark in s.iter())   # ¶, note numbers


def test_notes_are_cut_into_sentences_and_keep_their_back_link_outside():
    root = page_tree("yaoqiu.md")
    notes = [p for div in root.iter("div") if "footnote" in classes(div) for p in div.iter("p")]
    assert notes
    for note in notes:
        sentences = [s for s in note if SENTENCE in classes(s)]
        assert speech_text(sentences[0]).startswith("编者注")
        assert all(len(speech_text(s)) <= SPOKEN_LIMIT for s in sentences)
        assert "".join(speech_text(s) for s in sentences) == PLACEHOLDER.sub("", speech_text(note)).strip()
        assert all(is_editorial(child) for child in note if SENTENCE not in classes(child))


def test_a_long_sentence_is_cut_at_commas_into_pieces_within_the_limit():
    clause = "这是一个比较长的分句" + "，"               # 11 characters
    paragraph = etree.Element("p")
    paragraph.text = clause * 5 + "结束。"
    mark_sentences(paragraph)
    pieces = [speech_text(s) for s in paragraph.iter("span") if SENTENCE in classes(s)]
    assert "".join(pieces) == clause * 5 + "结束。"
    per_piece = SPOKEN_LIMIT // len(clause)
    assert len(pieces) == -(-5 // per_piece) and all(len(p) <= SPOKEN_LIMIT for p in pieces)
    assert all(p.endswith("，") for p in pieces[:-1])


def test_a_child_element_is_never_split_and_editorial_marks_stay_editorial():
    blocks = {el.get("id"): el for el in speech_blocks("mudi.md")}
    paragraph = blocks["mudi-4"]
    lead = paragraph.find(".//span[@class='lead']")
    first = next(s for s in paragraph.iter("span") if SENTENCE in classes(s))
    assert list(first) == [lead] and speech_text(first) == "三是制度机制要搞清楚。"
    link = paragraph.find(".//a[@class='para-link editorial']")
    assert link is not None and link in list(paragraph)     # the ¶ outside every sentence
    heading = blocks["mudi"]
    assert [speech_text(s) for s in heading.iter("span") if SENTENCE in classes(s)] == [EXPECTED["mudi.html"][0][1]]
