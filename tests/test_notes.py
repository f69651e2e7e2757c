"""学习笔记 (notes.js, 我的笔记): marking by mouse, touch and keyboard; marks kept across visits and
found again when the edition changes; the export, to the character, as the oracle has the speech;
what a reader types stays text; storage refused loses nothing; from disk; axe in every palette.
The logic without a page is tested under node (tests/js/notes.test.js)."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import static_server
from axe import add_axe, axe_violations
from browser_wait import record_problems, until
from conftest import copy_project, parsed_page
from harness import build_site
from oracle import SOURCE, edition
from test_access import CHINESE, STANDIN

EDITION = edition()
TEXTS = {"kaichang-1": EDITION.opening} | {
    f"{s.slug}-{n}": text for s in EDITION.sections for n, text in enumerate(s.paragraphs, 1)}
LABELS = {"kaichang-1": "开场白"} | {
    f"{s.slug}-{n}": f"{s.heading} 第 {n} 段" for s in EDITION.sections for n, _ in enumerate(s.paragraphs, 1)}
PAGES = {"kaichang-1": "index.html"} | {
    f"{s.slug}-{n}": f"{s.slug}.html" for s in EDITION.sections for n, _ in enumerate(s.paragraphs, 1)}
KEY = "jianghua.notes"
STATUS = "document.querySelector('[data-md-component=dialog]').innerText"
TZ = "Asia/Shanghai"
REFUSE_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError") }"""


def today() -> str:
    return datetime.now(ZoneInfo(TZ)).date().isoformat()


def reference(base: str, para: str) -> str:
    return f"佚名. {EDITION.title}[EB/OL]. (2022)[{today()}]. {base}{PAGES[para]}#{para}."


def mark_of(para: str, quote: str, thought: str = "", nth: int = 0) -> dict:
    """A mark as notes.js stores it, made from the oracle's text."""
    start = -1
    for _ in range(nth + 1):
        start = TEXTS[para].index(quote, start + 1)
    return {"id": f"{para}-{start}", "para": para, "start": start, "end": start + len(quote), "quote": quote,
            "thought": thought, "at": start}


@pytest.fixture(scope="module")
def served(site):
    """The site served with its _headers: the Content-Security-Policy the build writes."""
    server, url = static_server.start(site, headers=True)
    yield url
    server.shutdown()


@pytest.fixture
def reader(browser):
    """A page of its own context (the reader's time zone, copy allowed) that records script
    errors and CSP refusals in page.problems. Each test sets its own width, touch and stubs."""
    contexts = []

    def make(width=1280, height=900, init=None, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", timezone_id=TZ,
                                      **options)
        contexts.append(context)
        if init:
            context.add_init_script(init)
        page = context.new_page()
        record_problems(page)
        return page

    yield make
    for context in contexts:
        context.close()


def stored(page) -> list[dict]:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or '{"marks": []}')["marks"]


def seed(page, base: str, marks: list[dict]) -> None:
    page.goto(base + "shuyu.html")
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps({'version': 1, 'marks': marks}))})")


def shown_marks(page, para: str) -> str:
    return page.evaluate(f"[...document.querySelectorAll('#{para} mark.note-mark')].map(m => m.textContent).join('')")


def loaded_notes(page) -> bool:
    return page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('notes.min.js'))")


# Marking ---------------------------------------------------------------------------------------

def test_mark_by_mouse_is_kept_across_visits_and_the_code_loads_on_first_use(reader, served):
    page = reader()
    page.goto(served + "yiyi.html")
    assert not loaded_notes(page), "a first visit loads the notes' code"
    # The first line of the paragraph's second sentence, from its start, some 12 characters on.
    line = page.evaluate("(() => { const r = document.querySelectorAll('#yiyi-3 .sentence')[1].getClientRects()[0]"
                         "; return { x: r.x, y: r.y + r.height / 2, width: r.width } })()")
    page.mouse.move(line["x"] + 2, line["y"])
    page.mouse.down()
    page.mouse.move(line["x"] + min(line["width"] - 2, 240), line["y"], steps=6)
    page.mouse.up()
    page.get_by_role("button", name="划线", exact=True).click()
    until(page, f"!!localStorage.getItem('{KEY}')", "nothing stored after 划线")
    [mark] = stored(page)
    assert mark["para"] == "yiyi-3" and len(mark["quote"]) >= 5
    assert TEXTS["yiyi-3"][mark["start"]:mark["end"]] == mark["quote"]     # the oracle's words, offsets too
    assert shown_marks(page, "yiyi-3") == mark["quote"]
    assert "已划线" in page.evaluate(STATUS)
    page.reload()
    until(page, "document.querySelectorAll('#yiyi-3 mark.note-mark').length > 0", "the mark is gone after a reload")
    assert shown_marks(page, "yiyi-3") == mark["quote"]
    assert page.locator(".notes-bar").count() == 0
    assert page.problems == []


def test_mark_by_touch_on_a_phone_leaves_out_the_note_number(reader, served):
    """A phone's selection handles change the selection without a touchend on the page: the bar
    comes from selectionchange; its buttons are 44 px targets. The selection runs over the note
    number 2 in yiyi-3 (an editorial mark): the mark holds the speech's words only."""
    page = reader(width=360, height=740, has_touch=True, is_mobile=True, device_scale_factor=2)
    page.goto(served + "yiyi.html")
    page.evaluate("""() => {
      // The mark is kept with the character before it (span.with-note): 新形 | 式² | ，每个
      const kept = document.querySelector('#yiyi-3 sup.editorial').closest('.with-note')
      const before = kept.previousSibling, after = kept.nextSibling
      getSelection().setBaseAndExtent(before, before.length - 2, after, 3)
    }""")
    page.wait_for_selector(".notes-bar")
    heights = page.evaluate("[...document.querySelectorAll('.notes-bar button')].map(b => b.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights
    page.get_by_role("button", name="划线", exact=True).tap()
    until(page, f"!!localStorage.getItem('{KEY}')")
    [mark] = stored(page)
    assert mark["quote"] == "新形式，每个" == TEXTS["yiyi-3"][mark["start"]:mark["end"]]
    assert page.problems == []


def test_mark_a_paragraph_a_sentence_and_write_a_thought_by_keyboard(reader, served):
    page = reader()
    page.goto(served + "mudi.html")
    link = page.locator("#mudi-4 a.para-link")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                       # the ¶: copies the reference, opens the bar
    until(page, "document.activeElement.textContent === '划线本段'", "the ¶ did not offer 划线本段")
    assert "已复制引用" in page.evaluate(STATUS)
    page.keyboard.press("Enter")
    until(page, f"!!localStorage.getItem('{KEY}')")
    assert [m["quote"] for m in stored(page)] == [TEXTS["mudi-4"]]
    assert page.evaluate("document.activeElement.matches('#mudi-4 a.para-link')"), "focus not back on the ¶"

    page.keyboard.press("Enter")
    until(page, "document.activeElement.textContent === '划线本段'")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "逐句划线"
    page.keyboard.press("Enter")
    until(page, "document.activeElement.textContent.startsWith('第 1 句')")
    page.keyboard.press("Enter")
    until(page, f"JSON.parse(localStorage.getItem('{KEY}')).marks.length === 2")
    sentence = stored(page)[1]["quote"]
    assert sentence == page.evaluate("document.querySelector('#mudi-4 .sentence').textContent")
    assert TEXTS["mudi-4"].startswith(sentence) and sentence != TEXTS["mudi-4"]

    page.keyboard.press("Enter")
    until(page, "document.activeElement.textContent === '划线本段'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "给本段写想法"
    page.keyboard.press("Enter")
    until(page, "document.activeElement.matches('.notes-bar textarea')")
    page.keyboard.type("联系支部实际")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                       # 保存想法
    until(page, f"{STATUS}.includes('想法已保存')")
    assert [m["thought"] for m in stored(page)] == ["联系支部实际", ""]
    assert page.evaluate("document.activeElement.matches('#mudi-4 .note-sign')"), "focus not on the mark's sign"
    assert page.problems == []


def test_selections_across_sections_or_on_editorial_marks_alone_are_refused_plainly(reader, served):
    page = reader()
    page.goto(served + "quanwen.html")
    page.evaluate("""() => {
      const last = [...document.querySelectorAll('p.speech[id^=yiyi-]')].pop()
      getSelection().setBaseAndExtent(last.firstChild, 0, document.getElementById('mudi-1'), 1)
    }""")
    page.wait_for_selector(".notes-bar")
    assert "不同部分" in page.locator(".notes-bar").inner_text()
    assert page.get_by_role("button", name="划线", exact=True).count() == 0
    page.evaluate("""() => {
      const sup = document.querySelector('#yiyi-2 sup.editorial a')
      getSelection().setBaseAndExtent(sup.firstChild, 0, sup.firstChild, 1)
    }""")
    until(page, f"{STATUS}.includes('编者加的标记')", "a selection of a note number alone is not refused")
    assert stored(page) == []
    assert page.problems == []


# Kept, and never lost ----------------------------------------------------------------------------

def test_a_changed_edition_reanchors_the_marks_that_match_and_lists_the_other_as_not_found(reader, browser, tmp_path):
    """A build with yiyi-2 edited before a mark (its words moved by one character) and yiyi-3's
    marked words changed: the first mark is found at its new place, the second is listed under
    未能定位 with its words and thought; none disappears."""
    project = copy_project(tmp_path / "project")
    for path in (project / "docs" / "yiyi.md", project / SOURCE.relative_to(SOURCE.parents[1])):
        text = path.read_text(encoding="utf-8")
        assert "要全面提升党建工作" in text and "我们整个局系统现在处于" in text
        path.write_text(text.replace("要全面提升党建工作", "要全面地提升党建工作")
                            .replace("我们整个局系统现在处于", "我们整个系统正处于"), encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    server, base = static_server.start(tmp_path / "site", headers=True)
    try:
        moved, lost, kept = (mark_of("yiyi-2", "实打实地抓"), mark_of("yiyi-3", "我们整个局系统现在处于", "旧的想法"),
                             mark_of("mudi-1", TEXTS["mudi-1"][:6]))
        page = reader()
        seed(page, base, [lost, moved, kept])
        page.goto(base + "biji.html")
        page.wait_for_selector(".notes-card")
        cards = page.locator(".notes-book__list .notes-card")
        assert cards.count() == 2
        assert cards.nth(0).locator(".notes-card__quote").inner_text() == "“实打实地抓”"
        assert cards.nth(1).locator(".notes-card__label").inner_text() == LABELS["mudi-1"]
        assert page.locator(".notes-book__lost").is_visible()
        lost_card = page.locator(".notes-book__lost .notes-card")
        assert lost_card.count() == 1
        assert lost_card.locator(".notes-card__quote").inner_text() == "“我们整个局系统现在处于”"
        assert lost_card.locator(".notes-card__thought").inner_text() == "想法：旧的想法"
        by_id = {m["id"]: m for m in stored(page)}
        assert by_id[moved["id"]]["start"] == moved["start"] + 1          # stored at its new place
        assert by_id[lost["id"]] == lost                                  # kept as it was
        # On the section page the moved mark is drawn at its new place, the lost one nowhere.
        page.goto(base + "yiyi.html")
        until(page, "document.querySelectorAll('mark.note-mark').length > 0")
        assert shown_marks(page, "yiyi-2") == "实打实地抓" and shown_marks(page, "yiyi-3") == ""
        assert page.problems == []
    finally:
        server.shutdown()


def test_storage_refused_loses_nothing_typed_and_offers_the_export(reader, served):
    page = reader(init=REFUSE_STORAGE, accept_downloads=True)
    page.goto(served + "yiyi.html")
    page.locator("#yiyi-4").hover()
    page.locator("#yiyi-4 a.para-link").click()
    page.get_by_role("button", name="给本段写想法").click()
    warning = page.locator(".notes-warning[role=alert]")
    until(page, "!!document.querySelector('.notes-warning')", "a refused save is not told")
    assert "没有保存" in warning.inner_text()
    page.locator(".notes-bar textarea").fill("这次写下的想法")
    page.get_by_role("button", name="保存想法").click()
    # Not saved, so the editor stays open with what was typed; the mark stays on the page.
    assert page.locator(".notes-bar textarea").input_value() == "这次写下的想法"
    assert shown_marks(page, "yiyi-4") == TEXTS["yiyi-4"]
    with page.expect_download() as download:
        warning.get_by_role("button", name="下载纯文本").click()
    text = open(download.value.path(), encoding="utf-8-sig", newline="").read()
    assert text.startswith(f"学习笔记：《{EDITION.title}》\r\n")
    assert f"\r\n“{TEXTS['yiyi-4']}”\r\n想法：这次写下的想法\r\n{reference(served, 'yiyi-4')}\r\n" in text
    assert page.problems == []


# 我的笔记 and the export -------------------------------------------------------------------------

def test_the_notebook_data_is_the_oracles_speech(site):
    data = json.loads(parsed_page(site / "biji.html").select_one("script.notes-data").string)
    assert [(p["id"], p["text"]) for p in data["paragraphs"]] == list(TEXTS.items())
    assert [p["label"] for p in data["paragraphs"]] == list(LABELS.values())
    assert [p["page"] for p in data["paragraphs"]] == list(PAGES.values())
    assert data["reference"] == f"佚名. {EDITION.title}[EB/OL]. (2022)"


HOSTILE = ["<script>window.hacked = 1</script><img src=x onerror=window.hacked=1>",
           "引用\u202e倒排\u202c与\u200f标记 😀👨‍👩‍👧 &amp; </textarea>"]


def test_export_is_the_marked_passages_as_the_oracle_has_them_with_their_references(reader, served):
    marks = [mark_of("yaoqiu-2", TEXTS["yaoqiu-2"][3:20], HOSTILE[1]), mark_of("kaichang-1", TEXTS["kaichang-1"]),
             mark_of("yiyi-3", "新形式", HOSTILE[0]), mark_of("yiyi-3", TEXTS["yiyi-3"][:9])]
    page = reader(accept_downloads=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    seed(page, served, marks)
    page.goto(served + "biji.html")
    page.wait_for_selector(".notes-card")
    order = ["kaichang-1", "yiyi-3", "yiyi-3", "yaoqiu-2"]
    assert [c.inner_text() for c in page.locator(".notes-card__label").all()] == [LABELS[p] for p in order]
    expected = [f"学习笔记：《{EDITION.title}》", f"共 4 条，{today()} 导出", ""]
    for m in [marks[1], marks[3], marks[2], marks[0]]:
        expected += [LABELS[m["para"]], f"“{TEXTS[m['para']][m['start']:m['end']]}”"]
        expected += [f"想法：{m['thought']}"] if m["thought"] else []
        expected += [reference(served, m["para"]), ""]
    with page.expect_download() as download:
        page.get_by_role("button", name="下载全部笔记（.txt）").click()
    raw = open(download.value.path(), "rb").read()
    assert raw.startswith("\ufeff".encode()) and b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.decode("utf-8-sig") == "\r\n".join(expected)
    page.get_by_role("button", name="复制全部笔记（纯文本）").click()
    until(page, f"{STATUS}.includes('已复制全部笔记')")
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(expected)
    # What a reader typed is text on the page too: no element, no script run.
    assert page.evaluate("window.hacked") is None
    assert page.locator(".notes-book img, .notes-book script:not(.notes-data)").count() == 0
    assert page.locator(".notes-card__thought .sentence").all_inner_texts() == [HOSTILE[0], HOSTILE[1]]
    assert page.problems == []


def test_a_thought_over_2000_characters_is_refused_plainly_not_cut(reader, served):
    page = reader()
    seed(page, served, [mark_of("mudi-2", TEXTS["mudi-2"][:8])])
    page.goto(served + "biji.html")
    page.get_by_role("button", name=f"写想法：{LABELS['mudi-2']}").click()
    box = page.locator(".notes-editor textarea")
    box.fill("想" * 1999 + "😀😀")
    assert "超出 1 字" in page.locator(".notes-editor__count").inner_text()
    page.get_by_role("button", name="保存想法").click()
    assert "最多 2000 字，现在是 2001 字" in page.locator(".notes-editor [role=alert]").inner_text()
    assert box.input_value() == "想" * 1999 + "😀😀"                   # nothing cut
    assert stored(page)[0]["thought"] == ""
    box.press("End")
    box.press("Backspace")                                             # the last emoji, whole
    page.get_by_role("button", name="保存想法").click()
    until(page, f"JSON.parse(localStorage.getItem('{KEY}')).marks[0].thought.length === 2001")  # UTF-16 units
    assert stored(page)[0]["thought"] == "想" * 1999 + "😀"
    assert page.problems == []


def test_delete_and_clear_all_with_a_confirmation(reader, served):
    page = reader()
    seed(page, served, [mark_of("mudi-2", TEXTS["mudi-2"][:8]), mark_of("mudi-3", TEXTS["mudi-3"][:8])])
    page.goto(served + "biji.html")
    page.get_by_role("button", name=f"删除笔记：{LABELS['mudi-2']}").click()
    assert [m["para"] for m in stored(page)] == ["mudi-3"]
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="清除全部笔记").click()
    assert len(stored(page)) == 1, "cleared without the reader's yes"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="清除全部笔记").click()
    assert stored(page) == []
    assert "还没有笔记" in page.locator(".notes-book__count").inner_text()
    assert page.problems == []


def test_inside_wechat_copy_and_print_stay_and_no_download_is_offered(reader, served):
    page = reader(width=360, height=780, is_mobile=True, has_touch=True,
                  user_agent="Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/120 Mobile MicroMessenger/8.0.40")
    seed(page, served, [mark_of("mudi-2", TEXTS["mudi-2"][:8])])
    page.goto(served + "biji.html")
    page.wait_for_selector(".notes-card")
    shown = [b.inner_text() for b in page.locator(".notes-book__actions button").all() if b.is_visible()]
    assert shown == ["复制全部", "打印", "全部清除"]
    assert page.problems == []


def test_from_disk_marks_reach_my_notes_with_links_back(reader, site):
    page = reader()
    page.goto((site / "yiyi.html").as_uri())
    page.locator("#yiyi-2").hover()
    page.locator("#yiyi-2 a.para-link").click()
    page.get_by_role("button", name="划线本段").click()
    page.goto((site / "biji.html").as_uri())
    page.wait_for_selector(".notes-card")
    link = page.locator(".notes-card__label")
    assert link.inner_text() == LABELS["yiyi-2"]
    assert link.get_attribute("href") == (site / "yiyi.html").as_uri() + "#yiyi-2"
    assert page.locator(".notes-card__quote").inner_text() == f"“{TEXTS['yiyi-2']}”"
    assert page.problems == []


def test_read_aloud_on_my_notes_reads_the_passages_and_the_thoughts(reader, served):
    page = reader(init=f"window.__speechConfig = {json.dumps({'voices': CHINESE})};\n{STANDIN}")
    seed(page, served, [mark_of("mudi-3", TEXTS["mudi-3"][:10], "第一条想法"), mark_of("mudi-1", TEXTS["mudi-1"][:6])])
    page.goto(served + "biji.html")
    page.wait_for_selector(".notes-card")
    page.click(".access-entry")
    page.wait_for_selector("#access-tools:not([hidden])")
    page.click("[data-access-action=read]")
    until(page, "document.querySelector('.access-status').textContent === '朗读完毕'")
    assert page.evaluate("window.__speech.spoken.map(u => u.text)") == [
        f"“{TEXTS['mudi-1'][:6]}”", f"“{TEXTS['mudi-3'][:10]}”", "第一条想法"]
    assert page.problems == []


# Accessible in every palette ---------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark", "heihuang", "baihei"])
def test_axe_finds_nothing_with_marks_shown_in_every_palette(reader, base_url, scheme):
    """Served without the CSP, which would refuse axe (an inline script)."""
    access = {"peise": scheme} if scheme in ("heihuang", "baihei") else {}
    page = reader(color_scheme="dark" if scheme == "dark" else "light",
                  init=f"localStorage.setItem('jianghua.access', {json.dumps(json.dumps(access))})")
    seed(page, base_url, [mark_of("yiyi-3", "智慧型城市", "想法"), mark_of("yiyi-3", TEXTS["yiyi-3"][:9])])
    pages = {}
    page.goto(base_url + "yiyi.html")
    until(page, "document.querySelectorAll('.note-sign').length === 1")
    page.locator(".note-sign").click()                                  # its bar open too
    page.wait_for_selector(".notes-bar")
    pages[f"yiyi ({scheme})"] = page
    other = page.context.new_page()
    other.goto(base_url + "biji.html")
    other.wait_for_selector(".notes-card")
    pages[f"biji ({scheme})"] = other
    for tab in pages.values():
        add_axe(tab)
    assert axe_violations(pages) == []
    # The underline has a colour of its own, not the text's.
    line, text = page.evaluate("""(() => { const s = getComputedStyle(document.querySelector('mark.note-mark'))
        return [s.textDecorationColor, s.color] })()""")
    assert line != text
