"""No content becomes markup (speech/raw_html.py, speech/glossary.py, the front matter check in
hooks/speech_site.py): raw HTML an editor writes anywhere is refused with one line naming the file
and the line; glossary text means the same wherever it is shown."""

import markdown
import pytest

from conftest import ROOT, build_broken
from speech import glossary
from speech.model import StructureError
from speech.raw_html import ALLOWED, NOTE_LIMIT, ContentIsText

NOTE_PAGE = "正文里有一处疑误[^shishi]。\n\n[^shishi]: 编者注：原文如此。{}\n"


def convert(text: str, source: str | None = None) -> str:
    guard = ContentIsText()
    guard.page = "yiyi.md"
    guard.sources = {"yiyi.md": source} if source else {}
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "tables", "toc", guard])
    return md.convert(text)


HOSTILE_NOTES = {
    "script": ("<script>alert(document.domain)</script>", "<script>"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "<iframe"),
    "form": ('<form action="https://example.org/"><input name=q></form>', "<form"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "<meta"),
    "event handler": ('<span onmouseover="alert(1)">疑误</span>', "<span"),
    "outside image, HTML": ('<img src="https://example.org/x.png">', "<img"),
    "outside image, Markdown": ("![图](https://example.org/x.png)", "loads from another host"),
    "javascript: link": ("[点此](javascript:alert(1))", "javascript: address"),
}


@pytest.mark.parametrize("case", HOSTILE_NOTES)
def test_hostile_note_is_refused_naming_file_and_line(case):
    hostile, named = HOSTILE_NOTES[case]
    text = NOTE_PAGE.format(hostile)
    with pytest.raises(ValueError) as refused:
        convert(text)
    message = str(refused.value)
    assert message.startswith("yiyi.md:3: ") and named in message and "\n" not in message, message


@pytest.mark.parametrize("block", ['<div markdown>\n<iframe src="x"></iframe>\n</div>',
                                   '<div id="glossary" onclick="alert(1)" markdown></div>',
                                   "<script>\nalert(1)\n</script>", "<p>段落</p>",
                                   "<!DOCTYPE html>", "<?php echo 1 ?>"])
def test_raw_html_block_in_any_page_is_refused(block):
    with pytest.raises(ValueError, match=r"^yiyi\.md:5: .*raw HTML is not allowed"):
        convert("# 标题\n\n一段话。\n\n" + block + "\n")


def test_attribute_list_cannot_add_script_or_style():
    with pytest.raises(ValueError, match=r"^yiyi\.md:2: <p onmouseover=\"alert\(1\)\">: an event handler"):
        convert("一段话。\n{ onmouseover=alert(1) }\n")
    with pytest.raises(ValueError, match=r"^yiyi\.md:2: <p style=\"color: red\">: a style attribute"):
        convert("一段话。\n{ style='color: red' }\n")


def test_line_is_counted_in_the_file_as_written():
    """The glue hands over the file with its front matter: lines are the editor's lines."""
    front_matter = "---\ntitle: 一\n---\n"
    text = NOTE_PAGE.format("<b>粗</b>")
    with pytest.raises(ValueError, match=r"^yiyi\.md:6: <b>"):
        convert(text, source=front_matter + text)


def test_allowed_elements_pass_and_stay_as_written():
    slots = ['<nav id="outline" class="outline" aria-label="讲话结构" markdown></nav>',
             '<div id="glossary" markdown></div>', '<div class="provenance" markdown>\n\n**来源**　网页。\n\n</div>']
    legend = '图例：<del>删</del>、<ins>增</ins>、<del class="linebreak"> </del>、<sup>注</sup>。'
    html = convert("\n\n".join(slots + [legend, "<!-- --8<-- [start:speech] -->", "[链接](https://example.org/)"]))
    for piece in ('<nav aria-label="讲话结构" class="outline" id="outline">', '<div id="glossary">', "<del>删</del>",
                  '<del class="linebreak"> </del>', "<sup>注</sup>", '<a href="https://example.org/">'):
        assert piece in html
    assert {a.why for a in ALLOWED} >= {"the outline slot (index.md)", "the collation legend (duizhao.md)"}


def test_markup_written_as_text_stays_text():
    html = convert("写作 `<script>` 或 &lt;script&gt; 都是文字。")
    assert "<script>" not in html.replace("<code>&lt;script&gt;</code>", "")


def test_a_note_has_a_length_limit():
    convert(NOTE_PAGE.format("字" * (NOTE_LIMIT - 20)))
    with pytest.raises(ValueError, match=r"^yiyi\.md:3: the note \[\^shishi\] is 2,000,0\d\d characters long; a note holds at most 300$"):
        convert(NOTE_PAGE.format("字" * 2_000_000))


# --- The glossary -----------------------------------------------------------------------------

@pytest.mark.parametrize("line,message", [
    ("*[党组]: <img src=x onerror=alert(1)>", r'g\.md:2: raw HTML <img src="x" onerror="alert\(1\)"> in a glossary line'),
    ("*[<b>党组</b>]: 释义", r"g\.md:2: raw HTML <b>"),
    ("*[党组]: &amp;lt;script&amp;gt;", r"g\.md:2: a character reference escaped twice \(&lt;"),
    ("*[党组]: " + "长" * 121, r"g\.md:2: the explanation of 党组 is 121 characters long; a tooltip holds at most 120"),
])
def test_hostile_glossary_line_is_refused(line, message):
    with pytest.raises(StructureError, match="^" + message):
        glossary.parse("*[党章]: 党的根本大法。\n" + line + "\n", "g.md")


def test_glossary_character_references_are_read_once():
    terms = glossary.parse("*[党组]: 写作 &lt;党组&gt; &amp; 简称\n", "g.md")
    assert terms == {"党组": "写作 <党组> & 简称"}


def test_glossary_text_means_the_same_in_tooltip_table_and_search(edited_site):
    """Built: one explanation with < > & in it (edited_site's glossary: 党组 explained as
    "&lt;党组&gt; &amp; …"), read back as text from all three places."""
    import json
    import re

    from bs4 import BeautifulSoup

    meant = "<党组> & "
    tooltip = BeautifulSoup((edited_site / "yiyi.html").read_text(encoding="utf-8"), "html.parser")
    assert tooltip.select_one('abbr[title^="<党组>"]')["title"].startswith(meant)
    table = BeautifulSoup((edited_site / "shuyu.html").read_text(encoding="utf-8"), "html.parser")
    assert any(td.get_text().startswith(meant) for td in table.select("td"))
    index = (edited_site / "search" / "search_docs.js").read_text(encoding="utf-8")
    blocks = json.loads(re.search(r"(\{.*\}|\[.*\])", index, re.S).group(1))
    assert meant in json.dumps(blocks, ensure_ascii=False)


# --- Through MkDocs: one line naming the file ----------------------------------------------------

def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(file: str, found) -> int:
    """The line of the project's `file` where `found(line)` first holds."""
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if found(line))


BREAKAGES = {
    "script in a note": lambda project: replace_in(
        project / "docs" / "yiyi.md", "[^shishi]: 编者注：", "[^shishi]: 编者注：<script>alert(document.domain)</script>"),
    "markup in a paragraph": lambda project: replace_in(project / "docs" / "mudi.md", "三会一课", "三会<b>一</b>课"),
    "markup in front matter": lambda project: replace_in(
        project / "docs" / "mudi.md", "title: 二、培训的目的", "title: '二、培训的目的<img src=x onerror=alert(2)>'"),
    "markup in the glossary": lambda project: replace_in(
        project / "includes" / "glossary.md", "*[党组]: ", "*[党组]: <script>x</script>"),
}


@pytest.fixture(scope="module")
def broken():
    return build_broken(BREAKAGES)


def test_build_refuses_a_script_in_a_note_in_one_line(broken):
    line = line_of("docs/yiyi.md", lambda l: l.startswith("[^shishi]:"))
    result = broken["script in a note"]
    assert result.returncode != 0
    errors = [l for l in result.stderr.splitlines() if l.startswith("ERROR")]
    assert errors == [f"ERROR   -  yiyi.md:{line}: <script>: raw HTML is not allowed in content, which is text "
                      "(the site adds all markup itself)"], errors


def test_build_refuses_raw_html_in_a_speech_paragraph_naming_the_line(broken):
    line = line_of("docs/mudi.md", lambda l: "三会一课" in l)
    result = broken["markup in a paragraph"]
    assert result.returncode != 0 and f"mudi.md:{line}: <b>: raw HTML" in result.stderr, result.stderr[-600:]


def test_build_refuses_markup_in_front_matter_and_glossary(broken):
    result = broken["markup in front matter"]
    assert result.returncode != 0 and "mudi.md:2: raw HTML <img" in result.stderr, result.stderr[-600:]
    result = broken["markup in the glossary"]
    assert result.returncode != 0 and "includes/glossary.md:9: raw HTML <script>" in result.stderr, result.stderr[-600:]
