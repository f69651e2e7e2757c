"""Bad input fails the strict build with a message that names the file."""

from conftest import build_site


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_build_fails_naming(project, tmp_path, *names):
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0, "the build should have failed"
    for name in names:
        assert name in result.stderr, f"{name} not named in:\n{result.stderr}"


def test_copy_of_the_project_builds(project, tmp_path):
    # The baseline: the failures below are caused by the one change each makes.
    assert build_site(project, tmp_path / "out").returncode == 0


def test_broken_link(project, tmp_path):
    replace_in(project / "docs" / "index.md", "](bianji.md)", "](bianji-missing.md)")
    assert_build_fails_naming(project, tmp_path, "index.md", "bianji-missing.md")


def test_broken_anchor(project, tmp_path):
    replace_in(project / "docs" / "bianji.md", "yiyi.md#yiyi-2", "yiyi.md#yiyi-99")
    assert_build_fails_naming(project, tmp_path, "bianji.md", "yiyi-99")


def test_nav_entry_to_a_missing_page(project, tmp_path):
    replace_in(project / "mkdocs.yml", "- 编辑说明: bianji.md", "- 编辑说明: bianji.md\n  - 附录: fulu.md")
    assert_build_fails_naming(project, tmp_path, "fulu.md")


def test_speech_text_the_source_does_not_bear_out(project, tmp_path):
    """A character of the speech changed in its Markdown: the collation cannot explain it."""
    replace_in(project / "docs" / "mudi.md", "三会一课", "三会二课")
    assert_build_fails_naming(project, tmp_path, "source/000_7580ef5281b4135a.txt: line 20, column", "mudi-4")


def test_malformed_front_matter(project, tmp_path):
    replace_in(project / "docs" / "mudi.md", "title: 二、培训的目的", "title: [二、培训的目的")
    assert_build_fails_naming(project, tmp_path, "mudi.md", "front matter")


def test_missing_included_section(project, tmp_path):
    (project / "docs" / "yaoqiu.md").unlink()
    assert_build_fails_naming(project, tmp_path, "yaoqiu.md")


# The speech's structure (speech/model.py, speech/extension.py): the build names file and id. ---

def test_speech_paragraph_without_its_id(project, tmp_path):
    replace_in(project / "docs" / "mudi.md", "\n{ #mudi-3 }", "")
    assert_build_fails_naming(project, tmp_path, "mudi.md", "mudi-2", "has no id")


def test_duplicated_speech_paragraph_id(project, tmp_path):
    replace_in(project / "docs" / "mudi.md", "{ #mudi-4 }", "{ #mudi-3 }")
    assert_build_fails_naming(project, tmp_path, "mudi.md", "mudi-3")


def test_extra_class_on_a_speech_paragraph_keeps_its_marks(project, tmp_path):
    # `{ #mudi-4 .key }` once lost the paragraph its speech class, ¶, terms and lead sentence.
    replace_in(project / "docs" / "mudi.md", "{ #mudi-4 }", "{ #mudi-4 .key }")
    assert build_site(project, tmp_path / "out").returncode == 0
    from bs4 import BeautifulSoup

    paragraph = BeautifulSoup((tmp_path / "out" / "mudi.html").read_text(encoding="utf-8"),
                              "html.parser").select_one("#mudi-4")
    assert {"key", "speech"} <= set(paragraph["class"])
    assert paragraph.select("a.para-link") and paragraph.select("abbr.term") and paragraph.select(".lead")


def test_snippet_section_that_no_longer_covers_its_section(project, tmp_path):
    # The end marker moved up one paragraph: 全文 would silently lose mudi-5.
    path = project / "docs" / "mudi.md"
    text = path.read_text(encoding="utf-8").replace("\n<!-- --8<-- [end:speech] -->\n", "\n")
    path.write_text(text.replace("上述三个问题", "<!-- --8<-- [end:speech] -->\n\n上述三个问题", 1), encoding="utf-8")
    assert_build_fails_naming(project, tmp_path, "quanwen.md", "mudi-5")


def test_malformed_glossary_line(project, tmp_path):
    replace_in(project / "includes" / "glossary.md", "*[党组]:", "*[党组]")
    assert_build_fails_naming(project, tmp_path, "includes/glossary.md:", "not a glossary line")


def test_duplicated_glossary_term(project, tmp_path):
    replace_in(project / "includes" / "glossary.md", "*[党组]:", "*[党章]:")
    assert_build_fails_naming(project, tmp_path, "includes/glossary.md:", "党章 is defined twice")


def test_invalid_utf8_names_the_file_that_holds_it(project, tmp_path):
    path = project / "docs" / "mudi.md"
    path.write_bytes(path.read_bytes().replace("三会一课".encode(), b"\xff", 1))
    assert_build_fails_naming(project, tmp_path, "mudi.md: not valid UTF-8")
