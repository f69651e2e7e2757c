"""No content becomes markup (speech/edition/raw_html.py, speech/edition/glossary.py, the front matter check in
the speech plugin): raw HTML an editor writes anywhere is refused with one line naming the file
and the line; glossary text means the same wherever it is shown. That these refusals are lines of
the build's errors, all of them from one build: test_bad_input.py."""

import markdown
import pytest

from speech.edition import glossary
from speech.edition.model import StructureError
from speech.edition.raw_html import ALLOWED, NOTE_LIMIT, ContentIsText, page_errors
from speech.edition.site_markdown import SiteMarkdown

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


def test_every_error_of_a_page_is_named_at_once(tmp_path):
    """What the build checks on every page of docs/ before any is read (speech/edition/raw_html.py
    page_errors): its front matter and its raw HTML, each error a line naming file and line."""
    page = tmp_path / "fulu.md"
    page.write_text("---\ntitle: 附录<b>一</b>\ndescription: '<i>说明</i>'\n---\n\n# 附录\n\n一段<script>x</script>话。\n",
                    encoding="utf-8")
    assert page_errors(page, "fulu.md", SiteMarkdown(("attr_list", "footnotes", "md_in_html", "tables"))) == [
        "fulu.md:2: raw HTML <b> in the front matter's title, which is text",
        "fulu.md:3: raw HTML <i> in the front matter's description, which is text",
        "fulu.md:8: <script>: raw HTML is not allowed in content, which is text (the site adds all markup itself)"]
    page.write_text("---\ntitle: [附录\n---\n\n# 附录\n", encoding="utf-8")
    [error] = page_errors(page, "fulu.md", SiteMarkdown(("tables",)))
    assert error.startswith("fulu.md: front matter is not valid YAML: ") and "\n" not in error, error
    page.write_text("---\ntitle: 附录\n---\n\n# 附录\n\n一段话。\n", encoding="utf-8")
    assert page_errors(page, "fulu.md", SiteMarkdown(("tables",))) == []
    page.write_bytes("# 附录\n".encode("gb18030"))                     # saved in the wrong encoding
    [error] = page_errors(page, "fulu.md", SiteMarkdown(("tables",)))
    assert error.startswith("fulu.md: ") and "UTF-8" in error and "\n" not in error, error


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
