"""Chinese full-text search, in Chromium, through Material's own search box."""

import opencc
import pytest

import edition
from search_queries import MULTI_WORD, SINGLE_PHRASES, TRADITIONAL
from search_ui import fold, highlighted, open_search, run_query

EDITION = edition.edition()
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


@pytest.mark.parametrize("query", SINGLE_PHRASES)
def test_phrase_lists_first_a_page_that_contains_it_and_every_such_page(search_page, query):
    expected = pages_containing(query)
    answer = run_query(search_page, query)
    assert not answer["timedOut"]
    assert answer["page_files"], f"{query!r}: nothing found"
    assert answer["page_files"][0] in expected, f"{query!r}: first hit {answer['page_files'][0]}, expected one of {expected}"
    assert expected <= set(answer["page_files"]), f"{query!r}: missing {expected - set(answer['page_files'])}"
    # The whole phrase is highlighted in the snippet, not scattered characters.
    # (Adjacent hits merge into one mark, as 谢 in 谢谢.)
    assert answer["marks"] and all(fold(query) in fold(mark) for mark in answer["marks"]), answer["marks"]


@pytest.mark.parametrize("query", MULTI_WORD)
def test_words_separated_by_spaces_list_pages_with_all_of_them_first(search_page, query):
    words = query.split()
    with_all = set.intersection(*(pages_containing(w) for w in words))
    with_some = set.union(*(pages_containing(w) for w in words)) - with_all
    answer = run_query(search_page, query)
    speech_order = [p for p in answer["page_files"] if p in SPEECH_PAGES]
    assert set(speech_order) == with_all | with_some
    assert set(speech_order[:len(with_all)]) == with_all, f"{query!r}: {speech_order}, all words in {with_all}"


@pytest.mark.parametrize("traditional,simplified", TRADITIONAL.items())
def test_traditional_characters_find_the_same_passages(search_page, traditional, simplified):
    assert opencc.OpenCC("t2s.json").convert(traditional) == simplified  # the pair itself is right
    trad = run_query(search_page, traditional)
    simp = run_query(search_page, simplified)
    assert simp["links"] and trad["links"] == simp["links"]


def test_no_match_says_so_in_chinese_and_clears_old_results(search_page):
    assert run_query(search_page, "党章")["pages"]
    answer = run_query(search_page, "量子计算机")
    assert answer["pages"] == [] and answer["meta"] == "没有找到符合条件的结果"
    assert search_page.locator(".md-search-result__list > *").count() == 0


@pytest.mark.parametrize("query,paragraph", [("三会一课", "mudi-4"), ("谋财害命", "yaoqiu-4"),
                                             ("务干部培训", "biaoti"), ("大家去感悟", "kaichang-1"), ("读书如果不加思考,不是学习", "yaoqiu-3")])
def test_hit_opens_the_paragraph_scrolled_into_view_and_highlighted(browser, base_url, query, paragraph):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "yaoqiu.html")
    open_search(page)
    answer = run_query(page, query)
    child = next(href for links in answer["links"] for href in links[1:] if href.endswith("#" + paragraph))
    page.locator(f'.md-search-result a[href="{child}"]').click()
    page.wait_for_load_state()
    page.wait_for_timeout(200)
    marks = page.locator(f"#{paragraph} mark.search-hit")
    assert fold("".join(marks.all_inner_texts())) == fold(query)
    box = marks.first.bounding_box()
    assert box and 0 <= box["y"] <= 844 - box["height"], f"highlight not in view: {box}"
    assert highlighted(child) and all(h in page.locator(f"#{paragraph}").inner_text() for h in highlighted(child))
    context.close()


def test_search_works_from_disk(browser, site):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "mudi.html").as_uri())
    open_search(page)
    answer = run_query(page, "黨章")
    assert answer["page_files"][0] == "yiyi.html"
    page.locator(".md-search-result__item a").nth(1).click()
    page.wait_for_load_state()
    assert page.locator("#yiyi-5 mark.search-hit").count() == 4
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in requests), requests
    context.close()
