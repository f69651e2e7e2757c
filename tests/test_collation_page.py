"""The 对照原文 page (duizhao.html) and the edition version on 编辑说明, as built.

The contract of the page: inside .collation, the text with <del> kept and <ins> and editorial marks
dropped is source/ (white space aside); with <ins> kept and <del> and editorial marks dropped it
is the edition as the oracle (tests/oracle.py) derives it from source/ under the four rules.
"""

import re

import pytest
from bs4 import BeautifulSoup

import oracle
import speech
from conftest import ROOT, parsed_page
from speech.search.index import read_docs_file

EDITION = oracle.edition()
EXPECTED_BLOCKS = EDITION.home_blocks() + [b for section in EDITION.sections for b in section.blocks()]


def soup(site, name):
    """The built page, parsed once for the session (copied before anything takes parts out)."""
    return parsed_page(site / name)


def collation(site):
    found = soup(site, "duizhao.html").select("article .collation")
    assert len(found) == 1, "duizhao.html: one element with class collation expected"
    return found[0]


def reading(element, keep: str, drop: str) -> BeautifulSoup:
    """A copy of element with the `drop` elements and every editorial mark taken out; `keep` stays."""
    copy = BeautifulSoup(str(element), "html.parser")
    for mark in copy.select(f"{drop}, .editorial"):
        mark.decompose()
    assert copy.select(keep) or keep == "ins", f"nothing left to keep ({keep})"
    return copy


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reading_the_deletions_gives_the_source(site):
    source = reading(collation(site), keep="del", drop="ins")
    assert squeeze(source.get_text()) == squeeze(oracle.source_text())


def test_reading_the_insertions_gives_the_edition(site):
    text = reading(collation(site), keep="ins", drop="del")
    assert squeeze(text.get_text()) == squeeze("".join(t for _, t in EXPECTED_BLOCKS))
    # Block by block too: each block of the edition once, in order, with its own text.
    blocks = [(p["id"].removeprefix("dz-"), p.get_text()) for p in text.select("p[id^=dz-]")]
    assert blocks == EXPECTED_BLOCKS


def drop_an_insertion(view):
    view.select_one("ins").decompose()                     # a change shown as if there were none


def drop_a_deletion(view):
    view.select_one("del:not(.linebreak)").decompose()     # a source character lost


def hide_an_insertion_as_editorial(view):
    view.select_one("ins").wrap(view.new_tag("span", attrs={"class": "editorial"}))


@pytest.mark.parametrize("tamper,broken", [(drop_an_insertion, "edition"), (drop_a_deletion, "source"),
                                           (hide_an_insertion_as_editorial, "edition")])
def test_the_contract_bites(site, tamper, broken):
    """Each reading fails when the page misstates one change (so the two tests above can fail)."""
    view = BeautifulSoup(str(collation(site)), "html.parser")
    tamper(view)
    source = squeeze(reading(view, keep="del", drop="ins").get_text())
    text = squeeze(reading(view, keep="ins", drop="del").get_text())
    assert (source == squeeze(oracle.source_text())) == (broken != "source")
    assert (text == squeeze("".join(t for _, t in EXPECTED_BLOCKS))) == (broken != "edition")


def test_changes_are_marked_where_they_are(site):
    view = collation(site)
    pairs = [(d.get_text(), d.find_next_sibling().get_text()) for d in view.select("del:not(.linebreak)")
             if d.find_next_sibling() is not None and d.find_next_sibling().name == "ins"]
    assert len(pairs) == 98 + 12 + 10 + 8 + 1 == len(view.select("del:not(.linebreak)")) - 2
    assert all(half != full and half.translate(oracle.FULL_WIDTH) == full for half, full in pairs)
    assert len(view.select("del.linebreak")) == 12
    header, footer = view.select_one(".collation-header del"), view.select_one(".collation-footer del")
    assert (header.get_text(), footer.get_text()) == (EDITION.header, EDITION.footer)
    notes = [a["href"] for a in view.select("sup.collation-note.editorial a")]
    assert notes == ["yiyi.html#fn:shishi", "yiyi.html#fn:xingshi", "mudi.html#fn:shenglue", "yaoqiu.html#fn:luxun"]
    for href in notes:
        page, anchor = href.split("#")
        assert soup(site, page).find(id=anchor), href


def test_page_is_not_searched(site):
    page = soup(site, "duizhao.html")
    index = read_docs_file(site / "search" / "search_docs.js")
    assert not [doc for doc in index["docs"] if doc["location"].startswith("duizhao.html")]
    assert page.select_one('meta[name="description"]')["content"]


def summary_counts(site) -> dict[str, int]:
    """改动 → 处数; a change of mark keyed by its two marks, "," → "，" as ",→，"."""
    counts = {}
    for row in soup(site, "duizhao.html").select("article .collation-summary table tbody tr"):
        what, count = row.select("td")[:2]
        marks = [code.get_text() for code in what.select("code")]
        counts["→".join(marks) if marks else what.get_text()] = int(count.get_text())
    return counts


def test_summary_names_each_change_of_mark_and_labels_blocks_in_chinese(site):
    page = soup(site, "duizhao.html")
    cells = [row.select("td")[0].get_text() for row in page.select("article .collation-summary tbody tr")]
    assert "半角逗号 , → 全角逗号 ，" in cells and "半角分号 ; → 全角分号 ；" in cells
    labels = [a.get_text() for a in page.select("article .collation a.collation-label")]
    assert labels[:3] == ["标题", "开场白", "一、培训的意义"] and "二、第 4 段" in labels


def test_summary_states_the_counts_that_the_edition_notes_state(site):
    counts = summary_counts(site)
    notes = (site / "bianji.html").read_text(encoding="utf-8")
    stated = {f"{half}→{full}": int(n)
              for half, full, n in re.findall(r"<code>(.)</code>→<code>(.)</code>（(\d+) 处）", notes)}
    assert stated and {k: v for k, v in counts.items() if "→" in k} == stated
    rejoined = re.search(r"全部 (\d+) 个分号之后都断了行", notes)
    assert counts["接回分号后的断行"] == int(rejoined.group(1)) == 12
    assert counts["删去网页页首"] == counts["删去网页页尾"] == 1
    slips = soup(site, "bianji.html").select("#yiwu ~ table tbody tr")
    assert counts["疑误加编者注，不改字"] == len(slips) == 4


def test_summary_links_each_noted_slip_to_its_paragraph(site):
    page = soup(site, "duizhao.html")
    listed = [li.select("a")[0]["href"] for li in page.select("article ul.collation-slips li")]
    stated = [tr.select_one("a")["href"] for tr in soup(site, "bianji.html").select("#yiwu ~ table tbody tr")]
    assert listed == stated == ["yiyi.html#yiyi-2", "yiyi.html#yiyi-3", "mudi.html#mudi-2", "yaoqiu.html#yaoqiu-4"]
    for li in page.select("article ul.collation-slips li"):
        assert page.find(id=li.select("a")[-1]["href"].lstrip("#")), "the link into the collation has no target"


def test_edition_version_is_shown_on_the_edition_notes_and_the_collation(site):
    version = speech.load(ROOT / "docs").version
    shown = soup(site, "bianji.html").select("article code.edition-version")
    assert [code.get_text() for code in shown] == [version]
    assert re.fullmatch(r"[0-9a-f]{8}", version)
    assert version in soup(site, "duizhao.html").select_one("article .collation-summary table ~ p").get_text()


def test_collation_page_renders_without_errors_and_shows_the_marks(page, base_url):
    page.goto(base_url + "duizhao.html")
    styles = page.evaluate("""() => {
        const del = document.querySelector('.collation del:not(.linebreak)');
        const ins = document.querySelector('.collation ins');
        const br = document.querySelector('.collation del.linebreak');
        return [getComputedStyle(del).textDecorationLine, getComputedStyle(del).color,
                getComputedStyle(ins).color, getComputedStyle(br, '::before').content];
    }""")
    assert page.errors == [] and page.console_errors == []
    assert styles[0] == "line-through" and styles[1] != styles[2]
    assert styles[3] == '"↵"'
