"""Bad input fails the strict build with a message that names the file, at the cost of two builds
(and, in process, one run of the glue's on_config and one reading of mkdocs.yml).

Each way the speech, the glossary, the source or what editors write can be wrong is tested where
it is found, in process (test_speech_model.py, test_extension.py, test_collation.py,
test_raw_html.py, test_csp.py). Here, three broken copies of the project, each carrying several
breakages at once:

- inputs: a symbolic link among the files the build reads, a control character in a page: each
  a line, before anything is read;
- content: errors found before any page is written (raw HTML, front matter, the speech model,
  the glossary), every one of them a line of MkDocs' build errors naming file and line, no
  traceback, and no page written;
- links and scripts: MkDocs' own checks of links, anchors and the navigation are on, each broken
  one a warning (which a strict build, as mkdocs.yml asks, counts against it); a script not from
  our templates, or markup the Content-Security-Policy would block, fails the build with no
  policy written that would trust it.
"""

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT, build_broken, copy_project
from speech.edition import collation


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(file: str, found) -> int:
    """The line of the project's `file` where `found(line)` first holds."""
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if found(line))


RAW_HTML = ": raw HTML is not allowed in content, which is text (the site adds all markup itself)"
# (file, text, broken text, the build's error line for it: exact, or its start when it ends in …)
CONTENT_ERRORS = [
    ("docs/index.md", "{ #laili-shijian }", "{ #laili-shenme }",            # found reading the speech
     "index.md: the id laili-shenme is used twice"),
    ("docs/bianji.md", "title: 编辑说明", "title: [编辑说明",                  # found reading front matter
     "bianji.md: front matter is not valid YAML: …"),
    ("docs/mudi.md", "title: 二、培训的目的", "title: '二、培训的目的<img src=x onerror=alert(2)>'",
     "mudi.md:2: raw HTML <img src=\"x\" onerror=\"alert(2)\"> in the front matter's title, which is text"),
    ("docs/mudi.md", "三会一课", "三会<b>一</b>课",                            # a speech paragraph
     f"mudi.md:{line_of('docs/mudi.md', lambda l: '三会一课' in l)}: <b>{RAW_HTML}"),
    ("docs/yiyi.md", "[^shishi]: 编者注：", "[^shishi]: 编者注：<script>alert(document.domain)</script>",
     f"yiyi.md:{line_of('docs/yiyi.md', lambda l: l.startswith('[^shishi]:'))}: <script>{RAW_HTML}"),
    ("includes/glossary.md", "*[党组]: ", "*[党组]: <script>x</script>",
     "includes/glossary.md:9: raw HTML <script> in a glossary line: a term and its explanation are text"),
]


# Added at the end of a page: (file, text, the build's error line for it). An escaped tag is text;
# a refused block is named at its own line, not at the page's first (allowed) element of its kind;
# a snippet include of a missing file, or of one outside docs/, is a line naming the page.
SNIPPET_REFUSED = "could not be found; a snippet is read from docs/ only, and must be there"
# (file, text, the line the error names, the error with {line})
APPENDED = [
    ("docs/shuyu.md", '\n\\<img src=x> 是文字。\n\n<div class="note" markdown>\n注\n</div>\n',
     '<div class="note" markdown>', 'shuyu.md:{line}: <div class="note">' + RAW_HTML),
    ("docs/wuzhangai.md", '\n--8<-- "missing.md"\n', '--8<-- "missing.md"',
     "wuzhangai.md:{line}: Snippet at path 'missing.md' " + SNIPPET_REFUSED),
    ("docs/duizhao.md", '\n--8<-- "../../../../../etc/passwd"\n', '--8<-- "../../../../../etc/passwd"',
     "duizhao.md:{line}: Snippet at path '../../../../../etc/passwd' " + SNIPPET_REFUSED),
]


def appended_error(file: str, text: str, written: str, expected: str) -> str:
    lines = ((ROOT / file).read_text(encoding="utf-8") + text).splitlines()
    return expected.format(line=lines.index(written) + 1)


def break_content(project: Path) -> None:
    for file, old, new, _ in CONTENT_ERRORS:
        replace_in(project / file, old, new)
    for file, text, _, _ in APPENDED:
        with open(project / file, "a", encoding="utf-8") as page:
            page.write(text)


# Links and control characters: found before any file is read for its content.
INPUT_ERRORS = [
    "docs/passwd.md: a symbolic link (to /etc/passwd); the site is built from files of the repository only: "
    "put the file itself there",
    "includes/extra.md: a symbolic link (to ../docs/yiyi.md); the site is built from files of the repository "
    "only: put the file itself there",
    f"docs/mudi.md:{line_of('docs/mudi.md', lambda l: '三会一课' in l)}: a control character (U+0000) in the text; "
    "delete it",
]


def break_inputs(project: Path) -> None:
    (project / "docs" / "passwd.md").symlink_to("/etc/passwd")
    (project / "includes" / "extra.md").symlink_to("../docs/yiyi.md")
    replace_in(project / "docs" / "mudi.md", "三会一课", "三会\x00一课")


def break_links_and_scripts(project: Path) -> None:
    replace_in(project / "docs" / "index.md", "](bianji.md)", "](bianji-missing.md)")
    replace_in(project / "docs" / "bianji.md", "yiyi.md#yiyi-2", "yiyi.md#yiyi-99")
    replace_in(project / "mkdocs.yml", "- 编辑说明: bianji.md", "- 编辑说明: bianji.md\n  - 附录: fulu.md")
    # An .html file in docs/ is copied as it is: its inline script is nobody's template.
    (project / "docs" / "extra.html").write_text("<!doctype html><script>alert(1)</script>", encoding="utf-8")
    # Markup the policy would block, in a template: every page made from it.
    replace_in(project / "overrides" / "main.html", "{% block libs %}",
               '{% block libs %}<button onclick="alert(1)">x</button>')


BREAKAGES = {"content": break_content, "links and scripts": break_links_and_scripts, "inputs": break_inputs}


@pytest.fixture(scope="module")
def broken():
    return build_broken(BREAKAGES)


def error_lines(stderr: str) -> list[str]:
    return [line.removeprefix("ERROR   -  ") for line in stderr.splitlines() if line.startswith("ERROR")]


def test_every_error_in_the_content_is_one_line_of_one_build(broken):
    result = broken["content"]
    assert result.returncode != 0
    errors = error_lines(result.stderr)
    for file, _, _, expected in CONTENT_ERRORS:
        if expected.endswith("…"):
            assert [e for e in errors if e.startswith(expected[:-1])], f"{file}: {expected}\n{result.stderr}"
        else:
            assert expected in errors, f"{file}: {expected}\n{result.stderr}"
    for file, text, written, expected in APPENDED:
        assert appended_error(file, text, written, expected) in errors, f"{file}\n{result.stderr}"
    assert len(errors) == len(CONTENT_ERRORS) + len(APPENDED), errors
    assert "Traceback" not in result.stderr
    # Stopped before MkDocs began writing the site.
    assert not result.site.exists() or not any(result.site.iterdir()), sorted(result.site.iterdir())


def test_links_and_control_characters_stop_the_build_naming_them(broken):
    """A link in docs/ or includes/ (out of the repository or not) and a NUL in a page: each a
    line, before anything reads them, nothing written."""
    result = broken["inputs"]
    assert result.returncode != 0
    assert sorted(error_lines(result.stderr)) == sorted(INPUT_ERRORS), result.stderr
    assert "root:" not in result.stderr and "Traceback" not in result.stderr
    assert not result.site.exists() or not any(result.site.iterdir())


def test_an_unexplained_difference_from_the_source_is_a_build_error_naming_it(tmp_path):
    """The collation is read in the glue's on_config too (in process here: MkDocs' own config
    loading and plugin events, on a copy whose source/ has one character changed): it stops the
    build as one error naming the source file, line and column, not as a traceback."""
    project = copy_project(tmp_path / "project")
    replace_in(project / collation.SOURCE, "三会一课", "三会二课")
    config = load_config(str(project / "mkdocs.yml"))
    with pytest.raises(PluginError, match=rf"^{collation.SOURCE}: line 20, column \d+: the source has “二课"):
        config.plugins.on_config(config)


def test_mkdocs_checks_links_anchors_and_the_navigation_in_a_strict_build():
    """mkdocs.yml as MkDocs reads it: strict, and each of its checks of links, anchors and the
    navigation a warning, which a strict build counts against it (MkDocs aborts it at the end)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.strict is True
    checks = {"links": ("not_found", "anchors", "absolute_links", "unrecognized_links"),
              "nav": ("not_found", "omitted_files", "absolute_links")}
    for kind, names in checks.items():
        for name in names:
            assert getattr(config.validation[kind], name) >= logging.WARNING, f"validation.{kind}.{name}"


def test_broken_links_are_each_a_warning_of_the_build(broken):
    """Each broken navigation entry, link and anchor is a warning naming it. (This copy fails for
    its scripts too, in on_post_build, before MkDocs counts the warnings.)"""
    result = broken["links and scripts"]
    assert result.returncode != 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    for named in (("fulu.md",), ("index.md", "bianji-missing.md"), ("bianji.md", "yiyi-99")):
        assert [w for w in warnings if all(n in w for n in named)], f"{named} not in a warning:\n{result.stderr}"


def test_a_script_not_from_our_templates_or_markup_the_policy_would_block_fails_the_build(broken):
    result = broken["links and scripts"]
    assert result.returncode != 0
    errors = error_lines(result.stderr)
    assert [e for e in errors if e.startswith("extra.html (not rendered by our templates") and "'alert(1)'" in e], errors
    blocked = [e for e in errors if "would break under the site's Content-Security-Policy" in e]
    assert len(blocked) == 1 and "inline event handler" in blocked[0], errors
    # Every page the template made is named, the 404 page among them.
    pages = blocked[0].split(" would break")[0].split(", ")
    assert {"404.html", "index.html", "yiyi.html"} <= set(pages), blocked
    assert "Traceback" not in result.stderr
    # No policy left behind that would trust the script, and no server configs.
    assert not (result.site / "_headers").exists() and not (result.site.parent / "deploy").exists()
