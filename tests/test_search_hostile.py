"""Hostile text typed into search never breaks the page."""

import pytest

from search_ui import run_query

OPERATORS = ["-", "+", "*", "~", "^", ":", "?", "|", "&", "!", "=", "<", ">", "%", "$", "#", "@", "`"]
QUOTES_AND_BRACKETS = ['"', "'", "“", "”", "‘", "’", "(", ")", "[", "]", "{", "}", "（", "）", "【", "】",
                       "《", "》", "\\", "/", "\\\\", "\\u0000"]
MARKUP = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
    "</mark><b>x</b>", "<mark>党章</mark>", "党章<img src=x onerror=alert(1)>", "&lt;script&gt;", "&amp;&#x3C;", "javascript:alert(1)",
    "<iframe src=javascript:alert(1)>", "{{7*7}}", "${alert(1)}", "<!--", "]]>", "<a href=x>党章</a>",
    "'; DROP TABLE docs; --", "党章 <img src=x onerror=alert(1)>", "三会一课 <script>alert(1)</script>",
    '问题导向 "><svg onload=alert(1)>', "党章<style>*{display:none}</style>", "<details open ontoggle=alert(1)>",
]
SPECIAL = [
    "x" * 2000, "党" * 2000, "三会一课 " * 400, "😀", "党章😀", "👨‍👩‍👧‍👦 党建", "\u200b", "党\u200b章",
    "\u3000", "党章\u3000问题导向", "\u202e党章", "\ufeff党章", "\u00a0", "　　　", "\t\n党章\r\n",
    "Ｐａｒｔｙ", "ＡＢＣ１２３", "𠀀𠀁", "\ud7ff", "党章" + "\u0301" * 20, "．。，、；：？！", "……——",
    "title:党章", "text:党章", "党章~2", "党章^10", "+党章 -问题", "党章*", "*", "**", "~", "^", ":", "-",
    "+", "党 OR 章", "党 AND 章", "NOT 党章", "/党章/", ".*", "(?:)", "[^]", "\\d+", "\\", "\\\\党章",
]


def hostile_queries() -> list[str]:
    queries = list(MARKUP) + list(SPECIAL)
    for op in OPERATORS:
        queries += [op, op * 3, f"{op}党章", f"党章{op}", f"党{op}章", f"{op}{op}三会一课{op}"]
    for q in QUOTES_AND_BRACKETS:
        queries += [q, f"{q}党章", f"党章{q}", f"{q}问题导向{q}"]
    return list(dict.fromkeys(queries))


QUERIES = hostile_queries()
# What Material's result list is made of; anything else came from the query.
RESULT_TAGS = {"div", "ol", "li", "a", "article", "h1", "h2", "p", "mark", "del", "details", "summary", "span"}


def test_there_are_enough_hostile_queries():
    assert len(QUERIES) >= 150


@pytest.mark.parametrize("chunk", range(0, len(QUERIES), 20))
def test_hostile_queries_break_nothing(search_page, chunk):
    for query in QUERIES[chunk:chunk + 20]:
        answer = run_query(search_page, query)
        assert not answer["timedOut"], f"no answer to {query[:40]!r}"
        assert set(answer["tags"]) <= RESULT_TAGS, f"{query[:40]!r} injected {set(answer['tags']) - RESULT_TAGS}"
        assert search_page.dialogs == [], f"{query[:40]!r} opened a dialog"
        assert search_page.errors == [], f"{query[:40]!r}: {search_page.errors}"
    # Search still answers normally afterwards.
    assert run_query(search_page, "三会一课")["page_files"][0] == "mudi.html"
    assert search_page.locator("script").count() == search_page.scripts_before
