"""Unit tests of the Markdown extension (speech/extension.py) under plain Python-Markdown: no MkDocs.

Each converts a page of docs/ (or a small variant of one) with the extensions the site uses and
looks at the resulting tree. They run in milliseconds.
"""

import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils.meta import get_data

import speech
from conftest import ROOT
from speech.edition import collation, glossary
from speech.markdown.extension import SpeechExtension
from speech.edition.model import StructureError

SPEECH = speech.load(ROOT / "docs")
TERMS = glossary.load(ROOT / "includes" / "glossary.md")


def page_source(name: str) -> str:
    return get_data((ROOT / "docs" / name).read_text(encoding="utf-8"))[0]


class KeepTree(Treeprocessor):
    def run(self, root):
        self.root = root


def convert(text: str, terms=None, page="test.md", collated=None):
    """(html, final element tree, extension) for a Markdown text, as the site converts it."""
    ext = SpeechExtension(speech=SPEECH, glossary=TERMS if terms is None else terms, collation=collated)
    ext.begin_page(page)
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "toc", ext],
                           extension_configs={"toc": {"permalink": True}})
    keep = KeepTree(md)
    md.treeprocessors.register(keep, "keep-tree", -100)
    html = md.convert(text)
    return html, keep.root, ext


def by_id(root, block_id):
    return root.find(f".//*[@id='{block_id}']")


def test_speech_blocks_are_classed_whatever_other_classes_and_attribute_order():
    text = page_source("mudi.md").replace("{ #mudi-4 }", "{ #mudi-4 .key data-x=1 }")
    _, root, _ = convert(text)
    paragraph = by_id(root, "mudi-4")
    assert set(paragraph.get("class").split()) == {"key", "speech"}
    assert paragraph.find("a[@class='para-link editorial']") is not None
    assert [a.text for a in paragraph.iter("abbr")][-1] == "三会一课"
    assert paragraph.find(".//span[@class='lead']").text == "三是制度机制要搞清楚。"


def test_every_speech_block_carries_the_models_label():
    whole = "\n\n".join(page_source(name) for name in ("index.md", "yiyi.md", "mudi.md", "yaoqiu.md"))
    _, root, _ = convert(whole)
    labels = {el.get("id"): el.get("data-label") for el in root.iter() if "speech" in el.get("class", "").split()}
    assert list(labels) == [block_id for block_id, _ in SPEECH.blocks()]
    assert labels["biaoti"] == "标题" and labels["kaichang-1"] == "开场白" and labels["yiyi"] == "一、培训的意义"
    assert labels["yiyi-3"] == "一、培训的意义 第 3 段" == SPEECH.label("yiyi-3")
    assert SPEECH.brief_label("yiyi-3") == "一、第 3 段" and SPEECH.brief_label("kaichang-1") == "开场白"


def test_editorial_text_is_not_speech():
    _, root, _ = convert(page_source("yiyi.md"))
    for element in root.iter():
        classes = (element.get("class") or "").split()
        if element.tag == "sup" or "headerlink" in classes or "footnote-backref" in classes or "para-link" in classes:
            assert "editorial" in classes, etree.tostring(element, encoding="unicode")


def test_glossary_terms_found_without_word_boundaries_and_never_inside_links_or_notes():
    terms = {"三会一课": "组织生活制度", "三亮": "亮身份", "党章": "章程"}
    text = "# 二、培训的目的 { #mudi }\n\n" + "\n\n".join(
        f"{p.text}{'[^n]' if p.id == 'mudi-4' else ''}\n{{ #{p.id} }}" for p in SPEECH.section("mudi").paragraphs)
    text += "\n\n[^n]: 编者注：党章\n\n另有[党章](#mudi)一词。\n"
    _, root, _ = convert(text, terms)
    assert [a.text for a in by_id(root, "mudi-4").iter("abbr")] == ["三会一课"]        # in 三会一课的制度
    assert "三亮" in [a.text for a in by_id(root, "mudi-3").iter("abbr")]               # in “三亮”
    abbr = by_id(root, "mudi-3").find(".//abbr")
    assert abbr.get("class") == "term" and abbr.get("tabindex") == "0" and abbr.get("title") == "亮身份"
    outside = [a for a in root.iter("abbr") if a not in list(root.find(".//*[@id='mudi-3']").iter())
               and a not in list(by_id(root, "mudi-4").iter())]
    assert outside == []   # not in the note, not in the link, not outside the speech
    _, root, _ = convert(text.replace("“三亮”", "“[三亮](#mudi)”", 1), terms)
    assert by_id(root, "mudi-3").find(".//a/abbr") is None                          # not in a link in the speech


def test_hostile_glossary_text_is_escaped_in_the_title_and_on_the_terms_page():
    hostile = '"><script>alert(1)</script>'
    html, root, _ = convert(page_source("mudi.md") + '\n\n<div id="glossary" markdown></div>\n',
                            {"三会一课": hostile})
    assert "<script>" not in html
    assert by_id(root, "mudi-4").find(".//abbr").get("title") == hostile
    cells = [td.text for td in root.iter("td")]
    assert hostile in cells


def test_whole_speech_page_demotes_included_headings_before_the_contents_list_is_made():
    whole = "\n\n".join(page_source(name) for name in ("index.md", "yiyi.md", "mudi.md", "yaoqiu.md"))
    ext = SpeechExtension(speech=SPEECH, glossary=TERMS)
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "toc", ext])
    keep = KeepTree(md)
    md.treeprocessors.register(keep, "keep-tree", -100)
    md.convert(whole)
    root = keep.root
    assert [h.get("id") for h in root.iter("h1")] == ["biaoti"]
    assert [h.get("id") for h in root.iter("h2") if "speech" in h.get("class", "")] == ["yiyi", "mudi", "yaoqiu"]
    contents = [token["id"] for token in md.toc_tokens[0]["children"]]
    assert contents[-4:] == ["yiyi", "mudi", "yaoqiu", "yinyong"]   # the sections, then 引用本页


def test_a_page_that_loses_a_paragraph_of_a_section_fails_naming_page_and_id():
    text = page_source("mudi.md").split("上述三个问题")[0]   # as if the snippet's end marker moved up
    with pytest.raises(StructureError, match=r"^quanwen\.md: .*mudi-5"):
        convert(text, page="quanwen.md")


def test_a_page_whose_speech_differs_from_its_file_fails():
    text = page_source("mudi.md").replace("三会一课", "三会二课")
    with pytest.raises(StructureError, match=r"^quanwen\.md: mudi-4 differs"):
        convert(text, page="quanwen.md")


def test_paragraph_links_carry_the_citation():
    _, root, _ = convert(page_source("mudi.md"))
    link = by_id(root, "mudi-4").find("a[@class='para-link editorial']")
    assert link.get("href") == "#mudi-4" and link.text == "¶"
    assert link.get("data-cite") == f"佚名. {SPEECH.title}[EB/OL]. (2022)"
    assert link.get("aria-label") == "二、培训的目的第 4 段：复制引用和链接"


def test_lead_sentences_and_ordinals_are_set_off_without_changing_text():
    _, root, _ = convert(page_source("yiyi.md"))
    paragraph = by_id(root, "yiyi-5")
    assert paragraph.find(".//span[@class='lead']").text == "四是增强党务干部工作能力的需要。"
    assert [s.text for s in paragraph.iter("span") if s.get("class") == "ordinal"] == ["第一", "第二", "第三", "第四"]
    assert speech.edition.model.speech_text(paragraph) == SPEECH.paragraph("yiyi-5").text


def test_outline_lists_sections_and_points():
    _, root, _ = convert('## 讲话结构 { #jiegou }\n\n<nav id="outline" class="outline" markdown></nav>\n')
    nav = root.find(".//nav")
    assert [a.get("href") for a in nav.findall("ol/li/a")] == ["yiyi.md#yiyi", "mudi.md#mudi", "yaoqiu.md#yaoqiu"]
    assert [s.text for s in nav.iter("span") if s.get("class") == "outline-count"] == ["四点理由", "三个问题", "三个基本要求"]
    assert [s.text for s in nav.findall("ol/li/ul/li/span")][:2] == ["（第 2 段）", "（第 3 段）"]   # for the printed 提纲
    assert [a.text for a in nav.findall("ol/li/ul/li/a")][:2] == ["一是提高整个系统党建工作水平的需要。",
                                                                    "二是促进整个系统工作上水平上台阶的需要。"]


def test_search_blocks_skip_editorial_marks_and_navigation():
    _, _, ext = convert(page_source("yiyi.md") + '\n\n<nav id="outline" class="outline" markdown></nav>\n')
    blocks = {b.id: b for b in ext.search_blocks()}
    assert blocks["yiyi-2"].text == SPEECH.paragraph("yiyi-2").text and blocks["yiyi-2"].speech
    assert blocks["yiyi-2"].label == "第 2 段"
    assert blocks["yiyi"].text == "一、培训的意义"               # no ¶ from the permalink
    assert blocks["fn:shishi"].text.startswith("编者注") and not blocks["fn:shishi"].speech
    assert not any("二是促进整个系统工作上水平上台阶的需要。" == b.text for b in blocks.values())  # outline skipped


def test_section_pages_end_with_a_cite_page_block_and_the_home_page_does_not():
    _, root, ext = convert(page_source("mudi.md"))
    block = root[-1]
    assert block.tag == "section" and set(block.get("class").split()) == {"cite-page", "editorial"}
    reference = block.find(".//p[@class='cite-reference']")
    assert reference.get("data-reference") == SPEECH.reference()
    assert "".join(reference.itertext()) == f"{SPEECH.reference()}[引用日期]. 本页网址."
    assert not any(b.text == "引用本页" for b in ext.search_blocks())       # editorial: not indexed
    _, home, _ = convert(page_source("index.md"))
    assert home.find(".//section") is None


def test_collation_fills_its_placeholders_as_elements_with_marks_in_place():
    collated = collation.collate(ROOT / collation.SOURCE, SPEECH)
    html, root, ext = convert(page_source("duizhao.md"), collated=collated)
    view = root.find(".//div[@class='collation']")
    assert view.get("id") is None and view.find("p[@id='dz-yiyi-2']") is not None
    block = view.find("p[@id='dz-mudi-1']")
    assert [(d.text, i.text) for d, i in zip(block.iter("del"), block.iter("ins"))] == [(":", "：")]
    assert block.find("a[@class='collation-label editorial']").get("href") == "mudi.md#mudi-1"
    assert len(view.findall(".//del[@class='linebreak']")) == 12
    assert view.find(".//sup[@class='collation-note editorial']/a").get("href") == "yiyi.md#fn:shishi"
    summary = root.find(".//div[@class='collation-summary']")
    assert [td.text for td in summary.findall(".//tbody/tr/td[2]")] == ["98", "12", "10", "8", "1", "12", "1", "1", "4"]
    assert not any(b.speech for b in ext.search_blocks())


def test_a_page_asking_for_the_collation_without_one_fails_naming_it():
    with pytest.raises(StructureError, match=r"^duizhao\.md: asks for the collation"):
        convert(page_source("duizhao.md"), page="duizhao.md")


def test_the_title_stands_in_the_editors_phrases_inside_one_sentence():
    _, root, _ = convert(page_source("index.md"))
    title = next(el for el in root.iter() if el.get("id") == "biaoti")
    phrases = [span.text for span in title.iter("span") if span.get("class") == "title-phrase"]
    assert phrases == list(SPEECH.title_phrases) and len(phrases) > 1
    assert "".join(phrases) == SPEECH.title
    sentence = title.find("span[@class='sentence']")
    assert sentence is not None and len(sentence.findall("span[@class='title-phrase']")) == len(phrases)


def test_every_speech_paragraph_ends_in_two_characters_kept_together():
    _, root, _ = convert("\n\n".join(page_source(name) for name in ("index.md", "yiyi.md", "mudi.md", "yaoqiu.md")))
    paragraphs = [p for p in root.iter("p") if "speech" in (p.get("class") or "").split()]
    assert len(paragraphs) == len(list(SPEECH.paragraphs()))
    for paragraph in paragraphs:
        [ending] = [span for span in paragraph.iter("span") if span.get("class") == "unbroken"]
        kept = "".join(ending.itertext())
        assert len([c for c in kept if "\u3400" <= c <= "\u9fff"]) >= 2, kept
        assert speech.edition.model.speech_text(paragraph).endswith("".join(ending.itertext()).rstrip()), kept
