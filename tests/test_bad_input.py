"""Bad input fails the strict build with a message that names the file.

Each way the speech, the glossary or the source can be wrong is tested where it is found, in
process (test_speech_model.py, test_extension.py, test_collation.py). Here, at the cost of a build
each: that such an error surfaces as one line of MkDocs' build errors, not a traceback; that
MkDocs' own checks of links, anchors and the navigation are on. Hostile markup in what editors
write is refused where it is written (test_raw_html.py).
"""

import pytest

from conftest import build_broken


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


INPUT_ERRORS = [
    ("mudi.md", "{ #mudi-4 }", "{ #mudi-3 }", "mudi-3"),                       # found reading the speech
    ("bianji.md", "title: 编辑说明", "title: [编辑说明", "front matter"),        # found converting a page
]


def break_links(project):
    replace_in(project / "docs" / "index.md", "](bianji.md)", "](bianji-missing.md)")
    replace_in(project / "docs" / "bianji.md", "yiyi.md#yiyi-2", "yiyi.md#yiyi-99")
    replace_in(project / "mkdocs.yml", "- 编辑说明: bianji.md", "- 编辑说明: bianji.md\n  - 附录: fulu.md")


BREAKAGES = {file: (lambda project, file=file, old=old, new=new: replace_in(project / "docs" / file, old, new))
             for file, old, new, _ in INPUT_ERRORS} | {"links": break_links}


@pytest.fixture(scope="module")
def broken():
    return build_broken(BREAKAGES)


@pytest.mark.parametrize("file,named", [(file, named) for file, _, _, named in INPUT_ERRORS])
def test_an_error_in_the_input_is_one_line_of_the_build_naming_the_file(broken, file, named):
    result = broken[file]
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert any(f"{file}: " in line and named in line for line in errors), result.stderr
    assert "Traceback" not in result.stderr


def test_broken_links_fail_the_build(broken):
    """One build of a copy: MkDocs' strict mode counts the broken link, anchor and navigation
    entry as it goes, writes every page, and fails at the end naming each."""
    result = broken["links"]
    assert result.returncode != 0, result.stderr
    for named in ("index.md", "bianji-missing.md", "bianji.md", "yiyi-99", "fulu.md"):
        assert named in result.stderr, f"{named} not named in:\n{result.stderr}"
