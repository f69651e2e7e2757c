"""Unit tests of the Markdown extension (speech/markdown/) under plain Python-Markdown: no MkDocs.

Like Python-Markdown's own tests, each converts a small made-up document: a speech of a few
paragraphs, written as the editors write docs/, read by the speech model, then pages of it
converted with the extensions the site uses. They run in milliseconds.
"""

import xml.etree.ElementTree as etree
from pathlib import Path
from types import MappingProxyType

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor

import speech
from speech.edition import collation
from speech.edition.edition import Edition
from speech.edition.model import StructureError, speech_text
from speech.edition.site_markdown import SiteMarkdown
from speech.markdown.conversion import Conversion
from speech.markdown.extension import SpeechExtension

PAGES = {
    "index.md": "---\ntitle_phrases: [[在某, 会上的], 讲话]\n---\n\n# 在某会上的讲话 { #biaoti }\n\n同志们好。\n{ #kaichang-1 }\n",
    "yiyi.md": ("# 一、意义 { #yiyi }\n\n办这个班，主要有两点理由：\n{ #yiyi-1 }\n\n"
                "一是提高水平的需要。第一，要学；第二，要做。\n{ #yiyi-2 }\n\n"
                "二是落实三会一课[^zhu]的需要。\n{ #yiyi-3 }\n\n[^zhu]: 编者注：原文如此。\n"),
    "mudi.md": "# 二、目的 { #mudi }\n\n要解决两个问题：\n{ #mudi-1 }\n\n一是“三亮”要做实。\n{ #mudi-2 }\n",
    "yaoqiu.md": "# 三、要求 { #yaoqiu }\n\n希望大家认真学习。\n{ #yaoqiu-1 }\n",
}
TERMS = {"三会一课": "组织生活制度", "三会": "会议", "三亮": "亮身份"}
# The made-up page as a web page had it: a header line, rule 1's half-width marks, a line broken
# after a semicolon (rule 2), a footer line.
SOURCE = ("页首。\n在某会上的讲话\n同志们好。\n一、意义\n办这个班,主要有两点理由:\n"
          "一是提高水平的需要。第一,要学;\n第二,要做。\n二是落实三会一课的需要。\n"
          "二、目的\n要解决两个问题:\n一是“三亮”要做实。\n三、要求\n希望大家认真学习。\n页尾。")
SITE = SiteMarkdown(("attr_list", "footnotes", "md_in_html"))


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Edition:
    docs = tmp_path_factory.mktemp("docs")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    model = speech.load(docs, SITE)
    return Edition(model, MappingProxyType(TERMS), collation.collate_text(SOURCE, model, "source.txt"))


class KeepTree(Treeprocessor):
    def run(self, root):
        self.root = root


def convert(edition: Edition, text: str, page: str = "test.md") -> tuple[str, etree.Element, Conversion]:
    """(html, final element tree, the conversion) for a Markdown text, as the site converts it."""
    extension, conversion = SpeechExtension(edition), Conversion(page)
    extension.convert_next(conversion)
    md = markdown.Markdown(extensions=[*SITE.extensions, "toc", extension],
                           extension_configs={"toc": {"permalink": True}})
    keep = KeepTree(md)
    md.treeprocessors.register(keep, "keep-tree", -100)
    return md.convert(text), keep.root, conversion


def page(name: str) -> str:
    return PAGES[name].split("---\n\n")[-1]


def whole() -> str:
    return "\n\n".join(page(name) for name in PAGES)


def by_id(root: etree.Element, block_id: str) -> etree.Element:
    return root.find(f".//*[@id='{block_id}']")


def classes(element: etree.Element) -> set[str]:
    return set((element.get("class") or "").split())


def test_speech_blocks_are_classed_and_labelled_whatever_other_classes_and_attribute_order(edition):
    _, root, _ = convert(edition, page("mudi.md").replace("{ #mudi-2 }", "{ #mudi-2 .key data-x=1 }"))
    assert classes(by_id(root, "mudi-2")) == {"key", "speech"}
    labels = {el.get("id"): el.get("data-label") for el in convert(edition, whole())[1].iter() if "speech" in classes(el)}
    assert list(labels) == [block_id for block_id, _ in edition.speech.blocks()]
    assert labels["biaoti"] == "标题" and labels["kaichang-1"] == "开场白" and labels["yiyi"] == "一、意义"
    assert labels["yiyi-3"] == "一、意义 第 3 段"


def test_marks_the_site_and_python_markdown_add_are_editorial(edition):
    _, root, _ = convert(edition, page("yiyi.md"))
    marks = [el for el in root.iter() if el.tag == "sup" or classes(el) & {"headerlink", "footnote-backref", "para-link"}]
    assert len(marks) >= 5 and all("editorial" in classes(el) for el in marks)


def test_glossary_terms_longest_first_without_word_boundaries_never_in_links_or_notes(edition):
    text = page("yiyi.md").replace("[^zhu]: 编者注：原文如此。", "[^zhu]: 编者注：三会一课。\n\n另有[三会一课](#yiyi)。")
    _, root, _ = convert(edition, text)
    assert [a.text for a in root.iter("abbr")] == ["三会一课"]       # in the speech only, the longer term
    term = root.find(".//abbr")
    assert (term.get("class"), term.get("tabindex"), term.get("title")) == ("term", "0", "组织生活制度")
    _, root, _ = convert(edition, page("mudi.md").replace("“三亮”", "[“三亮”](#mudi)"))
    assert root.find(".//abbr") is None                               # not inside a link in the speech


def test_hostile_glossary_text_is_text_in_the_tooltip_and_the_terms_table(edition):
    hostile = '"><script>alert(1)</script>'
    edited = Edition(edition.speech, MappingProxyType({"三亮": hostile}), edition.collation)
    html, root, _ = convert(edited, page("mudi.md") + '\n<div id="glossary" markdown></div>\n')
    assert "<script>" not in html
    assert root.find(".//abbr").get("title") == hostile and hostile in [td.text for td in root.iter("td")]


def test_the_whole_speech_page_has_one_top_heading_before_the_contents_are_listed(edition):
    extension = SpeechExtension(edition)
    md = markdown.Markdown(extensions=[*SITE.extensions, "toc", extension])
    md.convert(whole())
    assert [token["id"] for token in md.toc_tokens] == ["biaoti"]
    assert [token["id"] for token in md.toc_tokens[0]["children"]] == ["yiyi", "mudi", "yaoqiu", "yinyong"]


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace("二是落实三会一课[^zhu]的需要。\n{ #yiyi-3 }", ""), r"^quanwen\.md: shows yiyi .*yiyi-3"),
    (lambda text: text.replace("三会一课", "三会二课"), r"^quanwen\.md: yiyi-3 differs"),
    (lambda text: text.replace("{ #mudi-1 }", "{ #yiyi-2 }"), r"^quanwen\.md: the speech block yiyi-2 appears twice"),
])
def test_a_page_that_shows_part_of_the_speech_shows_it_whole_and_word_for_word(edition, change, message):
    with pytest.raises(StructureError, match=message):
        convert(edition, change(whole()), page="quanwen.md")


def test_paragraph_links_carry_the_citation(edition):
    link = by_id(convert(edition, page("yiyi.md"))[1], "yiyi-2").find("a[@class='para-link editorial']")
    assert (link.get("href"), link.text) == ("#yiyi-2", "¶")
    assert link.get("data-cite") == "佚名. 在某会上的讲话[EB/OL]. (2022)"
    assert link.get("aria-label") == "一、意义第 2 段：复制引用和链接"


def test_lead_sentences_and_ordinals_are_set_off_without_changing_the_text(edition):
    paragraph = by_id(convert(edition, page("yiyi.md"))[1], "yiyi-2")
    assert paragraph.find(".//span[@class='lead']").text == "一是提高水平的需要。"
    assert [s.text for s in paragraph.iter("span") if s.get("class") == "ordinal"] == ["第一", "第二"]
    assert speech_text(paragraph) == edition.speech.paragraph("yiyi-2").text


def test_the_outline_lists_sections_and_points(edition):
    nav = convert(edition, '<nav id="outline" class="outline" markdown></nav>\n')[1].find(".//nav")
    assert [a.get("href") for a in nav.findall("ol/li/a")] == ["yiyi.md#yiyi", "mudi.md#mudi", "yaoqiu.md#yaoqiu"]
    assert [s.text for s in nav.iter("span") if s.get("class") == "outline-count"] == ["两点理由", "两个问题"]
    assert [a.text for a in nav.findall("ol/li/ul/li/a")] == ["一是提高水平的需要。", "二是落实三会一课的需要。", "一是“三亮”要做实。"]
    assert nav.find("ol/li/ul/li/span").text == "（第 2 段）"


def test_generated_content_fills_only_an_empty_element(edition):
    with pytest.raises(StructureError, match=r"^test\.md: the element #outline must be empty"):
        convert(edition, '<nav id="outline" markdown>提纲</nav>\n')


def test_search_blocks_skip_editorial_marks_the_outline_and_the_cite_block(edition):
    _, _, found = convert(edition, page("yiyi.md") + '\n<nav id="outline" class="outline" markdown></nav>\n')
    blocks = {b.id: b for b in found.search_blocks}
    assert (blocks["yiyi-2"].text, blocks["yiyi-2"].speech, blocks["yiyi-2"].label) == (
        edition.speech.paragraph("yiyi-2").text, True, "第 2 段")
    assert blocks["yiyi"].text == "一、意义"                                 # no ¶ from the permalink
    assert blocks["fn:zhu"].text.startswith("编者注") and not blocks["fn:zhu"].speech
    assert "一是“三亮”要做实。" not in [b.text for b in found.search_blocks]   # the outline
    assert "引用本页" not in [b.text for b in found.search_blocks]


def test_section_pages_end_with_a_cite_page_block_and_the_home_page_does_not(edition):
    block = convert(edition, page("mudi.md"))[1][-1]
    assert block.tag == "section" and classes(block) == {"cite-page", "editorial"}
    reference = block.find(".//p[@class='cite-reference']")
    assert "".join(reference.itertext()) == f"{edition.speech.reference()}[引用日期]. 本页网址."
    assert convert(edition, page("index.md"))[1].find(".//section") is None


def test_the_collation_shows_each_change_where_it_was_made(edition):
    text = '<div id="collation-summary" class="collation-summary" markdown></div>\n\n<div id="collation" class="collation" markdown></div>\n'
    _, root, found = convert(edition, text)
    view = root.find(".//div[@class='collation']")
    assert view.get("id") is None
    block = view.find("p[@id='dz-yiyi-1']")
    assert [(d.text, i.text) for d, i in zip(block.iter("del"), block.iter("ins"))] == [(",", "，"), (":", "：")]
    assert block.find("a[@class='collation-label editorial']").get("href") == "yiyi.md#yiyi-1"
    assert len(view.findall(".//del[@class='linebreak']")) == 1
    assert view.find(".//sup[@class='collation-note editorial']/a").get("href") == "yiyi.md#fn:zhu"
    summary = root.find(".//div[@class='collation-summary']")
    # , ; : set full-width (3, 1, 2 times in SOURCE), a line rejoined, header, footer, a note
    assert [td.text for td in summary.findall(".//tbody/tr/td[2]")] == ["3", "1", "2", "1", "1", "1", "1"]
    assert not any(b.speech for b in found.search_blocks)


def test_a_page_asking_for_the_collation_without_one_fails_naming_it(edition):
    without = Edition(edition.speech, edition.glossary)
    with pytest.raises(StructureError, match=r"^duizhao\.md: asks for the collation"):
        convert(without, '<div id="collation" markdown></div>\n', page="duizhao.md")


def test_the_title_stands_in_the_editors_phrases_inside_one_sentence(edition):
    title = by_id(convert(edition, page("index.md"))[1], "biaoti")
    sentence = title.find("span[@class='sentence']")
    phrases = sentence.findall("span[@class='title-phrase']")
    assert ["".join(span.itertext()) for span in phrases] == ["在某会上的", "讲话"]
    # A phrase given in words breaks between them only (where it is wider than the line).
    assert [word.text for word in phrases[0].findall("span[@class='title-word']")] == ["在某", "会上的"]
    assert phrases[1].findall("span") == [] and phrases[1].text == "讲话"


def test_every_speech_paragraph_ends_in_two_characters_kept_together(edition):
    paragraphs = [p for p in convert(edition, whole())[1].iter("p") if "speech" in classes(p)]
    assert len(paragraphs) == len(edition.speech.paragraphs())
    for paragraph in paragraphs:
        [ending] = [span for span in paragraph.iter("span") if span.get("class") == "unbroken"]
        kept = "".join(ending.itertext())
        assert len([c for c in kept if "\u3400" <= c <= "\u9fff"]) >= 2, kept
        assert speech_text(paragraph).endswith(kept.rstrip()), kept


def test_the_site_markdown_is_mkdocs_own_reading_of_mkdocs_yml():
    from mkdocs.config import load_config

    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    assert SiteMarkdown.read() == SiteMarkdown.from_mkdocs(config.markdown_extensions, config.mdx_configs)
