"""For every reader: 字号 for older eyes, QR codes between paper and phone, GB/T 7714
references with the reader's date, and the home page printed as a one-page 学习提纲."""

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

import oracle
import static_server
from conftest import PAGES, PUBLISHED

EDITION = oracle.edition()
SIZES = {"": 1.0, "da": 1.25, "chaoda": 1.5}


def speech_font_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('p.speech')).fontSize)")


# 字号 --------------------------------------------------------------------------------------------

def test_zihao_scales_the_text_and_is_announced(page, base_url):
    page.goto(base_url + "mudi.html")
    default = speech_font_px(page)
    group = page.get_by_role("group", name="字号")
    for value, ratio in SIZES.items():
        button = page.locator(f".zihao__option[data-zihao='{value}']")
        button.focus()
        page.keyboard.press("Enter")                       # keyboard-operable
        assert button.get_attribute("aria-pressed") == "true"
        assert group.locator("[aria-pressed=true]").count() == 1
        assert speech_font_px(page) == pytest.approx(default * ratio, rel=0.02)
        line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('p.speech')).lineHeight)")
        assert line / speech_font_px(page) >= 1.5
        assert "字号" in page.locator("[data-md-component=dialog]").inner_text()   # the status line


def test_zihao_is_remembered_across_pages_and_visits(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "yiyi.html")
    default = speech_font_px(page)
    page.click(".zihao__option[data-zihao='chaoda']")
    page.goto(base_url + "yaoqiu.html")                   # another page
    assert page.evaluate("document.documentElement.dataset.zihao") == "chaoda"
    assert speech_font_px(page) == pytest.approx(default * 1.5, rel=0.02)
    assert page.locator(".zihao__option[data-zihao='chaoda']").get_attribute("aria-pressed") == "true"
    later = context.new_page()                            # a later visit, same browser
    later.goto(base_url + "index.html")
    assert later.evaluate("document.documentElement.dataset.zihao") == "chaoda"
    later.click(".zihao__option[data-zihao='']")
    later.goto(base_url + "mudi.html")
    assert later.evaluate("document.documentElement.dataset.zihao") is None
    context.close()


def test_zihao_is_remembered_from_disk(page, site):
    page.goto((site / "yiyi.html").as_uri())
    page.click(".zihao__option[data-zihao='da']")
    page.goto((site / "mudi.html").as_uri())
    assert page.evaluate("document.documentElement.dataset.zihao") == "da"


# The page's width and the screen's: the first larger means the reader scrolls sideways.
WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def test_no_page_scrolls_sideways_at_360px_at_chaoda_or_by_default(browser, base_url):
    """Every page on a 360 px phone, loaded at a saved 超大 (so it is applied before the first
    paint, as the reader who chose it gets every page), then at the default 字号, chosen with the
    page's own button (page.js removes data-zihao from <html>, all that screen.css scales the
    text by): neither is wider than the screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.add_init_script("localStorage.setItem('jianghua.zihao', 'chaoda')")
    page = context.new_page()
    for name in PAGES + ["404.html"]:
        page.goto(base_url + name)
        assert page.evaluate("document.documentElement.dataset.zihao") == "chaoda", name
        widths = page.evaluate(WIDTHS)
        assert widths[0] <= widths[1], f"{name} at 超大: {widths[0]} px wide in a {widths[1]} px screen"
        page.evaluate("document.querySelector(\".zihao__option[data-zihao='']\").click()")
        assert page.evaluate("document.documentElement.dataset.zihao") is None, name
        widths = page.evaluate(WIDTHS)
        assert widths[0] <= widths[1], f"{name} at 默认: {widths[0]} px wide in a {widths[1]} px screen"
    context.close()


def test_print_is_sanhao_whatever_the_zihao(page, base_url):
    with page.add_init_script("localStorage.setItem('jianghua.zihao', 'chaoda')"):
        page.goto(base_url + "mudi.html")
    assert page.evaluate("document.documentElement.dataset.zihao") == "chaoda"
    page.emulate_media(media="print")
    assert speech_font_px(page) == pytest.approx(16 * 4 / 3, abs=0.1)   # 16 pt, 三号


# References ------------------------------------------------------------------------------------

def test_cite_page_block_gets_the_readers_date_and_the_pages_address(browser, base_url):
    context = browser.new_context(timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.goto(base_url + "yaoqiu.html?hl=x#yaoqiu-2")
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    assert page.locator(".cite-reference").inner_text() == \
        f"佚名. {EDITION.title}[EB/OL]. (2022)[{today}]. {base_url}yaoqiu.html."
    context.close()


# 学习提纲 ---------------------------------------------------------------------------------------

def test_home_page_prints_as_a_one_page_outline(page, base_url, tmp_path):
    page.goto(base_url + "index.html")
    assert page.get_by_role("button", name="打印提纲").count() == 1
    pdf = tmp_path / "tigang.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info) and "(A4)" in info
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    assert text.startswith(EDITION.title)
    points = 0
    for section in EDITION.sections:
        assert section.heading in text
        for number, paragraph in enumerate(section.paragraphs, 1):
            lead = re.match(r"[一二三四五][是要][^。]*。", paragraph)
            if lead:
                points += 1
                assert f"{lead.group(0)}（第{number}段）" in text
    assert points == 10
    assert EDITION.opening not in text          # a handout of the structure, not of the speech


# QR codes --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def published(published_site):
    server, url = static_server.start(published_site)
    yield published_site, url
    server.shutdown()


def zbar(*pngs: Path) -> list[str]:
    """The codes found in the images, in their order: one zbarimg for them all."""
    result = subprocess.run(["zbarimg", "--quiet", "--raw", *map(str, pngs)], capture_output=True, text=True)
    return result.stdout.split()


def test_no_published_address_no_code(site):
    for page in site.glob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not html.select("svg.qr"), page.name


def codes_printed_on(pdf: Path) -> list[str]:
    """The QR codes read back from every page of a PDF, rasterised at 200 dpi in grey (zbar reads
    the grey of an image in any case; a PGM is not compressed, where PNG took most of the time)."""
    subprocess.run(["pdftoppm", "-r", "200", "-gray", str(pdf), str(pdf.with_suffix(""))], check=True)
    return zbar(*sorted(pdf.parent.glob(pdf.stem + "-*.pgm")))


def test_printed_code_reads_back_as_the_pages_address(page, published, tmp_path):
    """Each page printed in turn by one tab; each PDF is read back while the next prints."""
    _, url = published
    read = {}
    with ThreadPoolExecutor() as readers:
        for name in ["yiyi.html", "quanwen.html", "index.html"]:
            page.goto(url + name)
            pdf = tmp_path / name.replace(".html", ".pdf")
            page.pdf(path=str(pdf), prefer_css_page_size=True)
            read[name] = readers.submit(codes_printed_on, pdf)
    for name, codes in read.items():
        assert codes.result() == [PUBLISHED + name], name


def test_on_screen_code_reads_back_and_is_desktop_only(browser, page, published, tmp_path):
    _, url = published
    page.goto(url + "mudi.html")
    page.get_by_text("在手机上打开").click()
    page.locator(".phone-qr svg").screenshot(path=str(tmp_path / "screen.png"))
    assert zbar(tmp_path / "screen.png") == [PUBLISHED + "mudi.html"]
    assert page.locator(".phone-qr svg").get_attribute("aria-label").endswith(PUBLISHED + "mudi.html")
    phone = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(url + "mudi.html")
    assert not page.locator(".phone-qr").is_visible()
    phone.close()
