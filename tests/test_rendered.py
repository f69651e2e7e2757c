"""Places the plugin finds in rendered HTML by parsing it (speech/plugin/rendered.py), on small
made-up pages: minified or not, they are found by what they are, not by how they are written."""

import pytest

from speech.plugin.rendered import ThemeChanged, complete_header, split_heading

HEADER = ('<header class="md-header"><nav class="md-header__inner md-grid" aria-label="页眉">'
          '<a class="md-logo">站</a>'
          '<div class="md-search" data-md-component="search" role="dialog">'
          '<input type="text" placeholder="搜&amp;索" data-md-component="search-query"></div></nav></header>')
MINIFIED = ('<header class=md-header><nav aria-label=页眉\nclass="md-grid md-header__inner"><a class=md-logo>站</a>'
            '<div role=dialog class=md-search data-md-component=search>'
            '<input placeholder=搜索 data-md-component=search-query></div></nav></header>')
ENTRY = '<button class="access-entry">无障碍</button>'


def test_the_heading_is_split_off_where_its_element_ends():
    content = '<h1 id="t" title="</h1>">一、<span>培训</span><!-- </h1> --><a href="#t">¶</a></h1>\n<p>正文</p>'
    heading, body = split_heading(content)
    assert heading == content[:content.rindex("</h1>") + 5]
    assert body == "\n<p>正文</p>"


def test_a_page_without_a_heading_is_all_body():
    heading, body = split_heading("<p>无标题</p>")
    assert (heading, body) == ("", "<p>无标题</p>")


def test_a_heading_across_lines_ends_at_its_own_end_tag():
    content = "<p>x</p>\n<h1\nid=t>标\n题</h1 ><p>y</p>"
    assert split_heading(content).body == "<p>y</p>"


@pytest.mark.parametrize("page", [HEADER, MINIFIED], ids=["as rendered", "minified"])
def test_the_entry_comes_first_in_the_header_and_the_dialog_is_named_by_its_search_box(page):
    done = complete_header(page, ENTRY, "x.html")
    nav_open = done.index(">", done.index("<nav")) + 1
    assert done[nav_open:].startswith(ENTRY)
    dialog = done[done.index("<div"):done.index(">", done.index("<div")) + 1]
    name = "搜&amp;索" if page is HEADER else "搜索"
    assert dialog.endswith(f' aria-label="{name}">')
    assert done.replace(ENTRY, "", 1).replace(f' aria-label="{name}"', "", 1) == page


@pytest.mark.parametrize("changed, missing", [
    (HEADER.replace("md-header__inner", "md-header__row"), "md-header__inner"),
    (HEADER.replace('role="dialog"', ""), "search dialog"),
    (HEADER.replace(' placeholder="搜&amp;索"', ""), "search dialog"),
])
def test_a_changed_header_stops_the_build_naming_what_is_missing(changed, missing):
    with pytest.raises(ThemeChanged, match=f"^x.html: .*{missing}"):
        complete_header(changed, ENTRY, "x.html")
