"""Chinese full-text search: every query of the set against the built index under node, and a
handful end to end in Chromium, through Material's own search box."""

import json
import os
import re
import subprocess
from urllib.parse import urlencode

import opencc
import pytest

import oracle
from search_queries import MULTI_WORD, SINGLE_PHRASES, TRADITIONAL
from browser_wait import until
from conftest import ROOT
from search_ui import fold, highlighted, open_search, run_query

QUALITY_TEST = ROOT / "tests" / "js" / "search-quality.run.js"
RECALL_TEST = ROOT / "tests" / "js" / "search-recall.run.js"

EDITION = oracle.edition()
# The pages whose speech the search must find, and their text as the source gives it.
SPEECH_PAGES = {
    "index.html": "\n".join(t for _, t in EDITION.home_blocks()),
    **{f"{s.slug}.html": "\n".join(t for _, t in s.blocks()) for s in EDITION.sections},
}


def pages_containing(phrase: str) -> set[str]:
    return {name for name, text in SPEECH_PAGES.items()
            if any(fold(phrase) in fold(block) for block in text.split("\n"))}


def test_query_set_is_large_and_every_query_is_in_the_speech():
    assert len(SINGLE_PHRASES) + len(MULTI_WORD) + len(TRADITIONAL) >= 80
    for phrase in SINGLE_PHRASES:
        assert pages_containing(phrase), f"{phrase!r} is not in the speech: fix the query set"
    for traditional, simplified in TRADITIONAL.items():
        assert opencc.OpenCC("t2s.json").convert(traditional) == simplified   # the pair itself is right


def test_every_query_finds_what_the_source_says_it_should_under_node(site, tmp_path):
    """Each query of the set, answered by the worker as shipped over the index this build wrote
    (tests/js/search-quality.run.js, one node test a query): the expectations come from here."""
    cases = {
        "index": str(site / "search" / "search_docs.js"),
        "speechPages": sorted(SPEECH_PAGES),
        "phrases": [{"query": q, "pages": sorted(pages_containing(q))} for q in SINGLE_PHRASES],
        "multiWord": [multi_word_case(q) for q in MULTI_WORD],
        "traditional": list(TRADITIONAL.items()),
    }
    (tmp_path / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", "--test", "--test-reporter=tap", str(QUALITY_TEST)], cwd=ROOT,
                            env={**os.environ, "SEARCH_QUALITY_CASES": str(tmp_path / "cases.json")},
                            capture_output=True, text=True, timeout=120)
    failures = [line for line in result.stdout.splitlines() if line.lstrip().startswith("not ok")]
    assert result.returncode == 0 and not failures, "\n".join(failures) or result.stdout[-3000:] + result.stderr
    ran = re.search(r"^# pass (\d+)$", result.stdout, re.M)
    assert ran and int(ran.group(1)) == len(SINGLE_PHRASES) + len(MULTI_WORD) + len(TRADITIONAL)


def test_remembered_gists_reach_their_paragraph_under_node(site):
    """design/search.md's evaluation set over the index this build wrote (tests/js/search-recall.run.js)."""
    result = subprocess.run(["node", "--test", "--test-reporter=tap", str(RECALL_TEST)], cwd=ROOT,
                            env={**os.environ, "SEARCH_INDEX": str(site / "search" / "search_docs.js")},
                            capture_output=True, text=True, timeout=120)
    figures = re.search(r"^\s*# (evaluation set: .*)$", result.stdout, re.M)
    assert result.returncode == 0 and figures, result.stdout[-3000:] + result.stderr
    print(figures.group(1))


def test_editors_notes_are_searchable_as_their_text(site):
    """Each note as the Markdown defines it ([^name]: 编者注：…), no more and no less, listed as 编者注."""
    from speech.search.index import read_docs_file

    docs = {doc["location"]: doc for doc in read_docs_file(site / "search" / "search_docs.js")["docs"]}
    notes = {f"{md.stem}.html#fn:{name}": text for md in (ROOT / "docs").glob("*.md")
             for name, text in re.findall(r"^\[\^([\w-]+)\]: (.+)$", md.read_text(encoding="utf-8"), re.M)}
    assert len(notes) >= 4
    for location, text in notes.items():
        assert docs[location]["text"] == text and docs[location]["title"].endswith("编者注"), docs[location]


def multi_word_case(query: str) -> dict:
    words = query.split()
    with_all = set.intersection(*(pages_containing(w) for w in words))
    with_some = set.union(*(pages_containing(w) for w in words)) - with_all
    return {"query": query, "withAll": sorted(with_all), "withSome": sorted(with_some)}


# End to end in Chromium, through Material's own search box: a handful of queries of each kind.
@pytest.mark.parametrize("query", ["三会一课", "读书如果不加思考,不是学习。", "谢", "的放矢，就"])
def test_phrase_lists_first_a_page_that_contains_it_and_every_such_page(search_page, query):
    expected = pages_containing(query)
    answer = run_query(search_page, query)
    assert not answer["timedOut"]
    assert answer["page_files"], f"{query!r}: nothing found"
    assert answer["page_files"][0] in expected, f"{query!r}: first hit {answer['page_files'][0]}, expected one of {expected}"
    assert expected <= set(answer["page_files"]), f"{query!r}: missing {expected - set(answer['page_files'])}"
    assert answer["marks"] and all(fold(query) in fold(mark) for mark in answer["marks"]), answer["marks"]


def test_words_separated_by_spaces_list_pages_with_all_of_them_first(search_page):
    case = multi_word_case("鲁迅　学用结合")
    answer = run_query(search_page, case["query"])
    speech_order = [p for p in answer["page_files"] if p in SPEECH_PAGES]
    assert set(speech_order) == set(case["withAll"]) | set(case["withSome"])
    assert set(speech_order[:len(case["withAll"])]) == set(case["withAll"]), speech_order


def test_traditional_characters_find_the_same_passages(search_page):
    trad = run_query(search_page, "從嚴治黨")
    simp = run_query(search_page, "从严治党")
    assert simp["links"] and trad["links"] == simp["links"]


def test_no_match_says_so_in_chinese_and_clears_old_results(search_page):
    assert run_query(search_page, "党章")["pages"]
    answer = run_query(search_page, "量子计算机")
    assert answer["pages"] == [] and answer["meta"] == "没有找到符合条件的结果"
    assert search_page.locator(".md-search-result__list > *").count() == 0


@pytest.mark.parametrize("query", ["单位职能职责搞清楚", "三会一课", "实事求是"])
def test_the_result_count_has_one_wording_for_one_page_and_for_many(search_page, query):
    answer = run_query(search_page, query)
    assert answer["meta"] == f"在 {len(answer['pages'])} 个页面中找到符合条件的结果"


NEAR_LINE = "没有完全相同的字句，以下段落包含其中的词语"


def test_near_hit_is_listed_under_its_line_and_opens_with_each_piece_marked_in_its_paragraph(browser, base_url):
    """单位的职能职责要搞清楚 remembered without 的 and 要: on a phone, from 一、培训的意义."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url + "yiyi.html")
    open_search(page)
    answer = run_query(page, "单位职能职责搞清楚")
    assert page.locator(".md-search-result .search-near").all_inner_texts() == [NEAR_LINE]
    assert answer["marks"][:3] == ["单位", "职能职责", "搞清楚"]     # the first near hit's
    child = answer["links"][0][1]
    assert child.endswith("#mudi-2")
    with page.expect_navigation():
        page.locator(f'.md-search-result a[href="{child}"]').click()
    until(page, """(() => { const mark = document.querySelector('#mudi-2 mark.search-hit')
        const box = mark && mark.getBoundingClientRect()
        return !!box && box.top >= 0 && box.bottom <= innerHeight })()""", "no near-hit mark in view")
    marks = page.locator("article mark.search-hit")
    # Each piece wherever it stands in that paragraph (a paragraph's last two characters are
    # kept together in a span of their own, so 搞清楚 may be marked as 搞 and 清楚), nowhere else.
    assert marks.count() == page.locator("#mudi-2 mark.search-hit").count() >= 3
    assert all(any(mark in piece for piece in ("单位", "职能职责", "搞清楚")) for mark in marks.all_inner_texts())
    # A crafted link whose hl= and hw= overlap: one mark over both, never a mark in a mark.
    page.goto(base_url + "mudi.html?" + urlencode([("hl", "单位"), ("hw", "单位的职能"), ("hw", "职责")]) + "#mudi-2")
    assert page.locator("#mudi-2 mark.search-hit").first.inner_text() == "单位的职能职责"
    assert page.locator("mark mark").count() == 0
    page.close()


HITS = [("三会一课", "mudi-4"), ("谋财害命", "yaoqiu-4"), ("务干部培训", "biaoti"), ("大家去感悟", "kaichang-1"),
        ("读书如果不加思考,不是学习", "yaoqiu-3")]


def test_hit_opens_the_paragraph_scrolled_into_view_and_highlighted(browser, base_url):
    """Each query searched from 三、培训的基本要求 in turn, in one tab, on a phone's screen."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for query, paragraph in HITS:
        page.goto(base_url + "yaoqiu.html")
        open_search(page)
        answer = run_query(page, query)
        child = next(href for links in answer["links"] for href in links[1:] if href.endswith("#" + paragraph))
        with page.expect_navigation():       # the hit's page loaded, not the search's still shown
            page.locator(f'.md-search-result a[href="{child}"]').click()
        marks = page.locator(f"#{paragraph} mark.search-hit")
        # The page marks the passage, then brings it into view: wait for the mark to be in view.
        until(page, f"""(() => {{ const mark = document.querySelector('#{paragraph} mark.search-hit')
            const box = mark && mark.getBoundingClientRect()
            return !!box && box.top >= 0 && box.bottom <= innerHeight }})()""",
              f"{query}: no highlight in view on {page.url}")
        assert fold("".join(marks.all_inner_texts())) == fold(query), query
        box = marks.first.bounding_box()
        assert box and 0 <= box["y"] <= 844 - box["height"], f"{query}: highlight not in view: {box}"
        assert highlighted(child) and all(h in page.locator(f"#{paragraph}").inner_text() for h in highlighted(child)), query
    page.close()


def test_search_works_from_disk(browser, site):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "mudi.html").as_uri())
    open_search(page)
    answer = run_query(page, "黨章")
    assert answer["page_files"][0] == "yiyi.html"
    with page.expect_navigation():
        page.locator(".md-search-result__item a").nth(1).click()
    assert page.locator("#yiyi-5 mark.search-hit").count() == 4
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in requests), requests
    context.close()


def test_the_page_marks_as_many_passages_as_the_index_lets_a_link_carry():
    """The page script cannot read the index; it states the cap again, and this keeps the two equal."""
    from speech.search.index import MAX_PASSAGES

    script = (ROOT / "docs" / "assets" / "javascripts" / "page" / "search-hits.js").read_text(encoding="utf-8")
    assert re.search(r"const MAX_PASSAGES = (\d+)", script).group(1) == str(MAX_PASSAGES)
