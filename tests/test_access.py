"""The 无障碍 / 适老 tools (overrides/partials/access.html, access.js, access.css) in Chromium, served
with the site's own headers (its CSP among them): 朗读 against the oracle through a speech-synthesis
stand-in, 指读, pause / resume / stop / rate / Escape / leaving the page, the no-voice and no-API
messages, 大字幕, 高对比 palettes under axe's AAA contrast rule, 特大 at 320 px, the spacing of lines and
paragraphs, 特大鼠标, 十字线, 简约, 重置, memory across pages and from disk, print, and a walk that uses
every tool from the keyboard alone."""

import itertools
import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

import oracle
import static_server
from axe import add_axe, axe_violations
from browser_wait import PRINT_RULES_LOADED, forget_the_site, record_problems, settled, until
from conftest import PAGES
from speech.markdown.sentences import SPOKEN_LIMIT

EXPECTED = oracle.edition().expected_pages()
SPEECH_PAGES = list(EXPECTED)
SCHEMES = ("heihuang", "baihei")
CHINESE = [{"name": "Ting-Ting", "lang": "zh-CN"}, {"name": "Samantha", "lang": "en-US"}]

# A speechSynthesis that records what it is asked to say and fires the events a browser fires.
# "auto": each utterance ends as soon as it starts; otherwise the test ends it (__speech.finish()).
STANDIN = """
(() => {
  const config = Object.assign({ voices: [], auto: true, api: true }, window.__speechConfig || {})
  if (!config.api) {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true })
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: undefined, configurable: true })
    return
  }
  const log = window.__speech = { spoken: [], cancels: 0, current: null }
  const later = f => setTimeout(f, 0)
  function fire(utterance, type, extra) {
    const ev = new Event(type)
    Object.assign(ev, extra || {})
    utterance.dispatchEvent(ev)
  }
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.rate = 1; this.voice = null }
  }
  log.finish = () => {
    const utterance = log.current
    log.current = null
    if (utterance) fire(utterance, "end")
  }
  const synth = {
    getVoices: () => config.voices.map(v => ({ ...v, localService: true, default: false, voiceURI: v.name })),
    speak(utterance) {
      log.spoken.push({ text: utterance.text, rate: utterance.rate, lang: utterance.lang,
                        voice: utterance.voice && utterance.voice.name })
      log.current = utterance
      later(() => {
        fire(utterance, "start")
        if (config.auto && log.current === utterance) log.finish()
      })
    },
    cancel() {
      log.cancels += 1
      sessionStorage.setItem("speech-cancels", String(log.cancels))
      const utterance = log.current
      log.current = null
      if (utterance) later(() => fire(utterance, "error", { error: "interrupted" }))
    },
    pause() {}, resume() {},
    addEventListener() {}, removeEventListener() {},
    speaking: false, pending: false, paused: false
  }
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true })
  window.SpeechSynthesisUtterance = Utterance
})()
"""


@pytest.fixture(scope="module")
def served(site):
    """The site served with its _headers (the Content-Security-Policy the build writes)."""
    server, url = static_server.start(site, headers=True)
    yield url
    server.shutdown()


_shared_readers: dict[str, object] = {}
_turns = itertools.count()


@pytest.fixture(scope="module", autouse=True)
def shared_readers():
    yield
    for page in _shared_readers.values():
        page.context.close()
    _shared_readers.clear()


def reader(browser, voices=CHINESE, auto=True, api=True, width=1280, height=900, settings=None, zihao=None,
           shared=False, **options):
    """A page whose speech synthesis is the stand-in; it records CSP violations and script errors.
    `settings` are the tools' stored settings and `zihao` the stored 字号 a first visit finds.

    shared=True: tests asking for a reader of the same browser (the same voices, speech API and
    context options) take turns with one page, closed with the module (a navigation costs
    Chromium far less than a new context); each turn starts as a first visit, the storage of the
    site it was on cleared, at its own window size, with its own stored settings. Tests that
    watch requests or resource timing (a warm cache changes both) or change the page's media ask
    for a page of their own and close it."""
    key = json.dumps([voices, auto, api, options], sort_keys=True)
    if shared and key in _shared_readers:
        page = _shared_readers[key]
        forget_the_site(page)
        page.goto("about:blank")            # the last test's page unloads here, not in the next test
        for seed in page.seeds:
            seed.close()
        page.set_viewport_size({"width": width, "height": height})
        page.problems.clear()
    else:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", **options)
        context.add_init_script(f"window.__speechConfig = {json.dumps({'voices': voices, 'auto': auto, 'api': api})}")
        context.add_init_script(STANDIN)
        page = context.new_page()
        record_problems(page)
        if shared:
            _shared_readers[key] = page
    # What an earlier visit stored: the settings once, on the first page the turn opens; the 字号
    # on every page (as page.js keeps it).
    page.seeds = []
    if settings:
        seeded = f"seeded-{next(_turns)}"
        page.seeds.append(page.add_init_script(
            f"if (!sessionStorage.getItem('{seeded}')) {{ sessionStorage.setItem('{seeded}', 1); "
            f"localStorage.setItem('jianghua.access', {json.dumps(json.dumps(settings))}) }}"))
    if zihao is not None:
        page.seeds.append(page.add_init_script(f"localStorage.setItem('jianghua.zihao', {json.dumps(zihao)})"))
    return page


def open_tools(page):
    page.click(".access-entry")
    page.wait_for_selector("#access-tools:not([hidden])")
    until(page, "document.querySelector('.access-entry').getAttribute('aria-expanded') === 'true'")


def spoken(page) -> list[str]:
    return page.evaluate("window.__speech.spoken.map(u => u.text)")


def wait_spoken(page, count: int):
    until(page, f"window.__speech.spoken.length >= {count}")


def status(page) -> str:
    return page.locator(".access-status").inner_text()


# 朗读 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SPEECH_PAGES)
def test_reading_aloud_says_the_pages_speech_exactly(browser, served, name):
    page = reader(browser, shared=True)
    page.goto(served + name)
    open_tools(page)
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'", timeout=20)
    utterances = page.evaluate("window.__speech.spoken")
    texts = [u["text"] for u in utterances]
    assert "".join(texts) == "".join(text for _, text in EXPECTED[name])
    assert len(texts) == page.locator("article .speech .sentence").count()   # one utterance a sentence
    assert {(u["lang"], u["voice"], u["rate"]) for u in utterances} == {("zh-CN", "Ting-Ting", 1)}
    assert page.locator(".is-reading").count() == 0
    assert page.problems == []


def start_reading(page, url):
    """Open a page, open the tools and press 朗读; return once the first sentence is spoken."""
    page.goto(url)
    open_tools(page)
    page.click("[data-access-action=read]")
    wait_spoken(page, 1)


def test_notes_are_read_only_when_asked_and_once_as_editors_notes(browser, served, site):
    page = reader(browser, shared=True)
    page.goto(served + "yiyi.html")
    open_tools(page)
    page.click("[data-access-setting=zhushi]")
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'")
    texts = spoken(page)
    speech = "".join(text for _, text in EXPECTED["yiyi.html"])
    said = "".join(texts)
    assert said.startswith(speech)
    # The notes as the page prints them, back links left out: each said once, named once.
    soup = BeautifulSoup((site / "yiyi.html").read_text(encoding="utf-8"), "html.parser")
    notes = ["".join(li.get_text().replace("↩", "").split()) for li in soup.select("article .footnote li")]
    assert notes and all(note.startswith("编者注") for note in notes)
    assert "".join(said[len(speech):].split()) == "".join(notes)
    assert said.count("编者注") == len(notes)
    assert max(map(len, texts)) <= SPOKEN_LIMIT


# A page without the speech: what the reader sees of its text, block by block (headings,
# paragraphs, list items, table cells), without the marks the site adds (¶, note numbers), the
# notes, the meta line, the tool row and what only print shows.
TEXT_BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "th", "td"]


def text_of_blocks(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").find("article")
    for part in article.select(".editorial, .footnote, .print-only, .article-meta, .tool-row"):
        part.decompose()
    leaves = [el for el in article.find_all(TEXT_BLOCKS) if not el.find(["p", "ul", "ol", "table", "div"])]
    return "".join("".join(el.get_text().split()) for el in leaves)


@pytest.mark.parametrize("name", ["shuyu.html", "bianji.html", "duizhao.html", "wuzhangai.html"])
def test_reading_aloud_reads_a_page_without_the_speech(browser, served, site, name):
    page = reader(browser, shared=True)
    page.goto(served + name)
    open_tools(page)
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'", timeout=20)
    texts = spoken(page)
    assert "".join("".join(t.split()) for t in texts) == text_of_blocks((site / name).read_text(encoding="utf-8"))
    assert len(texts) == page.locator("article .sentence").count()          # one utterance a sentence
    assert page.problems == []


def test_zhidu_reads_from_the_chosen_paragraph(browser, served):
    page = reader(browser, auto=False, shared=True)
    start_reading(page, served + "mudi.html")
    assert spoken(page) == [EXPECTED["mudi.html"][0][1]]                 # from the top: the heading
    # A click on a sentence of the third paragraph reads from that sentence.
    target = page.locator("#mudi-3 .sentence").nth(1)
    target.click()
    wait_spoken(page, 2)
    assert spoken(page)[-1] == target.evaluate("el => el.textContent")
    assert target.evaluate("el => el.classList.contains('is-reading')")
    # Keyboard focus on a paragraph (Tab reaches it while reading) reads from its first sentence.
    page.focus("#mudi-5")
    wait_spoken(page, 3)
    first = page.locator("#mudi-5 .sentence").first.evaluate("el => el.textContent")
    assert spoken(page)[-1] == first and EXPECTED["mudi.html"][5][1].startswith(first)
    assert page.locator("#mudi-5").get_attribute("tabindex") == "0"
    # Named for what it does, from the model's label; ↓ / ↑ go to the next / previous block.
    label = page.locator("#mudi-5").get_attribute("data-label")
    assert page.locator("#mudi-5").get_attribute("aria-label") == "从这里朗读：" + label
    page.keyboard.press("ArrowUp")
    wait_spoken(page, 4)
    assert page.evaluate("document.activeElement.id") == "mudi-4"
    assert EXPECTED["mudi.html"][4][1].startswith(spoken(page)[-1])
    page.keyboard.press("ArrowDown")
    wait_spoken(page, 5)
    assert page.evaluate("document.activeElement.id") == "mudi-5" and spoken(page)[-1] == first
    # 朗读 · 暂停 · 停止 stay on screen while reading, however far down the page.
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    for action in ("read", "pause", "stop"):
        box = page.locator(f"[data-access-action={action}]").bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 900, action
    page.keyboard.press("Escape")
    assert page.locator("#mudi-5").get_attribute("tabindex") != "0"          # out of the Tab order
    assert page.locator("#mudi-5").get_attribute("aria-label") is None


def test_pause_resume_stop_rate_and_escape(browser, served):
    page = reader(browser, auto=False, shared=True)
    page.goto(served + "yaoqiu.html")
    open_tools(page)
    page.click("[data-access-rate=fast]")
    page.click("[data-access-action=read]")
    wait_spoken(page, 1)
    page.evaluate("__speech.finish()")
    wait_spoken(page, 2)
    second = spoken(page)[1]
    assert page.evaluate("__speech.spoken[1].rate") == 1.3
    pause = page.locator("[data-access-action=pause]")
    pause.click()                                                    # 暂停
    assert pause.inner_text() == "继续" and status(page) == "已暂停"
    assert page.evaluate("__speech.current") is None                 # cancelled: silent
    page.evaluate("__speech.finish()")
    page.wait_for_timeout(100)
    assert len(spoken(page)) == 2
    page.click("[data-access-rate=slow]")
    pause.click()                                                    # 继续: the same sentence again
    wait_spoken(page, 3)
    assert spoken(page)[2] == second and page.evaluate("__speech.spoken[2].rate") == 0.75
    page.click("[data-access-action=stop]")                          # 停止
    assert page.evaluate("__speech.current") is None and page.locator(".is-reading").count() == 0
    assert pause.is_disabled()
    page.click("[data-access-action=read]")                          # from the top again
    wait_spoken(page, 4)
    assert spoken(page)[3] == EXPECTED["yaoqiu.html"][0][1]
    page.keyboard.press("Escape")                                    # Escape stops
    assert status(page) == "已停止朗读" and page.evaluate("__speech.current") is None
    # The rate is remembered on the next page.
    page.goto(served + "yiyi.html")
    assert page.locator("[data-access-rate=slow]").get_attribute("aria-pressed") == "true"
    assert page.problems == []


def test_leaving_the_page_stops_reading(browser, served):
    page = reader(browser, auto=False, shared=True)
    start_reading(page, served + "yiyi.html")
    before = page.evaluate("__speech.cancels")
    page.click("a.md-footer__link--next")
    page.wait_for_url("**/mudi.html")
    assert int(page.evaluate("sessionStorage.getItem('speech-cancels')")) > before


def test_without_a_chinese_voice_or_speech_synthesis_the_control_says_what_to_do(browser, served):
    page = reader(browser, voices=[{"name": "Samantha", "lang": "en-US"}])
    page.goto(served + "yiyi.html")
    open_tools(page)
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent.includes('中文语音')")
    assert spoken(page) == [] and "添加中文" in status(page)
    page.context.close()

    wechat = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/116 Mobile MicroMessenger/8.0.40"
    page = reader(browser, api=False, user_agent=wechat, width=360, height=740)
    page.goto(served + "yiyi.html")
    open_tools(page)
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent.includes('微信')")
    assert "在浏览器打开" in status(page)
    page.click("[data-access-setting=zimu]")                        # the rest still works
    assert page.locator("[data-access-setting=zimu]").get_attribute("aria-pressed") == "true"
    assert page.problems == []
    page.context.close()


# 大字幕 ------------------------------------------------------------------------------------------

CAPTION = """() => {
    const bar = document.querySelector('.access-caption')
    return bar ? { text: bar.textContent, hidden: bar.hidden, height: bar.getBoundingClientRect().height } : null
}"""

# The words of each sentence of the speech, as the caption shows them (editorial marks left out).
SENTENCES = """() => [...document.querySelectorAll('.speech .sentence')].map(s => {
    const copy = s.cloneNode(true)
    copy.querySelectorAll('.editorial').forEach(e => e.remove())
    return copy.textContent
})"""


@pytest.mark.parametrize("jianyue", [False, True], ids=["", "jianyue"])
def test_caption_shows_the_sentence_read_large_and_never_over_it(browser, served, jianyue):
    page = reader(browser, auto=False, width=360, height=740, is_mobile=True, has_touch=True,
                  settings={"open": True, "jianyue": jianyue})
    page.goto(served + "yiyi.html")
    page.wait_for_selector(".access-tools .access-button")
    # Taps, as on a phone: no mouse pointer left resting on the text (it would point at a sentence).
    page.tap("[data-access-setting=zimu]")
    page.tap("[data-access-action=read]")
    for step in range(12):
        wait_spoken(page, step + 1)
        page.wait_for_timeout(50)
        state = page.evaluate("""() => {
            const bar = document.querySelector('.access-caption').getBoundingClientRect()
            const line = document.querySelector('.is-reading').getBoundingClientRect()
            return { text: document.querySelector('.access-caption').textContent,
                     size: parseFloat(getComputedStyle(document.querySelector('.access-caption')).fontSize),
                     overlap: Math.min(bar.bottom, line.bottom) - Math.max(bar.top, line.top),
                     inView: line.top >= 0 && line.bottom <= innerHeight }
        }""")
        assert state["text"] == spoken(page)[-1]
        assert state["size"] >= 32
        assert state["overlap"] <= 0 and state["inView"], (step, state)
        page.evaluate("__speech.finish()")
    page.keyboard.press("Escape")                                     # stopped: nothing left over
    assert page.evaluate(CAPTION) == {"text": "", "hidden": True, "height": 0}
    # 指读 without reading: the caption shows the sentence under the pointer (tapped), never over it.
    for nth in (1, -1):
        sentence = page.locator("#yiyi-3 .sentence").nth(nth)
        sentence.scroll_into_view_if_needed()
        sentence.tap()
        words = sentence.evaluate("s => { const c = s.cloneNode(true); "
                                  "c.querySelectorAll('.editorial').forEach(e => e.remove()); return c.textContent }")
        assert page.locator(".access-caption").inner_text() == words
        bar = page.locator(".access-caption").bounding_box()
        line = sentence.bounding_box()
        assert min(bar["y"] + bar["height"], line["y"] + line["height"]) <= max(bar["y"], line["y"]), nth
    page.locator(".article-meta span").first.tap()                   # off the speech: nothing
    assert page.evaluate(CAPTION)["hidden"]
    page.context.close()


# The sentence read, the bar at the foot, the caption in it and the header, as the screen has them.
READING_BOXES = """() => {
    const dock = document.querySelector('.access-dock').getBoundingClientRect()
    const caption = document.querySelector('.access-caption')
    const lines = [...document.querySelector('.is-reading').getClientRects()]
    return { dock: [dock.top, dock.bottom], header: document.querySelector('.md-header').getBoundingClientRect().bottom,
             top: Math.min(...lines.map(r => r.top)), bottom: Math.max(...lines.map(r => r.bottom)),
             height: innerHeight, text: caption.textContent, size: parseFloat(getComputedStyle(caption).fontSize),
             scrolls: caption.scrollHeight > caption.clientHeight, overflow: getComputedStyle(caption).overflowY }
}"""


@pytest.mark.parametrize("width, height", [(320, 640), (360, 740)])
def test_caption_never_covers_any_sentence_of_the_whole_speech_at_teda(browser, served, width, height):
    """Every sentence of 全文 read at 特大 on a phone with 大字幕: the page keeps it whole between the
    header and the bar at the foot; the bar never covers the header; the caption is the sentence
    read, at least 32 px, whole (what does not fit its room scrolls within the bar)."""
    page = reader(browser, auto=False, width=width, height=height, is_mobile=True, has_touch=True,
                  settings={"open": True, "zimu": True}, zihao="teda", shared=True)
    page.goto(served + "quanwen.html")
    page.wait_for_selector(".access-tools .access-button")
    page.tap("[data-access-action=read]")
    count = page.locator("article .speech .sentence").count()
    failures = []
    for step in range(count):
        wait_spoken(page, step + 1)
        box = page.evaluate(READING_BOXES)
        if box["text"] != spoken(page)[-1] or box["size"] < 32:
            failures.append((step, "caption", box["text"][:12], box["size"]))
        if box["scrolls"] and box["overflow"] not in ("auto", "scroll"):
            failures.append((step, "caption cut off"))
        if box["dock"][0] < box["header"] or box["dock"][1] > box["height"] + 0.5:
            failures.append((step, "bar", box["dock"]))
        if box["top"] < box["header"] or box["bottom"] > box["dock"][0]:
            failures.append((step, "sentence not between header and bar", box["top"], box["bottom"], box["dock"][0]))
        page.evaluate("__speech.finish()")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'")
    assert count > 90 and failures == []


def test_caption_between_lines_shows_one_sentence_and_clears_on_stop(browser, served):
    page = reader(browser, auto=False, settings={"open": True, "zimu": True})
    page.goto(served + "yiyi.html")
    page.wait_for_selector(".access-tools .access-button")
    sentences = page.evaluate(SENTENCES)
    # A point between the first two lines of a paragraph: on the paragraph, on no sentence.
    x, y = page.evaluate("""() => {
        const p = document.querySelector('#yiyi-2')
        p.scrollIntoView({ block: 'center' })
        const range = document.createRange()
        range.selectNodeContents(p)
        const rects = [...range.getClientRects()].filter(r => r.width > 0)
        const top = Math.min(...rects.map(r => r.top))
        const first = Math.max(...rects.filter(r => r.top < top + 4).map(r => r.bottom))
        const second = Math.min(...rects.filter(r => r.top > first - 1).map(r => r.top))
        const box = p.getBoundingClientRect()
        return [box.left + box.width / 2, (first + second) / 2]
    }""")
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).id", [x, y]) == "yiyi-2"
    page.mouse.move(10, 10)
    page.mouse.move(x, y)
    shown = page.evaluate(CAPTION)
    assert shown["hidden"] or shown["text"] in sentences, shown["text"]
    assert shown["height"] < 740 / 5
    page.mouse.move(5, 5)                                             # off the text: nothing
    assert page.evaluate(CAPTION)["hidden"]
    # Reading, then 停止: the caption is cleared and hidden.
    page.click("[data-access-action=read]")
    wait_spoken(page, 1)
    until(page, "document.querySelector('.access-caption').textContent.length > 0")
    assert page.evaluate(CAPTION)["text"] == sentences[0]
    page.click("[data-access-action=stop]")
    assert page.evaluate(CAPTION) == {"text": "", "hidden": True, "height": 0}
    assert page.problems == []
    page.context.close()


# The row ----------------------------------------------------------------------------------------

# The middles of each unit's parts, which must share a line: 朗读 暂停 停止; 语速 慢 中 快; the 配色 four.
UNIT_MIDDLES = """() => {
    const tops = selector => [...document.querySelectorAll(selector)].map(el => {
        const box = el.getBoundingClientRect()
        return (box.top + box.bottom) / 2
    })
    return [tops('[data-access-action=read], [data-access-action=pause], [data-access-action=stop]'),
            tops('.access-label, [data-access-rate]'),
            tops('[data-access-scheme]')]
}"""


@pytest.mark.parametrize("zihao", ["", "teda"])
@pytest.mark.parametrize("width", [360, 390])
def test_the_rows_labels_stay_with_their_buttons_on_phones(browser, served, width, zihao):
    page = reader(browser, width=width, height=740, is_mobile=True, has_touch=True, settings={"open": True},
                  zihao=zihao, shared=True)
    page.goto(served + "yiyi.html")
    page.wait_for_selector(".access-tools .access-button")
    for middles in page.evaluate(UNIT_MIDDLES):
        assert len(middles) >= 3 and max(middles) - min(middles) < 2, middles


@pytest.mark.parametrize("zihao, rem", [("", 0.7), ("da", 0.8), ("chaoda", 0.9), ("teda", 0.9)])
def test_the_tools_text_grows_with_zihao(browser, served, zihao, rem):
    page = reader(browser, width=360, height=740, is_mobile=True, has_touch=True, settings={"open": True},
                  zihao=zihao, shared=True)
    page.goto(served + "yiyi.html")
    page.wait_for_selector(".access-tools .access-button")
    root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    sizes = page.evaluate("[...document.querySelectorAll('.access-tools .access-button, .access-label')]"
                          ".map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert sizes and all(size == pytest.approx(root * rem) for size in sizes), sizes
    page.click(".access-entry")                                      # closed: the title is where it was
    assert page.evaluate("document.querySelector('h1').getBoundingClientRect().bottom < innerHeight / 2")


# 配色 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES + ["404.html"])
def test_high_contrast_meets_aaa(browser, base_url, name):
    """Each 高对比 palette at the default 字号, the binding case: the colours are the same at
    every 字号, and AAA asks less of large text (4.5:1) than of normal text (7:1). The page opens
    in one palette stored from an earlier visit (which one alternates page by page, so each is
    seen as stored on half the pages), then the reader switches to the other."""
    schemes = SCHEMES if (PAGES + ["404.html"]).index(name) % 2 == 0 else SCHEMES[::-1]
    # Served without the CSP: it would refuse axe, injected as an inline script.
    page = reader(browser, settings={"open": True, "peise": schemes[0]}, shared=True)
    page.goto(base_url + name)
    page.wait_for_selector("#access-tools:not([hidden])")
    assert page.evaluate("document.documentElement.dataset.accessPeise") == schemes[0]   # before any click
    assert page.evaluate("[...document.querySelectorAll('link.access-styles')].length") == 1
    add_axe(page)
    for scheme in schemes:
        page.click(f"[data-access-scheme={scheme}]")
        assert page.evaluate("document.documentElement.dataset.accessPeise") == scheme
        # The colour rules: a 高对比 palette changes colours, underlines and borders only
        # (access.css); axe's other rules run on every page in both palettes (test_quality.py).
        assert axe_violations({f"{name} ({scheme})": page}, options="{ runOnly: "
                              "['color-contrast', 'color-contrast-enhanced', 'link-in-text-block'] }") == []
        # Links in running text are underlined: not told apart by colour alone.
        assert page.evaluate("[...document.querySelectorAll('article p a:not(.para-link)')]"
                             ".every(a => getComputedStyle(a).textDecorationLine.includes('underline'))")
    assert page.problems == []


def test_a_reader_who_never_uses_the_tools_never_loads_them(browser, served):
    page = reader(browser)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served + "quanwen.html", wait_until="networkidle")
    assert not [url for url in requests if "access" in url]
    page.click(".access-entry")                                       # first use: now they load
    page.wait_for_selector(".access-tools .access-button")
    assert sorted(url.rsplit("/", 1)[1] for url in requests if "access" in url) == ["access.min.css", "access.min.js"]
    page.context.close()


def test_palette_buttons_and_materials_toggle_work_together(browser, served):
    page = reader(browser, shared=True)
    page.goto(served + "yiyi.html")
    open_tools(page)
    scheme = "[...document.querySelectorAll('[data-access-scheme][aria-pressed=true]')].map(b => b.textContent)"
    page.click("[data-access-scheme=slate]")                         # Material's dark palette
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.click("[data-access-scheme=heihuang]")                      # 高对比 over it
    assert page.evaluate("document.documentElement.dataset.accessPeise") == "heihuang"
    assert page.evaluate(scheme) == ["黑底黄字"]
    ink = page.evaluate("getComputedStyle(document.querySelector('p.speech')).color")
    assert ink == "rgb(255, 255, 0)"
    page.click("form[data-md-component=palette] label:not([hidden])")   # Material's toggle: back to light
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert page.evaluate("document.documentElement.dataset.accessPeise") is None
    assert page.evaluate(scheme) == ["浅色"]


# 文字放大, spacing --------------------------------------------------------------------------------

def test_teda_is_twice_the_text_and_reflows_at_320px(browser, served):
    page = reader(browser, width=320, height=640, is_mobile=True, has_touch=True, settings={"open": True},
                  zihao="teda")
    failures = []
    for name in PAGES + ["404.html"]:
        page.goto(served + name)
        page.wait_for_selector("#access-tools:not([hidden])")
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
        root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        if size != pytest.approx(root * 0.9 * 2):                          # 200 % of the default text
            failures.append(f"{name}: text {size} px, root {root} px")
        # The footer's 下一页 names a page at 150 % of Material's size at least, on one line or more.
        footer = page.evaluate("""(el => el && parseFloat(getComputedStyle(el).fontSize))(
            document.querySelector('.md-footer__link--next .md-footer__title'))""")
        if footer is not None and footer < root * 0.9 * 1.5:
            failures.append(f"{name}: the footer's page name {footer} px")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            failures.append(f"{name}: {widths[0]} px wide in {widths[1]} px")
    page.context.close()
    assert failures == []


def test_teda_on_a_phone_shows_the_speech_on_the_first_screen(browser, served):
    """Under the title, the meta line and the tool row (at 150 % on phones): a section page's first
    screen at 特大 holds its first lines of speech too."""
    page = reader(browser, width=360, height=740, zihao="teda", shared=True)
    page.goto(served + "yiyi.html")
    first = page.evaluate("""(() => { const p = document.querySelector('article p.speech')
        return [p.getBoundingClientRect().top, parseFloat(getComputedStyle(p).lineHeight)] })()""")
    assert first[0] + 2 * first[1] <= 740, f"the speech's second line ends at {first[0] + 2 * first[1]:.0f} px"


LINES = """(selector) => {
  // Line boxes from the layout: the tops of the text's client rects, per paragraph.
  const blocks = [...document.querySelectorAll(selector)].slice(0, 6)
  return blocks.map(block => {
    const range = document.createRange()
    range.selectNodeContents(block)
    const tops = [...new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)))]
    tops.sort((a, b) => a - b)
    return { tops, font: parseFloat(getComputedStyle(block).fontSize) }
  })
}"""


@pytest.mark.parametrize("zihao", ["", "da", "chaoda", "teda"])
def test_line_and_paragraph_spacing_from_the_layout(browser, served, zihao):
    page = reader(browser, width=360, height=740, zihao=zihao, shared=True)
    page.goto(served + "yiyi.html")
    blocks = page.evaluate(LINES, "article p.speech")
    pitches = []
    for block in blocks:
        # Line pitch (baseline to baseline): at least 1.3 × the font size.
        steps = [b - a for a, b in zip(block["tops"], block["tops"][1:]) if b - a > block["font"] / 2]
        assert steps and min(steps) >= 1.3 * block["font"], block
        pitches.append(min(steps))
    for before, after, pitch in zip(blocks, blocks[1:], pitches):
        # Paragraph pitch (last line of one to the first of the next): at least 1.3 × the line pitch.
        assert after["tops"][0] - before["tops"][-1] >= 1.3 * pitch


# 特大鼠标, 十字线, 简约 ----------------------------------------------------------------------------

def test_big_cursor_on_text_and_links_from_our_own_files(browser, served, site):
    page = reader(browser, shared=True)
    page.goto(served + "yiyi.html")
    open_tools(page)
    page.click("[data-access-setting=shubiao]")
    on_text = page.evaluate("getComputedStyle(document.querySelector('p.speech .sentence')).cursor")
    on_link = page.evaluate("getComputedStyle(document.querySelector('.md-nav__link')).cursor")
    assert "cursors/arrow.svg" in on_text and "cursors/hand.svg" in on_link
    for name in ("arrow", "hand"):
        svg = (site / "assets" / "cursors" / f"{name}.svg").read_text()
        width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
        assert min(width, height) >= 48
        response = page.request.get(served + f"assets/cursors/{name}.svg")
        assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    page.mouse.move(300, 400)
    assert page.problems == []                                       # no CSP refusal of the cursor image


def test_crosshair_follows_the_pointer(browser, served):
    page = reader(browser, shared=True)
    page.goto(served + "yiyi.html")
    open_tools(page)
    page.click("[data-access-setting=shizixian]")
    page.mouse.move(400, 500)
    boxes = page.evaluate("[...document.querySelectorAll('.access-crosshair')].map(l => l.getBoundingClientRect().toJSON())")
    assert round(boxes[0]["top"]) == 500 and round(boxes[1]["left"]) == 400
    assert page.evaluate("getComputedStyle(document.querySelector('.access-crosshair')).pointerEvents") == "none"


def test_jianyue_shows_the_text_alone_one_tap_away_and_back(browser, served):
    page = reader(browser, shared=True)
    page.goto(served + "mudi.html")
    open_tools(page)
    toggle = page.locator("[data-access-setting=jianyue]")
    toggle.click()
    # The desktop's navigation is the tabs under the header (screen.css), not a sidebar.
    for hidden in (".md-tabs", ".md-sidebar--secondary", ".md-footer", ".take-away"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("#mudi-1").is_visible() and toggle.is_visible()
    page.goto(served + "yiyi.html")                                  # remembered
    assert not page.locator(".md-tabs").is_visible()
    page.locator("[data-access-setting=jianyue]").click()
    assert page.locator(".md-tabs").is_visible() and page.locator(".md-footer").is_visible()


# Memory, reset, print --------------------------------------------------------------------------

def test_settings_apply_before_the_first_paint_on_every_page_and_from_disk(browser, served, site):
    page = reader(browser)
    page.goto(served + "yiyi.html")
    open_tools(page)
    for setting in ("zimu", "shubiao", "jianyue"):
        page.click(f"[data-access-setting={setting}]")
    page.click("[data-access-scheme=baihei]")
    page.goto(served + "mudi.html")
    assert page.evaluate("document.documentElement.dataset.accessPeise") == "baihei"
    flags = page.evaluate("[...document.documentElement.attributes].map(a => a.name)")
    assert {"data-access-zimu", "data-access-shubiao", "data-access-jianyue", "data-access-open"} <= set(flags)
    # The stylesheet is parser-inserted in <head>: it blocks rendering, so the first paint has it.
    blocking = page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('access.min.css'))"
                             ".map(e => e.renderBlockingStatus)")
    assert blocking == ["blocking"]
    page.context.close()

    disk = browser.new_context()
    page = disk.new_page()
    page.goto((site / "yiyi.html").as_uri())
    page.click(".access-entry")
    page.wait_for_selector("#access-tools:not([hidden])")
    page.click("[data-access-setting=shubiao]")
    page.goto((site / "mudi.html").as_uri())
    assert page.evaluate("document.documentElement.hasAttribute('data-access-shubiao')")
    assert "cursors/arrow.svg" in page.evaluate("getComputedStyle(document.body).cursor")
    disk.close()


def test_reset_returns_every_setting_to_its_default(browser, served):
    page = reader(browser, settings={"open": True, "zimu": True, "shubiao": True, "shizixian": True,
                                     "jianyue": True, "yusu": "fast", "zhushi": True}, zihao='teda')
    page.goto(served + "yiyi.html")
    page.wait_for_selector("#access-tools:not([hidden])")
    page.click("[data-access-scheme=heihuang]")
    page.click("[data-access-action=reset]")
    assert status(page) == "已恢复默认设置"
    flags = page.evaluate("[...document.documentElement.attributes].map(a => a.name)")
    assert [f for f in flags if f.startswith("data-access") or f == "data-zihao"] == ["data-access-open"]
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert page.locator("#access-tools [aria-pressed=true]").all_inner_texts() == ["中", "浅色"]
    page.context.close()


def test_print_is_unaffected(browser, served):
    def printed(settings, zihao, scheme):
        page = reader(browser, settings=settings, zihao=zihao)
        page.goto(served + "mudi.html")
        until(page, PRINT_RULES_LOADED)
        if scheme:
            open_tools(page) if page.locator("#access-tools").is_hidden() else None
            page.click(f"[data-access-scheme={scheme}]")
        page.emulate_media(media="print")
        look = page.evaluate("""() => {
            const p = getComputedStyle(document.querySelector('p.speech'))
            const tools = document.querySelector('#access-tools')
            return [p.fontSize, p.color, p.backgroundColor, getComputedStyle(document.body).cursor,
                    tools.offsetParent === null, document.querySelector('.md-sidebar--primary').offsetParent === null]
        }""")
        page.context.close()
        return look

    plain = printed(None, "", None)
    assert printed({"open": True, "zimu": True, "shubiao": True, "jianyue": True}, "teda", "heihuang") == plain


# 全程键盘, CSP --------------------------------------------------------------------------------------

def focus_ring(page) -> float:
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement)
        return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth)
    }""")


def test_every_tool_by_keyboard_alone(browser, served):
    page = reader(browser, auto=False, shared=True)
    page.goto(served + "yiyi.html")
    page.keyboard.press("Tab")                                       # Material's skip link comes first
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('access-entry')")
    assert focus_ring(page) >= 2
    page.keyboard.press("Enter")
    page.wait_for_selector("#access-tools:not([hidden])")
    until(page, "document.activeElement.dataset.accessAction === 'read'")
    seen = []

    def press_through(key="Enter"):
        label = page.evaluate("document.activeElement.textContent.trim()")
        assert focus_ring(page) >= 2, label
        seen.append(label)
        page.keyboard.press(key)

    press_through()                                                  # 朗读
    wait_spoken(page, 1)
    page.keyboard.press("Tab")
    press_through("Space")                                           # 暂停
    assert page.locator("[data-access-action=pause]").inner_text() == "继续"
    press_through()                                                  # 继续
    wait_spoken(page, 2)
    page.keyboard.press("Tab")
    press_through()                                                  # 停止
    assert page.locator(".is-reading").count() == 0
    # The rest of the row in order: each pressed once, Tab to the next.
    while True:
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('#access-tools')"):
            break
        if page.evaluate("document.activeElement.tagName") == "A":
            seen.append(page.evaluate("document.activeElement.textContent.trim()"))
            continue
        press_through("Space" if len(seen) % 2 else "Enter")
    assert seen == ["朗读", "暂停", "继续", "停止", "慢", "中", "快", "连同编者注", "浅色", "深色", "黑底黄字", "白底黑字",
                    "大字幕", "特大鼠标", "十字线", "简约阅读", "重置", "无障碍说明"]
    # 字号 特大 by keyboard.
    page.focus(".zihao__option[data-zihao='teda']")
    assert focus_ring(page) >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.zihao") == "teda"
    # The documented single-key shortcuts, with the row open; Escape stops.
    page.focus(".access-entry")
    page.keyboard.press("k")
    wait_spoken(page, 3)
    assert page.evaluate("document.documentElement.hasAttribute('data-access-reading')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.documentElement.hasAttribute('data-access-reading')")
    page.keyboard.press("j")
    assert page.evaluate("document.documentElement.hasAttribute('data-access-jianyue')")
    shown = "document.documentElement.dataset.accessPeise || document.body.dataset.mdColorScheme"
    before = page.evaluate(shown)
    page.keyboard.press("g")
    assert page.evaluate(shown) != before
    # With the row closed, the single keys are off.
    page.keyboard.press("Enter")                                     # close the row from the entry
    assert page.locator("#access-tools").is_hidden()
    page.keyboard.press("j")
    assert page.evaluate("document.documentElement.hasAttribute('data-access-jianyue')")
    assert page.problems == []                                       # no CSP violation, no script error


def test_focus_moves_to_read_when_its_control_goes(browser, served):
    """停止 pressed from the keyboard, and the end of the page with the focus on 暂停: both buttons
    are disabled then, and the focus goes to 朗读, never to the page's body."""
    page = reader(browser, auto=False, shared=True)
    page.goto(served + "mudi.html")
    open_tools(page)
    until(page, "document.activeElement.dataset.accessAction === 'read'")
    page.keyboard.press("Enter")
    wait_spoken(page, 1)
    assert page.evaluate("document.activeElement.dataset.accessAction") == "read"   # kept, in the bar
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.accessAction") == "stop"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.accessAction") == "read"
    assert focus_ring(page) >= 2
    page.keyboard.press("Enter")
    wait_spoken(page, 2)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.accessAction") == "pause"
    count = page.locator("article .speech .sentence").count()
    for n in range(count):
        wait_spoken(page, 2 + n)
        page.evaluate("__speech.finish()")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'")
    assert page.evaluate("document.activeElement.dataset.accessAction") == "read"
    assert page.problems == []


# The focused element can be seen: some of it lies on the screen and is not under anything else
# (the header, the bar at the foot, an overlay). A visually hidden radio shows through its label.
FOCUS_SEEN = """() => {
    const el = document.activeElement
    const shown = el.getBoundingClientRect().width ? el : el.nextElementSibling || el
    const box = shown.getBoundingClientRect()
    const left = Math.max(0, box.left), right = Math.min(innerWidth, box.right)
    const top = Math.max(0, box.top), bottom = Math.min(innerHeight, box.bottom)
    let seen = false
    for (let i = 1; i < 6 && !seen; i++)
        for (let j = 1; j < 6 && !seen; j++) {
            if (right <= left || bottom <= top) break
            const at = document.elementFromPoint(left + (right - left) * i / 6, top + (bottom - top) * j / 6)
            seen = !!at && (shown.contains(at) || at.contains(shown) || (at.closest('label') && at.closest('label') === shown.closest('label')))
        }
    return { seen, what: el.tagName + '.' + el.className + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || '').trim().slice(0, 10) }
}"""


def walk_focus(page, key="Tab", limit=260):
    """Every Tab stop of the page in order: [(what, seen)], until the focus leaves the page."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        settled(page)                       # what the move set going (the search closing) has ended
        stop = page.evaluate(FOCUS_SEEN)
        if stop["what"].startswith("BODY"):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("width, zihao, reading", [(360, "", False), (1280, "", False), (360, "teda", True)],
                         ids=["360", "1280", "360-teda-reading-captions"])
def test_no_focus_stop_is_hidden(browser, served, width, zihao, reading):
    """Tab through the whole page and Shift+Tab back: no stop lies off screen, under the sticky
    header or under the bar at the foot (WCAG 2.4.7, 2.4.11); while reading at 特大 with 大字幕 too."""
    page = reader(browser, auto=False, width=width, height=740, zihao=zihao, shared=True,
                  settings={"open": True, "zimu": True} if reading else None)
    page.goto(served + "yiyi.html")
    if reading:
        page.wait_for_selector(".access-tools .access-button")
        page.click("[data-access-action=read]")
        wait_spoken(page, 1)
        page.evaluate("document.activeElement.blur()")
    forward = walk_focus(page)
    backward = walk_focus(page, "Shift+Tab")
    assert len(forward) > 20 and len(backward) > 20
    assert [s["what"] for s in forward + backward if not s["seen"]] == []
    assert page.problems == []


def test_the_phones_navigation_opens_and_closes_from_the_keyboard(browser, served):
    """On a phone the drawer's links take no focus while it is closed; its button in the header
    opens it with the focus on its first link, and Escape closes it, the focus back on the button."""
    page = reader(browser, width=360, height=740, shared=True)
    page.goto(served + "yiyi.html")
    assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    opener = page.get_by_role("button", name="导航")
    opener.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches('.md-sidebar--primary a')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "导航"
    page.set_viewport_size({"width": 1280, "height": 800})            # a sidebar, not a drawer: no button
    # The page hears of the new width by its media query's change event: waited for, not raced.
    until(page, "document.querySelector('.header-opener').hidden"
                " && !document.querySelector('.md-sidebar--primary').inert",
          "at 1280 px the 导航 button still shows, or the navigation is still inert")
    assert not opener.is_visible()


def contrast(one: str, other: str) -> float:
    def luminance(css):
        channels = [int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The ring of the focused element and what lies around it: the nearest ancestor with a background.
RING = r"""() => {
    const el = document.activeElement
    let ground = el.parentElement
    while (ground && /rgba\(0, 0, 0, 0\)|transparent/.test(getComputedStyle(ground).backgroundColor))
        ground = ground.parentElement
    const style = getComputedStyle(el)
    return { ring: style.outlineColor, width: parseFloat(style.outlineWidth), style: style.outlineStyle,
             ground: ground ? getComputedStyle(ground).backgroundColor : 'rgb(255, 255, 255)' }
}"""
MATERIAL_PALETTE = ("localStorage.setItem(new URL('.', location).pathname + '.__palette', JSON.stringify("
                    "{ index: 1, color: { media: '(prefers-color-scheme: dark)', scheme: 'slate', primary: 'custom', "
                    "accent: 'red' } }))")


@pytest.mark.parametrize("scheme", ["default", "slate", "heihuang", "baihei"])
def test_focus_rings_stand_out_in_every_scheme(browser, served, scheme):
    """The 无障碍 entry's ring against the header, before the tools load (浅色, 深色) and after; a
    tool's ring and a text link's against the page: each at least 3:1 (WCAG 1.4.11) and 2 px."""
    page = reader(browser, shared=True)
    slate = page.add_init_script(MATERIAL_PALETTE) if scheme == "slate" else None
    rings = {}

    def ring_of(name):
        found = page.evaluate(RING)
        assert found["style"] != "none" and found["width"] >= 2, (name, found)
        rings[name] = round(contrast(found["ring"], found["ground"]), 2)

    def tab_to_entry():
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('access-entry')")

    page.goto(served + "yiyi.html")
    if scheme in ("default", "slate"):                                # before the tools load
        assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
        assert not page.locator("link.access-styles").count()
        tab_to_entry()
        ring_of("entry before")
    page.evaluate("localStorage.setItem('jianghua.access', JSON.stringify({ open: true, "
                  f"peise: {json.dumps(scheme if scheme in SCHEMES else None)} }}))")
    page.goto(served + "yiyi.html")
    page.wait_for_selector(".access-tools .access-button")
    tab_to_entry()
    ring_of("entry")
    page.locator("[data-access-action=read]").focus()                # after keys: focus-visible
    ring_of("tool")
    page.locator("article p.speech a.para-link").first.focus()
    ring_of("link")
    if slate:
        slate.close()
    assert all(value >= 3 for value in rings.values()), rings
    print(scheme, rings)


def test_jianyue_remembered_looks_as_when_clicked(browser, served):
    """简约 chosen on an earlier page: the next page loads with it, and hides what a click hides."""
    parts = [".take-away", ".print-button", ".cite-page", ".md-footer", ".md-sidebar--primary", ".md-sidebar--secondary"]
    seen = f"{json.dumps(parts)}.map(s => [...document.querySelectorAll(s)].some(el => el.checkVisibility()))"
    page = reader(browser, shared=True, settings={"open": True, "jianyue": True})
    page.goto(served + "mudi.html")
    page.wait_for_selector(".access-tools .access-button")
    remembered = page.evaluate(seen)
    toggle = page.locator("[data-access-setting=jianyue]")
    toggle.click()
    assert any(page.evaluate(seen))                                  # off: they are there
    toggle.click()
    assert page.evaluate(seen) == remembered == [False] * len(parts)


def test_reading_with_captions_passes_axe(browser, base_url):
    """While reading at 特大 on a phone with 大字幕: the blocks named for 指读, the bar at the foot."""
    page = reader(browser, auto=False, width=360, height=740, is_mobile=True, has_touch=True, zihao="teda",
                  settings={"open": True, "zimu": True}, shared=True)
    page.goto(base_url + "yiyi.html")                                # without the CSP: axe is inline
    page.wait_for_selector(".access-tools .access-button")
    page.tap("[data-access-action=read]")
    wait_spoken(page, 1)
    add_axe(page)
    assert axe_violations({"yiyi.html reading": page}) == []


# You listened to it: espeak-ng ---------------------------------------------------------------------

VOICE = "cmn-latn-pinyin"


def test_espeak_renders_every_utterance_of_a_page_in_order(browser, served, tmp_path):
    """The utterances of 二、培训的目的 as the page hands them to speech synthesis, rendered by
    espeak-ng (Mandarin) into one WAV: every Han character becomes a Mandarin syllable, and the
    length fits Mandarin read at espeak's pace. The WAV stays in a temporary folder.

    The voice is cmn-latn-pinyin: Debian's espeak-ng 1.51 "cmn" voice speaks the pinyin of many
    characters as English words ("的" as "de five"); the pinyin variant reads them as Mandarin."""
    page = reader(browser, shared=True)
    page.goto(served + "mudi.html")
    open_tools(page)
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'")
    texts = spoken(page)
    pieces = []
    syllables = 0
    for n, text in enumerate(texts):
        wav = tmp_path / f"{n:03}.wav"
        subprocess.run(["espeak-ng", "-v", VOICE, "-w", str(wav), text], check=True)
        pieces.append(str(wav))
        phonemes = subprocess.run(["espeak-ng", "-v", VOICE, "-q", "-x", text], capture_output=True,
                                  text=True, check=True).stdout
        assert "(en)" not in phonemes, text                          # nothing read as English
        # One tone contour (55, 35, 21, 51, 33) per syllable in espeak's Mandarin phonemes.
        syllables += len(re.findall(r"[1-5]{2}", phonemes))
    whole = tmp_path / "mudi.wav"
    subprocess.run(["sox", *pieces, str(whole)], check=True)
    seconds = float(subprocess.run(["soxi", "-D", str(whole)], capture_output=True, text=True, check=True).stdout)
    han = len(re.findall(r"[\u4e00-\u9fff]", "".join(texts)))
    assert han == len(re.findall(r"[\u4e00-\u9fff]", "".join(t for _, t in EXPECTED["mudi.html"])))
    assert syllables == han
    assert 2 <= han / seconds <= 8, f"{han} characters in {seconds:.1f} s"
    print(f"mudi.html: {len(texts)} utterances, {han} characters, {seconds:.1f} s of speech")
