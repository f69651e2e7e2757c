"""Unit tests, one or two per hook in hooks/ (each hook does one small job)."""

import compact_html
import front_matter
import glossary
import lead_sentences
import outline
import paragraph_links
import search_index
import slim_assets
import speech_blocks
import whole_speech


def test_front_matter_error():
    assert front_matter.front_matter_error("# no front matter\n") is None
    assert front_matter.front_matter_error("---\ntitle: [broken\n---\nText\n").startswith("front matter is not valid YAML")
    assert front_matter.front_matter_error("---\ntitle: ok\n") == "front matter opened with --- is never closed"
    assert front_matter.front_matter_error("---\n- a list\n---\n") == "front matter must be a mapping of keys to values"


def test_speech_blocks_marks_only_fixed_speech_ids():
    html = '<h1 id="yiyi">一</h1><p id="yiyi-2">x</p><p id="laili-shenme">y</p><p id="kaichang-1">z</p><p>w</p>'
    marked = speech_blocks.mark_speech_blocks(html)
    assert marked.count('class="speech"') == 3
    assert '<p id="laili-shenme">' in marked and "<p>w</p>" in marked


def test_whole_speech_demotes_every_h1_but_the_first():
    html = '<h1 id="biaoti">T</h1><p>x</p><h1 id="yiyi" class="speech">一</h1><h1>二</h1>'
    assert whole_speech.demote_after_first_h1(html) == (
        '<h1 id="biaoti">T</h1><p>x</p><h2 id="yiyi" class="speech">一</h2><h2>二</h2>')


def test_lead_sentences_wrap_lead_and_ordinals_without_changing_text():
    html = '<p id="yiyi-5" class="speech">四是增强能力的需要。第一要熟悉党章；第二，明确。</p><p>一是别的。</p>'
    out = lead_sentences.set_off_leads(html)
    assert '<span class="lead">四是增强能力的需要。</span>' in out
    assert out.count('class="ordinal"') == 2
    assert "<p>一是别的。</p>" in out  # not speech: untouched
    assert lead_sentences.LEAD_SENTENCE.match("三要坚持学用结合。学是为了用。").group(0) == "三要坚持学用结合。"


def test_glossary_marks_terms_inside_words_but_not_inside_tags():
    terms = {"三会一课": "组织生活制度", "三亮": "亮身份", "党章": "章程"}
    pattern = glossary.term_pattern(terms)
    out = glossary.mark_terms('三会一课的制度、“三亮”<a href="#x">党章</a><sup>党章</sup>党章', terms, pattern)
    assert out.count("<abbr") == 3
    assert '<a href="#x">党章</a>' in out and "<sup>党章</sup>" in out
    assert 'title="组织生活制度">三会一课</abbr>的制度' in out


def test_speech_paragraphs_are_read_from_markdown():
    markdown = "# 一 { #yiyi }\n\n第一段[^n]。\n{ #yiyi-1 }\n\n编者的话\n{ #laili-x }\n"
    assert speech_blocks.speech_paragraphs(markdown) == [("yiyi-1", "第一段。")]


def test_paragraph_links_carry_the_citation():
    html = '<h1 id="mudi" class="speech">二、目的</h1><p id="mudi-4" class="speech">正文</p>'
    out = paragraph_links.add_paragraph_links(html, "讲话")
    assert 'href="#mudi-4"' in out and 'data-cite="《讲话》 · 二、目的 · 第 4 段"' in out
    assert out.endswith('¶</a></p>')


def test_outline_lists_sections_and_their_lead_sentences():
    section = ("yiyi.md", "# 一、意义 { #yiyi }\n\n主要有两点理由：\n{ #yiyi-1 }\n\n一是甲。乙。\n{ #yiyi-2 }\n\n"
                          "二是丙。\n{ #yiyi-3 }\n")
    out = outline.outline_markdown([section])
    assert "1. [一、意义](yiyi.md#yiyi)" in out and "两点理由" in out
    assert "    - [一是甲。](yiyi.md#yiyi-2)" in out and "    - [二是丙。](yiyi.md#yiyi-3)" in out


def test_search_index_blocks_skip_editorial_marks_and_navigation():
    html = ('<nav><p>目录</p></nav><h2 id="yiyi" class="speech">一</h2>'
            '<p id="yiyi-2" class="speech">实事求实<sup id="fnref:a"><a class="footnote-ref">1</a></sup>的问题'
            '<a class="para-link editorial">¶</a></p><table><tr><td>甲</td><td>乙</td></tr></table>')
    blocks = search_index.extract_blocks(html)
    assert [(b[0], b[1], b[2]) for b in blocks] == [
        ("yiyi", "一", True), ("yiyi-2", "实事求实的问题", True), ("yiyi-2", "甲 乙", False)]
    assert blocks[1][3] == "第 2 段"


def test_search_index_variant_table_maps_traditional_forms_of_the_sites_characters():
    table = search_index.variant_table(["党章从严治党，干部"])
    assert table["黨"] == "党" and table["從"] == "从" and table["嚴"] == "严" and table["幹"] == "干"
    assert all(simplified in "党章从严治党，干部" for simplified in table.values())


def test_compact_html_keeps_text():
    assert compact_html.compact("<p>\n      <a>x y</a>\n  </p>") == "<p>\n<a>x y</a>\n</p>"
    assert compact_html.compact("<p>两个  空格</p>") == "<p>两个  空格</p>"


def test_slim_assets_drops_only_whole_comment_lines():
    source = "/* head\n * more\n */\nconst a = 1 // keep\n// gone\n  /* one line */\nb(/[/*]/)\n"
    assert slim_assets.strip_comment_lines(source, True) == "const a = 1 // keep\nb(/[/*]/)\n"
    css = "a { color: red; } /* keep */\n/* gone */\n"
    assert slim_assets.strip_comment_lines(css, False) == "a { color: red; } /* keep */\n"
