"""The site's scripts as the build joins them from parts (speech/plugin/scripts.py), and the
reader's settings they read (speech/plugin/reader_settings.py)."""

import json
from pathlib import Path

from bs4 import BeautifulSoup

from speech.plugin.reader_settings import ZIHAO, reader_settings
from speech.plugin.scripts import BUNDLES, FOLDER

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / FOLDER


def test_every_part_on_disk_is_in_its_bundle_once_and_every_listed_part_exists():
    """A part left out of the list would silently not ship."""
    for name, bundle in BUNDLES.items():
        folder = SCRIPTS / Path(bundle.parts[0]).parent
        on_disk = sorted(p.relative_to(SCRIPTS).as_posix() for p in folder.glob("*.js"))
        assert sorted(bundle.parts) == on_disk, name
        assert not (SCRIPTS / name).exists(), f"{name} is built from its parts; a copy in docs/ would be shadowed"


def test_a_page_asks_for_one_page_script_and_the_parts_are_not_shipped(site):
    page = BeautifulSoup((site / "yiyi.html").read_text(encoding="utf-8"), "html.parser")
    sources = [s["src"] for s in page.select("script[src]") if "javascripts/" in s["src"]]
    assert [s for s in sources if "page" in s] == ["assets/javascripts/page.min.js"]
    for bundle in BUNDLES.values():
        assert not (site / FOLDER / Path(bundle.parts[0]).parent).exists()


def test_the_pages_carry_the_settings_and_the_zihao_buttons_from_one_place(site):
    page = BeautifulSoup((site / "yiyi.html").read_text(encoding="utf-8"), "html.parser")
    assert json.loads(page.select_one("script#reader-settings").string) == reader_settings()
    assert [(b["data-zihao"], b.get_text()) for b in page.select(".zihao__option")] == list(ZIHAO)
