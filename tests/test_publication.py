"""A Chinese publication on the screen: the title set where the editors let it break, headings and
terms whole, no one-character last lines, an article page (title, meta line, one tool row), and the
glossary card clear of the way on. Measured in Chromium from the boxes of the characters."""

import re
import shutil

import pytest

import speech
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


def context_for(browser, width: int, zihao: str, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    context.add_init_script(f"try {{ localStorage.setItem('jianghua.zihao', {zihao!r}) }} catch (e) {{}}")
    return context


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

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("zihao", ZIHAO)
def test_title_breaks_only_between_phrases_in_balanced_lines(browser, base_url, width, zihao):
    context = context_for(browser, width, zihao)
    page = context.new_page()
    for name in ("index.html", "quanwen.html"):
        page.goto(base_url + name)
        [lines] = page.evaluate(LINES, "h1#biaoti")
        assert tuple(lines) == MODEL.title_lines(max(lengths(lines))), f"{name} at {width} px: {lines}"
        assert is_trapezoid_or_diamond(lines), f"{name} at {width} px: {lines}"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("zihao", ZIHAO + ("teda",))
def test_headings_and_terms_stay_whole_and_no_paragraph_ends_on_one_character(browser, base_url, width, zihao):
    context = context_for(browser, width, zihao)
    page = context.new_page()
    for name in ("yiyi.html", "mudi.html", "yaoqiu.html", "quanwen.html", "index.html"):
        page.goto(base_url + name)
        for heading in page.evaluate(LINES, "h1.speech:not(#biaoti), h2.speech"):
            assert len(heading) == 1, f"{name} at {width} px: a heading breaks: {heading}"
        for term in page.evaluate(LINES, "abbr.term"):
            assert len(term) == 1, f"{name} at {width} px: a term breaks: {term}"
        for paragraph in page.evaluate(LINES, "p.speech"):
            # Characters, not punctuation: “评。” is a line of one character.
            assert len(paragraph) == 1 or len(re.findall(r"[\u3400-\u9fff]", paragraph[-1])) >= 2, \
                f"{name} at {width} px: a paragraph ends on “{paragraph[-1]}”"
    context.close()


@pytest.mark.parametrize("zihao", ZIHAO)
def test_an_article_page_title_then_meta_then_one_tool_row(browser, base_url, zihao):
    context = context_for(browser, 360, zihao, is_mobile=True, has_touch=True)
    page = context.new_page()
    for name in PAGES:
        page.goto(base_url + name)
        title = page.locator("article h1").first.bounding_box()
        assert title["y"] <= 120, f"{name}: the title starts {title['y']:.0f} px down a 360 px phone"
        meta = page.locator("article .article-meta").bounding_box()
        row = page.locator("article [role=toolbar][aria-label='阅读工具']")
        assert row.count() == 1, name
        tools = row.bounding_box()
        assert title["y"] + title["height"] <= meta["y"] < tools["y"], name
        # Every reading control is in the row, none above the title.
        for control in page.locator("article button, article .take-away a").all():
            if control.is_visible() and not control.evaluate("e => !!e.closest('.md-typeset details, .md-typeset table')"):
                box = control.bounding_box()
                assert box["y"] >= tools["y"] and box["y"] + box["height"] <= tools["y"] + tools["height"] + 1, \
                    f"{name}: {control.inner_text()!r} outside the tool row"
    context.close()


def test_one_title_style_on_every_page(browser, base_url):
    page = browser.new_page()
    styles = set()
    for name in PAGES:
        page.goto(base_url + name)
        styles.add(page.eval_on_selector("article h1", """h => { const s = getComputedStyle(h);
            return [s.textAlign, s.color, s.fontFamily, s.fontWeight].join(' | ') }"""))
    page.close()
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


def test_the_outline_numbers_each_part_once(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "index.html")
    markers = page.eval_on_selector_all(".outline > ol > li", "items => items.map(li => getComputedStyle(li).listStyleType)")
    page.close()
    assert markers == ["none"] * 3


@pytest.mark.parametrize("width", (360, 390))
def test_the_site_name_fits_the_phone_header_and_the_sidebar(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "yiyi.html")
    name = page.locator(".md-header__topic .md-ellipsis").first
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the header cuts off the site's name"
    for line in page.evaluate(LINES, ".md-nav--primary > .md-nav__title"):
        assert all(not re.match(r"[·，。、：；）]", text) for text in line), line
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
    page.wait_for_timeout(100)
    # A term focused with the page's foot in view (the reader tapped it, then scrolled down a little,
    # or tabbed to it): the card must leave 下一页 free.
    page.evaluate("document.querySelectorAll('article abbr.term')[0].focus({ preventScroll: true })")
    page.wait_for_timeout(100)
    assert page.evaluate("document.activeElement.matches('abbr.term')")
    assert covered_links(page) == [], "the card covers the footer's links"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.activeElement.matches('abbr.term')"), "Escape leaves the card open"

    page.goto(base_url + "yiyi.html")
    first = page.locator("article abbr.term").first
    first.tap()
    page.wait_for_timeout(500)                 # the card is read, then the reader scrolls on
    page.evaluate("window.scrollBy(0, 300)")
    page.wait_for_timeout(100)
    assert not page.evaluate("document.activeElement.matches('abbr.term')"), "scrolling leaves the card open"

    first.tap()
    page.wait_for_timeout(100)
    page.locator("article h1").tap()
    assert not page.evaluate("document.activeElement.matches('abbr.term')"), "a tap elsewhere leaves the card open"
    context.close()
