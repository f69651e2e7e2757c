"""A Chinese publication on the screen: the title set where the editors let it break, headings
whole (the body text breaks between any two characters, terms too: tests/test_reading.py), no
one-character last lines, an article page (title, meta line, one tool row), and the
glossary card clear of the way on. Measured in Chromium from the boxes of the characters."""

import re
import shutil

import pytest

import speech
from browser_wait import until
from conftest import PAGES, ROOT

MODEL = speech.load(ROOT / "docs")
WIDTHS = (360, 390, 768, 1280)
ZIHAO = ("", "da", "chaoda")                  # 默认, 大, 超大
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

# The lines an element's text is set in, from the boxes of its characters: [(top, text), …].
# Characters inside .editorial (¶, note numbers) are not the text.
LINES = """(selector) => [...document.querySelectorAll(selector)].map(el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('.editorial') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT })
  const lines = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\\s/.test(node.data[i])) continue
      const range = document.createRange()
      range.setStart(node, i); range.setEnd(node, i + 1)
      const box = range.getClientRects()[0]
      if (!box) continue
      const last = lines[lines.length - 1]
      if (last && Math.abs(box.top - last.top) < box.height / 2) last.text += node.data[i]
      else lines.push({ top: box.top, text: node.data[i] })
    }
  }
  return lines.map(line => line.text)
})"""


def set_zihao(page, zihao: str) -> None:
    """Choose a 字号 with the page's own button (page.js: it sets the data-zihao attribute on
    <html>, which is all screen.css scales the text by, and marks the button pressed; no script
    lays the page out by the window's width). So one loaded page shows every 字号 and, resized,
    every width, set by the same CSS as a page loaded at it; loading at a saved 字号 is
    tests/test_reader_aids.py's. Clicked from script: a click by the mouse would scroll."""
    page.evaluate("z => document.querySelector(`.zihao__option[data-zihao='${z}']`).click()", zihao)
    assert page.evaluate("document.documentElement.getAttribute('data-zihao') || ''") == zihao


def states(page, zihaos, widths=WIDTHS, height=900):
    """Each 字号 at each width on the loaded page, in turn: yields how a failure names the state."""
    for zihao in zihaos:
        set_zihao(page, zihao)
        for width in widths:
            page.set_viewport_size({"width": width, "height": height})
            yield f"at {width} px, 字号 {zihao or '默认'}"


# The model -------------------------------------------------------------------------------------

def lengths(lines) -> list[int]:
    return [len(line) for line in lines]


def is_trapezoid_or_diamond(lines) -> bool:
    """梯形: the lines grow or shrink one way; 菱形: they grow, then shrink."""
    sizes = lengths(lines)
    peak = sizes.index(max(sizes))
    return all(a <= b for a, b in zip(sizes[:peak], sizes[1:peak + 1])) and \
        all(a >= b for a, b in zip(sizes[peak:], sizes[peak + 1:])) or sizes == sorted(sizes, reverse=True)


def test_title_phrases_are_the_title_and_break_between_words():
    assert "".join(MODEL.title_phrases) == MODEL.title
    assert MODEL.title_phrases == ("在市城管局系统", "基层党务干部培训班", "开班仪式上的", "动员讲话")
    assert MODEL.title_words[:2] == (("在市", "城管局系统"), ("基层", "党务干部", "培训班"))


@pytest.mark.parametrize("width", range(7, 30))
def test_title_lines_are_whole_phrases_as_even_as_they_fit(width):
    lines = MODEL.title_lines(width)
    assert "".join(lines) == MODEL.title
    boundaries = {len("".join(MODEL.title_phrases[:n])) for n in range(len(MODEL.title_phrases) + 1)}
    assert {len("".join(lines[:n])) for n in range(len(lines) + 1)} <= boundaries
    assert all(len(line) <= width for line in lines) or len(lines) == len(MODEL.title_phrases)
    assert is_trapezoid_or_diamond(lines), lines


def test_the_title_breaks_as_gb_t_9704_sets_it_on_paper():
    assert MODEL.title_lines(20) == ("在市城管局系统基层党务干部培训班", "开班仪式上的动员讲话")   # 二号 in 156 mm
    assert MODEL.title_lines(10) == ("在市城管局系统", "基层党务干部培训班", "开班仪式上的动员讲话")


def test_title_phrases_that_are_not_the_title_fail_the_load(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("开班仪式上的,", "开班仪式的,"), encoding="utf-8")
    with pytest.raises(speech.StructureError, match="index.md: title_phrases"):
        speech.load(docs)


# The screen ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ("index.html", "quanwen.html"))
def test_title_breaks_only_between_phrases_in_balanced_lines(page, base_url, name):
    page.goto(base_url + name)
    for state in states(page, ZIHAO):
        [lines] = page.evaluate(LINES, "h1#biaoti")
        assert tuple(lines) == MODEL.title_lines(max(lengths(lines))), f"{name} {state}: {lines}"
        assert is_trapezoid_or_diamond(lines), f"{name} {state}: {lines}"


@pytest.mark.parametrize("name", ("yiyi.html", "mudi.html", "yaoqiu.html", "quanwen.html", "index.html"))
def test_headings_stay_whole_and_no_paragraph_ends_on_one_character(page, base_url, name):
    page.goto(base_url + name)
    for state in states(page, ZIHAO + ("teda",)):
        for heading in page.evaluate(LINES, "h1.speech:not(#biaoti), h2.speech"):
            # Whole, or (特大 on a phone, where the title takes more lines) in its two phrases.
            assert len(heading) == 1 or (len(heading) == 2 and heading[0].endswith("、")), \
                f"{name} {state}: a heading breaks: {heading}"
        for paragraph in page.evaluate(LINES, "p.speech"):
            # Characters, not punctuation: “评。” is a line of one character.
            assert len(paragraph) == 1 or len(re.findall(r"[\u3400-\u9fff]", paragraph[-1])) >= 2, \
                f"{name} {state}: a paragraph ends on “{paragraph[-1]}”"


# The article's controls a reader sees (visible as Playwright has it: a box of some size, not
# visibility: hidden), but for those inside a collapsible note or a table: their boxes, in one call.
# Reading controls: not those of a page's own content (我的笔记's list, its export and its cards).
SHOWN_CONTROLS = """() => [...document.querySelectorAll('article button, article .take-away a')]
  .filter(e => !e.closest('.md-typeset details, .md-typeset table, .notes-book'))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden')
  .map(([e, box]) => ({ text: e.innerText, top: box.top, bottom: box.bottom }))"""


def test_a_page_written_without_its_heading_keeps_its_title_and_tools(edited_site):
    """edited_site's 无障碍说明 has no heading in its Markdown: the page is titled from its front
    matter, as Material would title it, with the tool row under the title."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup((edited_site / "wuzhangai.html").read_text(encoding="utf-8"), "html.parser").article
    headings = article.find_all("h1")
    assert [h.get_text(strip=True) for h in headings] == ["无障碍说明"]
    assert headings[0].find_next_sibling()["aria-label"] == "阅读工具"


def test_an_article_page_title_then_meta_then_one_tool_row(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 900}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for name in PAGES:
        page.goto(base_url + name)
        for state in states(page, ZIHAO, widths=(360,)):
            where = f"{name} {state}"
            title = page.locator("article h1").first.bounding_box()
            assert title["y"] <= 120, f"{where}: the title starts {title['y']:.0f} px down a 360 px phone"
            meta = page.locator("article .article-meta").bounding_box() if page.locator("article .article-meta").count() else None
            row = page.locator("article [role=toolbar][aria-label='阅读工具']")
            assert row.count() == 1, where
            tools = row.bounding_box()
            below_title = meta["y"] if meta else tools["y"]     # the meta line: the speech's pages only
            assert title["y"] + title["height"] <= below_title <= tools["y"], where
            # Every reading control is in the row, none above the title.
            for control in page.evaluate(SHOWN_CONTROLS):
                assert control["top"] >= tools["y"] and control["bottom"] <= tools["y"] + tools["height"] + 1, \
                    f"{where}: {control['text']!r} outside the tool row"
    context.close()


def test_one_title_style_on_every_page(page, base_url):
    styles = set()
    for name in PAGES:
        page.goto(base_url + name)
        styles.add(page.eval_on_selector("article h1", """h => { const s = getComputedStyle(h);
            return [s.textAlign, s.color, s.fontFamily, s.fontWeight].join(' | ') }"""))
    assert len(styles) == 1, styles
    assert styles.pop().startswith("center | rgba(0, 0, 0, 0.87)")


def test_a_table_of_contents_of_one_entry_is_not_shown(site):
    from bs4 import BeautifulSoup

    for name in PAGES:
        html = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        toc = html.select_one(".md-sidebar--secondary")
        entries = toc.select(".md-nav__link") if toc else []
        assert toc is None or toc.has_attr("hidden") or len(entries) >= 2, f"{name}: a 目录 of {len(entries)}"
        drawer = html.select("label.md-nav__link[for=__toc]")
        assert not drawer or len(entries) >= 2, f"{name}: the phone's drawer offers a 目录 of one entry"


def test_the_outline_numbers_each_part_once(page, base_url):
    page.goto(base_url + "index.html")
    markers = page.eval_on_selector_all(".outline > ol > li", "items => items.map(li => getComputedStyle(li).listStyleType)")
    assert markers == ["none"] * 3


def test_the_site_name_fits_the_phone_header_and_the_sidebar(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "yiyi.html")
    # The header and the drawer are laid out by Material's CSS by the width alone: one page, resized.
    for width in (360, 390):
        page.set_viewport_size({"width": width, "height": 740})
        name = page.locator(".md-header__topic .md-ellipsis").first
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), f"at {width} px the header cuts off the site's name"
        for line in page.evaluate(LINES, ".md-nav--primary > .md-nav__title"):
            assert all(not re.match(r"[·，。、：；）]", text) for text in line), f"at {width} px: {line}"
    context.close()


# The glossary card ------------------------------------------------------------------------------

def covered_links(page) -> list[str]:
    """The footer's links (上一页, 下一页, 编辑说明) that the glossary card (a term's ::after) lies
    over: a tap at the middle or near a corner of the link would hit the term instead."""
    return page.evaluate("""() => [...document.querySelectorAll('.md-footer a')].filter(link => {
        const b = link.getBoundingClientRect()
        if (b.bottom <= 0 || b.top >= innerHeight) return false
        const points = [[0.5, 0.5], [0.1, 0.2], [0.9, 0.2], [0.1, 0.8], [0.9, 0.8]]
        return points.some(([x, y]) => {
          const hit = document.elementFromPoint(b.left + x * b.width, b.top + y * b.height)
          return hit && !link.contains(hit) && !hit.contains(link) && hit.closest('abbr')
        })
      }).map(link => link.textContent.trim())""")


def test_the_glossary_card_never_covers_the_way_on_and_closes(browser, base_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url + "yaoqiu.html")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # A term focused with the page's foot in view (the reader tapped it, then scrolled down a little,
    # or tabbed to it): the card must leave 下一页 free.
    page.evaluate("document.querySelectorAll('article abbr.term')[0].focus({ preventScroll: true })")
    assert page.evaluate("document.activeElement.matches('abbr.term')")
    assert covered_links(page) == [], "the card covers the footer's links"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.activeElement.matches('abbr.term')"), "Escape leaves the card open"

    page.goto(base_url + "yiyi.html")
    first = page.locator("article abbr.term").first
    first.tap()
    # The reader reads the card, then scrolls on (page.js lets the first 300 ms of scrolling,
    # the term's own coming into view, leave it open).
    page.wait_for_timeout(500)
    page.evaluate("window.scrollBy(0, 300)")
    closed = "!document.activeElement.matches('abbr.term')"
    until(page, closed, "scrolling leaves the card open")

    first.tap()
    assert page.evaluate("document.activeElement.matches('abbr.term')"), "a tap on a term does not open its card"
    page.locator("article h1").tap()
    assert page.evaluate(closed), "a tap elsewhere leaves the card open"
    context.close()
