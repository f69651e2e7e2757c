"""Print the site's speed and size figures (targets in the issues; this prints, it does not judge).

    make bench
"""

import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

import static_server
from harness import ROOT, build_site, chromium, nav_pages, served_site


def clean_build_seconds() -> float:
    """Median of three clean strict builds."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(3):
            start = time.perf_counter()
            assert build_site(ROOT, Path(tmp) / "site").returncode == 0
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def first_load_transfer(browser, base_url: str, name: str) -> int:
    """Bytes the server sent (gzip, headers included) for a first visit to one page, cache
    empty, the worker's requests included."""
    context = browser.new_context()
    page = context.new_page()
    static_server.Handler.sent.clear()
    page.goto(base_url + name, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    return sum(size for _, size in static_server.Handler.sent)


def main():
    print(f"clean build (median of 3): {clean_build_seconds():.2f} s   target <= 3 s")
    with served_site() as (site, base_url), chromium() as browser:
        print("first-load transfer, gzip (target <= 80 KiB a page):")
        for name in nav_pages():
            print(f"  {name:14} {first_load_transfer(browser, base_url, name) / 1024:6.1f} KiB")
        for extra in EXTRA_FIGURES:
            extra(browser, base_url, site)


def search_index_size(browser, base_url, site):
    index = (site / "search" / "search_docs.js").read_bytes()
    print(f"search index: {len(index) / 1024:.1f} KiB raw, {len(gzip.compress(index, 9)) / 1024:.1f} KiB gzip"
          "   target <= 50 KB gzip (loaded on the first query, not with the page)")


def search_latency(browser, base_url, site):
    """Input event to rendered results, over the whole query set, three rounds."""
    sys.path.insert(0, str(ROOT / "tests"))
    from search_queries import MULTI_WORD, SINGLE_PHRASES, TRADITIONAL
    from search_ui import open_search, run_query

    queries = SINGLE_PHRASES + MULTI_WORD + list(TRADITIONAL)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "yiyi.html")
    open_search(page)
    times = sorted(run_query(page, q)["ms"] for _ in range(3) for q in queries)
    context.close()
    p50 = times[len(times) // 2]
    p95 = times[int(len(times) * 0.95)]
    print(f"search latency, keystroke to results ({len(times)} queries): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms   target p95 <= 30 ms")


def lighthouse_performance(browser, base_url, site):
    """Lighthouse's performance score (mobile), median of five runs a page: a timing, so printed,
    never a test (on two shared cores one page scores 0.95–1.00 from run to run)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from lighthouse import lighthouse, scores

    print("Lighthouse performance, mobile, median of 5 (target >= 0.98):")
    for name in nav_pages() + ["404.html"]:
        runs = [scores(lighthouse(base_url + name, categories=("performance",)))["performance"]
                for _ in range(5)]
        print(f"  {name:14} {statistics.median(runs):.2f}   runs {runs}")


EXTRA_FIGURES = [search_index_size, search_latency, lighthouse_performance]

if __name__ == "__main__":
    main()
