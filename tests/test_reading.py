"""Reading and citing: paragraph permalinks, glossary, outline, lead sentences, meta, mobile."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

import oracle
import speech.edition.model
from browser_wait import until
from conftest import PAGES, PUBLISHED, ROOT
from fidelity import block_text, speech_blocks
from speech.edition.glossary import load as load_glossary

EDITION = oracle.edition()
SPEECH_PAGES = [name.replace(".md", ".html") for name in (speech.edition.model.HOME, *speech.edition.model.SECTION_FILES)]
GLOSSARY = load_glossary(ROOT / "includes" / "glossary.md")

# Citations in the wild point at these ids: they must never move. (id: how the paragraph starts)
PINNED_IDS = {
    "biaoti": "在市城管局", "kaichang-1": "这次党务工作",
    "yiyi": "一、培训的意义", "yiyi-1": "为什么办这个班", "yiyi-2": "一是提高整个", "yiyi-3": "二是促进整个",
    "yiyi-4": "三是切实解决", "yiyi-5": "四是增强党务",
    "mudi": "二、培训的目的", "mudi-1": "我觉得这个", "mudi-2": "一是单位的", "mudi-3": "二是党建工作的载体",
    "mudi-4": "三是制度机制", "mudi-5": "上述三个问题",
    "yaoqiu": "三、培训的基本要求", "yaoqiu-1": "我跟你们做", "yaoqiu-2": "一要坚持问题导向", "yaoqiu-3": "二要坚持深入",
    "yaoqiu-4": "三要坚持学用", "yaoqiu-5": "我的话讲完了",
}


def soup(site, name):
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_pinned_paragraph_ids(site):
    found = {}
    for name in SPEECH_PAGES:
        found.update(speech_blocks((site / name).read_text(encoding="utf-8")))
    assert set(found) == set(PINNED_IDS)
    for block_id, start in PINNED_IDS.items():
        assert found[block_id].startswith(start), block_id
    whole = dict(speech_blocks((site / "quanwen.html").read_text(encoding="utf-8")))
    assert set(whole) == set(PINNED_IDS)


def test_every_speech_paragraph_has_one_permalink_with_a_citation(site):
    for name in SPEECH_PAGES + ["quanwen.html"]:
        for p in soup(site, name).select("article p.speech"):
            links = p.select("a.para-link")
            assert len(links) == 1, f"{name} #{p['id']}"
            assert links[0]["href"] == f"#{p['id']}"
            # GB/T 7714-2015, electronic resource; the page script adds [date]. URL#id.
            assert links[0]["data-cite"] == f"佚名. {EDITION.title}[EB/OL]. (2022)"
            label = links[0]["aria-label"]
            if not p["id"].startswith("kaichang"):
                section = next(s for s in EDITION.sections if p["id"].startswith(s.slug + "-"))
                assert label.startswith(f"{section.heading}第 {p['id'].rsplit('-', 1)[1]} 段"), label


def test_permalink_shows_on_hover_and_focus_and_copies_a_citation(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Shanghai")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(base_url + "mudi.html")
    mark = page.locator("#mudi-4 a.para-link")
    shown = "getComputedStyle(document.querySelector('#mudi-4 a.para-link')).opacity === '1'"
    assert float(mark.evaluate("e => getComputedStyle(e).opacity")) == 0
    page.locator("#mudi-4").hover()
    until(page, shown, "¶ not shown on hover")          # it fades in (125 ms)
    page.mouse.move(0, 0)
    until(page, shown.replace("'1'", "'0'"), "¶ still shown once the pointer has left")
    mark.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    until(page, shown, "¶ not shown on keyboard focus")
    page.keyboard.press("Enter")
    until(page, "document.querySelector('[data-md-component=dialog]').innerText.includes('复制')",
          "no word of the copy in the status line")
    copied = page.evaluate("navigator.clipboard.readText()")
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()   # the reader's today
    assert copied == f"佚名. {EDITION.title}[EB/OL]. (2022)[{today}]. {base_url}mudi.html#mudi-4."
    assert page.url.endswith("mudi.html#mudi-4")
    assert "已复制引用" in page.locator("[data-md-component=dialog]").inner_text()
    context.close()


@pytest.mark.parametrize("name", SPEECH_PAGES + ["quanwen.html"])
def test_every_occurrence_of_a_glossary_term_is_marked(site, name):
    page = soup(site, name)
    for p in page.select("article p.speech"):
        text = block_text(p)
        # Longest terms first, each occurrence counted once (三会一课 is not also counted as a shorter term).
        expected = []
        rest = text
        for term in sorted(GLOSSARY, key=len, reverse=True):
            expected += [term] * rest.count(term)
            rest = rest.replace(term, "\0")
        marked = [abbr.get_text() for abbr in p.select("abbr.term")]
        assert sorted(marked) == sorted(expected), f"{name} #{p['id']}"
        for abbr in p.select("abbr.term"):
            assert abbr["title"] == GLOSSARY[abbr.get_text()]


def test_terms_page_lists_every_term_and_where_it_occurs(site):
    rows = soup(site, "shuyu.html").select("article table tbody tr")
    assert [r.select("td")[0].get_text() for r in rows] == list(GLOSSARY)
    blocks = [(name, block_id, text) for name in SPEECH_PAGES
              for block_id, text in speech_blocks((site / name).read_text(encoding="utf-8"))]
    for row in rows:
        term = row.select("td")[0].get_text()
        links = [a["href"] for a in row.select("td")[2].select("a")]
        expected = [f"{name}#{block_id}" for name, block_id, text in blocks
                    if term in text and block_id[-1].isdigit()]
        assert links == expected, term


def test_home_page_outline_links_every_point_by_its_lead_sentence(site):
    outline = soup(site, "index.html").select_one("article nav.outline")
    parts = outline.select(":scope > ol > li")
    assert [li.select_one("a")["href"] for li in parts] == ["yiyi.html#yiyi", "mudi.html#mudi", "yaoqiu.html#yaoqiu"]
    assert [li.select_one(".outline-count").get_text() for li in parts] == ["四点理由", "三个问题", "三个基本要求"]
    assert [len(li.select("ul > li")) for li in parts] == [4, 3, 3]
    for link in outline.select("ul a"):
        name, block_id = link["href"].split("#")
        paragraph = dict(speech_blocks((site / name).read_text(encoding="utf-8")))[block_id]
        assert paragraph.startswith(link.get_text()) and link.get_text().endswith("。")


@pytest.mark.parametrize("name", PAGES + ["404.html"])
def test_meta_description_and_open_graph(site, name):
    page = soup(site, name)
    description = page.select_one('meta[name="description"]')["content"]
    assert len(description) >= 20
    assert page.select_one('meta[property="og:description"]')["content"] == description
    assert page.select_one('meta[property="og:title"]')["content"]
    assert page.select_one('meta[property="og:locale"]')["content"] == "zh_CN"


def test_published_build_has_sitemap_and_canonical_urls(published_site):
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(locations) == sorted(f"{PUBLISHED}{name}" for name in PAGES)
    yiyi = soup(published_site, "yiyi.html")
    assert yiyi.select_one('meta[property="og:url"]')["content"] == "https://example.org/jianghua/yiyi.html"
    assert yiyi.select_one('link[rel="canonical"]')["href"] == "https://example.org/jianghua/yiyi.html"
