"""The archive site: its pages, their order and titles, URLs and ids, the 404 page."""

import re
import urllib.error
import urllib.request

import pytest

from conftest import parsed_page
from fidelity import speech_blocks
from speech.search.index import read_docs_file

SPEECH_TITLE = "在市城管局系统基层党务干部培训班开班仪式上的动员讲话"
NAV = [  # (label in the navigation, built file, the page's h1)
    ("首页", "index.html", SPEECH_TITLE),
    ("一、培训的意义", "yiyi.html", "一、培训的意义"),
    ("二、培训的目的", "mudi.html", "二、培训的目的"),
    ("三、培训的基本要求", "yaoqiu.html", "三、培训的基本要求"),
    ("全文", "quanwen.html", SPEECH_TITLE),
    ("我的笔记", "biji.html", "我的笔记"),
    ("术语", "shuyu.html", "术语"),
    ("编辑说明", "bianji.html", "编辑说明"),
    ("对照原文", "duizhao.html", "对照原文"),
    ("无障碍说明", "wuzhangai.html", "无障碍说明"),
]


def soup(site, name):
    return parsed_page(site / name)


def test_navigation_lists_the_pages_in_order(site):
    nav = soup(site, "index.html").select_one("nav.md-nav--primary")
    links = [(a.get_text(" ", strip=True), a["href"]) for a in nav.select("a.md-nav__link")
             if not a["href"].startswith("#")]
    assert [label for label, _ in links] == [label for label, _, _ in NAV]
    assert [href.split("#")[0] for _, href in links] == [f for _, f, _ in NAV]


@pytest.mark.parametrize("label,name,heading", NAV)
def test_page_has_its_title_language_and_heading(site, label, name, heading):
    page = soup(site, name)
    assert page.html["lang"] == "zh"
    assert page.title.get_text().startswith(label)
    h1 = page.select("article h1")
    assert len(h1) == 1, f"{name}: one h1 expected, found {len(h1)}"
    assert h1[0].get_text().replace("¶", "").strip() == heading


def test_previous_and_next_links_follow_the_navigation(site):
    for i, (_, name, _) in enumerate(NAV):
        footer = soup(site, name).select_one("nav.md-footer__inner")
        prev = footer.select_one("a.md-footer__link--prev")
        nxt = footer.select_one("a.md-footer__link--next")
        assert (prev["href"] if prev else None) == (NAV[i - 1][1] if i > 0 else None), name
        assert (nxt["href"] if nxt else None) == (NAV[i + 1][1] if i + 1 < len(NAV) else None), name


def test_urls_and_ids_are_fixed_ascii(site):
    for page in site.glob("*.html"):
        assert re.fullmatch(r"[a-z0-9]+\.html", page.name)
        for element in soup(site, page.name).select("article [id]"):
            assert re.fullmatch(r"[A-Za-z][-A-Za-z0-9:_]*", element["id"]), f"{page.name}: id {element['id']!r}"
            assert not re.fullmatch(r"_\d+", element["id"])


def test_whole_speech_page_has_the_sections_as_h2_and_is_not_searched(site):
    page = soup(site, "quanwen.html")
    assert [h.get("id") for h in page.select("article h2.speech")] == ["yiyi", "mudi", "yaoqiu"]
    assert dict(speech_blocks(str(page)))["yaoqiu-5"] == "我的话讲完了。谢谢各位！"
    index = read_docs_file(site / "search" / "search_docs.js")
    assert not [doc for doc in index["docs"] if doc["location"].startswith("quanwen.html")]


def test_home_page_has_provenance_opening_and_contents(site):
    page = soup(site, "index.html")
    provenance = page.select_one(".provenance").get_text()
    for fact in ("2022", "开班仪式", "来源", "编辑说明"):
        assert fact in provenance
    assert dict(speech_blocks(str(page)))["kaichang-1"].endswith("我讲三个问题：")
    hrefs = [a["href"].split("#")[0] for a in page.select("article a[href]")]
    for target in ("yiyi.html", "mudi.html", "yaoqiu.html", "quanwen.html", "bianji.html"):
        assert target in hrefs


def test_404_page_is_chinese_and_leads_home(base_url, page):
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base_url + "no-such-page.html")
    assert missing.value.code == 404
    page.goto(base_url + "no-such-page.html")
    assert "页面不存在" in page.locator("article h1").inner_text()
    page.locator("article a", has_text="首页").click()
    page.wait_for_load_state()
    assert page.locator("h1#biaoti").inner_text().startswith(SPEECH_TITLE)
