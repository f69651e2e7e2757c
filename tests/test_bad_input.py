"""Bad input fails the strict build with a message that names the file."""

import shutil

import pytest

from conftest import ROOT, build_site


@pytest.fixture
def project(tmp_path):
    for part in ("mkdocs.yml", "docs", "hooks", "overrides", "includes"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part)
        elif source.exists():
            shutil.copy(source, tmp_path / part)
    return tmp_path


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


def test_malformed_front_matter(project, tmp_path):
    replace_in(project / "docs" / "mudi.md", "title: 二、培训的目的", "title: [二、培训的目的")
    assert_build_fails_naming(project, tmp_path, "mudi.md", "front matter")


def test_missing_included_section(project, tmp_path):
    (project / "docs" / "yaoqiu.md").unlink()
    assert_build_fails_naming(project, tmp_path, "yaoqiu.md")
