"""Bad input fails the strict build with a message that names the file.

Each way the speech, the glossary or the source can be wrong is tested where it is found, in
process (test_speech_model.py, test_extension.py, test_collation.py). Here, at the cost of a build
each: that such an error surfaces as one line of MkDocs' build errors, not a traceback; that
MkDocs' own checks of links, anchors and the navigation are on; and that hostile text in the
glossary and front matter reaches the built pages as text (one build for these two).
"""

import pytest
from bs4 import BeautifulSoup

from conftest import build_site


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file,old,new,named", [
    ("mudi.md", "{ #mudi-4 }", "{ #mudi-3 }", "mudi-3"),                       # found reading the speech
    ("bianji.md", "title: 编辑说明", "title: [编辑说明", "front matter"),        # found converting a page
])
def test_an_error_in_the_input_is_one_line_of_the_build_naming_the_file(project, tmp_path, file, old, new, named):
    replace_in(project / "docs" / file, old, new)
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert any(f"{file}: " in line and named in line for line in errors), result.stderr
    assert "Traceback" not in result.stderr


def test_broken_links_fail_the_build_and_hostile_text_reaches_pages_as_text(project, tmp_path):
    """One build of a copy with both kinds of bad input: MkDocs' strict mode counts the broken
    link, anchor and navigation entry as it goes, writes every page, and fails at the end."""
    replace_in(project / "docs" / "index.md", "](bianji.md)", "](bianji-missing.md)")
    replace_in(project / "docs" / "bianji.md", "yiyi.md#yiyi-2", "yiyi.md#yiyi-99")
    replace_in(project / "mkdocs.yml", "- 编辑说明: bianji.md", "- 编辑说明: bianji.md\n  - 附录: fulu.md")
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    replace_in(project / "includes" / "glossary.md", "*[党组]: ", f"*[党组]: {hostile}")
    replace_in(project / "docs" / "mudi.md", "title: 二、培训的目的", f"title: '二、培训的目的{hostile}'")
    replace_in(project / "docs" / "mudi.md", "description: 讲话第二部分", f"description: '{hostile}'\nx: 讲话第二部分")
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0, result.stderr
    for named in ("index.md", "bianji-missing.md", "bianji.md", "yiyi-99", "fulu.md"):
        assert named in result.stderr, f"{named} not named in:\n{result.stderr}"

    def page(name):
        return BeautifulSoup((tmp_path / "out" / name).read_text(encoding="utf-8"), "html.parser")

    for name in ("shuyu.html", "mudi.html", "index.html", "yiyi.html"):
        assert not page(name).select("script:not([src]):-soup-contains('alert')"), name
        assert not page(name).select("img[onerror]"), name
    assert any(hostile in td.get_text() for td in page("shuyu.html").select("td"))
    mudi = page("mudi.html")
    assert hostile in mudi.select_one('meta[name="description"]')["content"]
    assert hostile in mudi.title.get_text()
