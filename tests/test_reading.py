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


# The reading surface: Chinese typesetting, one 字号 scale, the desktop article ------------------
# Measured in Chromium from the boxes of the characters (Range.getClientRects, one a character).

WIDTHS = (320, 360, 390, 414, 768, 1024, 1280)
ZIHAO = ("", "da", "chaoda", "teda")            # 默认, 大, 超大, 特大
NO_LINE_START = "。，、；：？！）”"
NO_LINE_END = "（“"

# Each speech paragraph's lines: their text, and how far justification stretched them, in em of the
# text: an ideograph's advance is 1 em, and the space justification adds goes into its box. The
# median over a line's ideographs (a box beside a quotation mark the font sets half-width holds
# that mark's other half too).
SPEECH_LINES = """() => [...document.querySelectorAll("article p.speech")].map(p => {
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest(".editorial") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT })
  const lines = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize)
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange()
      range.setStart(node, i); range.setEnd(node, i + 1)
      const box = range.getClientRects()[0]
      if (!box || !box.width) continue
      let line = lines.find(l => Math.abs(l.middle - (box.top + box.height / 2)) < size / 2)
      if (!line) lines.push(line = { middle: box.top + box.height / 2, text: "", widths: [] })
      line.text += node.data[i]
      if (/[\\u3400-\\u9fff]/.test(node.data[i])) line.widths.push(box.width / size - 1)
    }
  }
  return lines.sort((a, b) => a.middle - b.middle).map(line => {
    const widths = line.widths.sort((a, b) => a - b)
    return { text: line.text, stretch: widths[Math.floor(widths.length / 2)] || 0 }
  })
})"""


def choose_zihao(page, zihao: str) -> None:
    """With the page's own button, from script (a click by the mouse would scroll)."""
    page.evaluate("z => document.querySelector(`.zihao__option[data-zihao='${z}']`).click()", zihao)
    assert page.evaluate("document.documentElement.getAttribute('data-zihao') || ''") == zihao


def each_state(page, zihaos=ZIHAO, widths=WIDTHS):
    for zihao in zihaos:
        choose_zihao(page, zihao)
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            yield f"{width} px, 字号 {zihao or '默认'}"


@pytest.mark.parametrize("name", ["yiyi.html", "mudi.html", "yaoqiu.html"])
def test_speech_breaks_by_the_punctuation_rules_and_no_line_is_stretched(page, base_url, name):
    """Every line but a paragraph's last, at every width and 字号: no more than 0.25 em added
    between characters; no line starts with 。，、；：？！）” or ends with （“."""
    page.goto(base_url + name)
    for state in each_state(page):
        for paragraph in page.evaluate(SPEECH_LINES):
            for line in paragraph[:-1]:
                assert line["stretch"] <= 0.25, f"{name}, {state}: {line['stretch']:.2f} em in “{line['text']}”"
            for line in paragraph:
                assert line["text"][0] not in NO_LINE_START, f"{name}, {state}: a line starts “{line['text']}”"
                assert line["text"][-1] not in NO_LINE_END, f"{name}, {state}: a line ends “{line['text']}”"


# The lines a short label is set on (the distinct tops of its text's boxes), with its text.
LABEL_LINES = """() => [...document.querySelectorAll("article a.short-label")].map(a => {
  const range = document.createRange()
  range.selectNodeContents(a)
  return [a.textContent, new Set([...range.getClientRects()].filter(b => b.width).map(b => Math.round(b.top))).size]
})"""


@pytest.mark.parametrize("name", ["index.html", "shuyu.html", "bianji.html"])
def test_short_labels_are_never_split(page, base_url, name):
    page.goto(base_url + name)
    labels = page.evaluate(LABEL_LINES)
    assert labels, f"{name}: no short label"
    for state in each_state(page, widths=(320, 360, 414)):
        split = [text for text, lines in page.evaluate(LABEL_LINES) if lines != 1]
        assert not split, f"{name}, {state}: split labels {split}"


def test_short_labels_are_the_links_of_up_to_eight_characters(site):
    for name in PAGES:
        # The links the editors wrote and the generated ones; the templates' own (meta line,
        # tool row) and the marks with a class of their own (¶, a note's number) are no labels.
        for link in soup(site, name).select("article a[href]:not(.article-meta a, .tool-row a)"):
            classes = set(link.get("class", [])) - {"short-label"}
            short = not classes and 1 < len(link.get_text().strip()) <= 8
            assert ("short-label" in link.get("class", [])) == short, f"{name}: {link}"


# The lines a footer's page names stand on: each name's characters grouped by the top of their box.
FOOTER_NAME_LINES = """() => [...document.querySelectorAll(".md-footer__title .md-ellipsis")]
  .filter(name => name.getClientRects().length).map(name => {
    const text = [...name.childNodes].find(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim())
    const lines = new Map()
    for (let i = 0; i < text.length; i++) {
      if (!text.data[i].trim()) continue
      const range = document.createRange()
      range.setStart(text, i)
      range.setEnd(text, i + 1)
      const top = Math.round(range.getBoundingClientRect().top)
      lines.set(top, (lines.get(top) || "") + text.data[i])
    }
    return [...lines.values()]
  })"""


@pytest.mark.parametrize("name", ["mudi.html", "quanwen.html"])
def test_the_footers_page_names_break_only_as_titles_do(page, base_url, name):
    """At any width and 字号 a page's name in the footer stands whole, or breaks after its 、."""
    page.goto(base_url + name)
    for state in each_state(page, zihaos=("", "teda")):
        for lines in page.evaluate(FOOTER_NAME_LINES):
            assert all(line.endswith("、") for line in lines[:-1]), f"{name}, {state}: {' / '.join(lines)}"


# Computed font sizes of the reading surface's parts (px), on the page it is looked at.
PART_SIZES = """() => {
  const size = selector => { const e = document.querySelector(selector); return e && parseFloat(getComputedStyle(e).fontSize) }
  return { title: size(".md-content article h1"), body: size(".md-content article :is(p.speech, h1 ~ p:not(.article-meta, .print-only))"),
           notes: size(".footnote li"), table: size(".md-content article td"), meta: size(".article-meta"), tools: size(".tool-row"),
           outline: size(".outline li"), cite: size(".cite-page p"),
           search: size(".md-search-result__meta") * document.querySelector(".md-search-result__meta").currentCSSZoom }
}"""


@pytest.mark.parametrize("name", ["index.html", "yiyi.html", "shuyu.html"])
def test_zihao_scales_every_part_in_proportion_and_the_title_leads(page, base_url, name):
    """特大 is twice 默认 for every part at every width, but on phones the meta line and the tool
    row, which stop at 150 % (the first screen keeps room for the speech); the title is at least
    1.15 × the text."""
    page.goto(base_url + name)
    page.evaluate("document.querySelector('.md-search__input').value = '党建'; "
                  "document.querySelector('.md-search__input').dispatchEvent(new Event('input'))")
    until(page, "document.querySelector('.md-search-result__meta') !== null", "no search result")
    for width in (320, 414, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        sizes = {}
        for zihao in ("", "teda"):
            choose_zihao(page, zihao)
            sizes[zihao] = page.evaluate(PART_SIZES)
            assert sizes[zihao]["title"] >= 1.15 * sizes[zihao]["body"], (name, width, zihao, sizes[zihao])
        for part, default in sizes[""].items():
            if default and part != "title":
                factor = 1.5 if part in ("meta", "tools") and width < 720 else 2
                assert sizes["teda"][part] == pytest.approx(factor * default, rel=0.01), (name, width, part, sizes)


def test_the_speech_and_its_notes_in_one_serif_the_interface_in_one_sans(page, base_url):
    page.goto(base_url + "yiyi.html")
    family = "s => getComputedStyle(document.querySelector(s)).fontFamily"
    serif = page.evaluate(family, "article p.speech")
    for text in ("article h1", ".footnote li", ".cite-page p", ".cite-page h2"):
        assert page.evaluate(family, text) == serif, text
    sans = page.evaluate(family, ".md-header__title")
    assert sans != serif
    for control in (".tool-row", ".zihao__option", ".print-button", ".md-tabs__link"):
        assert page.evaluate(family, control) == sans, control


# The text column of the speech: its characters per line (the longest line of each paragraph but
# its last), the column's and the title's centres, and what stands beside it.
COLUMN = """() => {
  const middle = e => { const r = e.getBoundingClientRect(); return r.left + r.width / 2 }
  const shown = s => { const e = document.querySelector(s), r = e && e.getBoundingClientRect()
    return !!e && r.width > 0 && r.right > 0 && r.left < innerWidth && getComputedStyle(e).display !== "none" }
  const walker = document.createTreeWalker(document.querySelector("article h1"), NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest(".headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT })
  const titleBoxes = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange()
    range.selectNodeContents(node)
    titleBoxes.push(...range.getClientRects())
  }
  const meta = document.querySelector(".article-meta")
  return { column: middle(document.querySelector("article")), window: innerWidth / 2,
           title: (Math.min(...titleBoxes.map(b => b.left)) + Math.max(...titleBoxes.map(b => b.right))) / 2,
           meta: meta && middle(meta), navColumn: shown(".md-sidebar--primary"),
           tabs: shown(".md-tabs"), table: document.querySelector("article table")?.getBoundingClientRect().width,
           text: document.querySelector("article").getBoundingClientRect().width
             - parseFloat(getComputedStyle(document.querySelector("article")).paddingLeft)
             - parseFloat(getComputedStyle(document.querySelector("article")).paddingRight) }
}"""


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_desktop_sets_an_article_column_of_30_to_40_characters(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "mudi.html")
    per_line = [max(len(re.sub(r"[^\u3400-\u9fff]", "", line["text"])) for line in paragraph[:-1])
                for paragraph in page.evaluate(SPEECH_LINES) if len(paragraph) > 1]
    assert 30 <= max(per_line) <= 40, per_line
    layout = page.evaluate(COLUMN)
    assert layout["column"] == pytest.approx(layout["window"], abs=2), layout      # centred on the page
    assert layout["title"] == pytest.approx(layout["column"], abs=2), layout
    assert layout["meta"] == pytest.approx(layout["column"], abs=2), layout
    assert not layout["navColumn"], "a navigation column beside the text"
    assert layout["tabs"] or width < 1220, "the pages are reachable from the header's tabs"


def test_the_terms_table_is_as_wide_as_the_text(page, base_url):
    page.goto(base_url + "shuyu.html")
    layout = page.evaluate(COLUMN)
    assert layout["table"] == pytest.approx(layout["text"], abs=1), layout


def test_only_the_speechs_pages_carry_its_meta_line(site):
    for name in PAGES:
        page = soup(site, name)
        printable = bool(page.select(".print-button"))          # the speech's pages print
        assert bool(page.select(".article-meta")) == printable, name


def test_note_marks_have_a_24_px_target_and_leave_the_line_alone(page, base_url):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base_url + "yiyi.html")
    mark = page.locator(".footnote-ref").first
    mark.scroll_into_view_if_needed()
    hits = mark.evaluate("""a => { const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2
      return [[-11.5, -11.5], [11.5, -11.5], [-11.5, 11.5], [11.5, 11.5]].map(([dx, dy]) => a.contains(document.elementFromPoint(x + dx, y + dy))) }""")
    assert all(hits), hits
    # The line holding the mark is as high as the paragraph's other lines.
    lines = mark.evaluate("""a => { const p = a.closest("p"), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), bottoms = new Set()
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("sup")) continue
        const range = document.createRange(); range.selectNodeContents(node)
        for (const box of range.getClientRects()) bottoms.add(Math.round(box.bottom))
      }
      return [...bottoms].sort((x, y) => x - y) }""")
    pitches = {b - a for a, b in zip(lines, lines[1:])}
    assert max(pitches) - min(pitches) <= 1, lines


@pytest.mark.parametrize("width", [320, 360, 414])
def test_the_phone_header_holds_the_whole_site_name_and_the_palette_toggle(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "yiyi.html")
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.parentElement.clientHeight")
    toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
    assert toggle.is_visible()
    toggle.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    context.close()
