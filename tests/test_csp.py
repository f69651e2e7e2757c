"""A strict Content-Security-Policy that the site passes (issue 9).

The build writes the headers for the common hosts (hooks/deploy_headers.py): _headers for
Netlify / Cloudflare Pages and _nginx.conf for nginx. Here the site is served with exactly the
headers of its _headers file and a reader's main paths are walked in Chromium — every page read,
a search and a hit opened, the 打印 button, a ¶ copied, the palette switched, a missing page —
with every CSP violation the browser reports collected: there must be none. A control run with
one script hash removed shows that a violation would be seen."""

import base64
import hashlib
import re
import shutil

import pytest
from bs4 import BeautifulSoup

import static_server
from conftest import PAGES, build_site
from search_ui import open_search, run_query

SECTION_PAGES = ["yiyi.html", "mudi.html", "yaoqiu.html", "quanwen.html"]

# Reported to the console, so that one listener sees every page of a walk; the worker reports
# to its own global (see walk()).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", e =>
  console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber} ${e.sample}`))
window.__printed = 0
window.print = () => { window.__printed++ }
"""


def read_headers(site) -> dict[str, str]:
    rules = static_server.read_headers_file(site / "_headers")
    assert [pattern for pattern, _ in rules] == ["/*"]
    return dict(rules[0][1])


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}


def nginx_headers(site) -> dict[str, str]:
    text = (site / "_nginx.conf").read_text(encoding="utf-8")
    return dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', text, re.M))


# --- The configurations the build writes ------------------------------------------------------

def test_policy_is_strict(site):
    headers = read_headers(site)
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    script = policy["script-src"]
    assert script[0] == "'self'" and all(s.startswith("'sha256-") for s in script[1:]), script
    for name, sources in policy.items():
        loose = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", "*", "http:", "https:", "blob:"}
        assert not loose & set(sources), f"{name}: {sources}"
        assert "data:" not in sources or name == "img-src", f"{name}: {sources}"
    assert policy["img-src"] == ["'self'", "data:"]  # Material's icons: data: SVGs in its CSS
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Permissions-Policy"].startswith("camera=()")


def test_policy_allows_exactly_the_inline_scripts_of_the_pages(site):
    """Recomputed here with another HTML parser: the hashes are those of the pages' inline scripts."""
    expected = set()
    for page in site.rglob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not html.select('meta[http-equiv="Content-Security-Policy" i]'), f"{page.name}: a meta policy breaks file://"
        for script in html.select("script:not([src])"):
            if script.get("type", "text/javascript") in ("text/javascript", "module"):
                digest = hashlib.sha256(script.string.encode("utf-8")).digest()
                expected.add(f"'sha256-{base64.b64encode(digest).decode()}'")
        for element in html.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], f"{page.name}: inline handler on <{element.name}>"
    script_src = directives(read_headers(site)["Content-Security-Policy"])["script-src"]
    assert set(script_src[1:]) == expected and len(expected) >= 5


def test_nginx_snippet_carries_the_same_headers_and_maps_404(site):
    assert nginx_headers(site) == read_headers(site)
    assert re.search(r"^error_page 404 /404\.html;$", (site / "_nginx.conf").read_text(encoding="utf-8"), re.M)


def test_published_build_maps_404_under_its_path(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/jianghua/")
    assert build_site(project, tmp_path / "out").returncode == 0
    nginx = (tmp_path / "out" / "_nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"^error_page 404 /jianghua/404\.html;$", nginx, re.M)
    assert "location /jianghua/ {" in nginx


@pytest.mark.parametrize("markup,problem", [('<button onclick="alert(1)">x</button>', "inline event handler"),
                                            ('<a href="javascript:alert(1)">x</a>', "javascript:"),
                                            ('<span style="color: red">x</span>', "style attribute")])
def test_build_fails_on_markup_the_policy_would_block(project, tmp_path, markup, problem):
    page = project / "docs" / "bianji.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n<p>{markup}</p>\n", encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0
    assert "bianji.html" in result.stderr and problem in result.stderr, result.stderr[-600:]


# --- The walk ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_with_headers(site):
    server, url = static_server.start(site, prefix="/jianghua/", headers=True)
    yield url
    server.shutdown()


def walk(browser, base_url, served=True):
    """A reader's main paths; returns (CSP violations, script errors, what did not work)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(REPORT_VIOLATIONS)
    violations, errors, broken = [], [], []
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text
            or m.text.startswith("CSP violation") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("worker", lambda w: w.evaluate("""self.__violations = [];
        self.addEventListener("securitypolicyviolation", e => self.__violations.push(e.effectiveDirective + " " + e.blockedURI))"""))

    for name in PAGES:  # read every page to its end
        page.goto(base_url + name, wait_until="load")
        page.mouse.wheel(0, 20000)
        page.wait_for_timeout(150)

    # Search, and open a hit: the worker, its index, the highlight.
    page.goto(base_url + "yiyi.html", wait_until="load")
    try:
        open_search(page)
        answer = run_query(page, "三会一课")
    except AssertionError:
        answer = {"pages": []}
    if not answer["pages"]:
        broken.append("search found nothing")
    else:
        for worker in page.workers:
            violations += worker.evaluate("self.__violations || []")
        page.locator(".md-search-result__item a").nth(1).click()
        page.wait_for_load_state("networkidle")
        if not page.locator("mark.search-hit").count():
            broken.append("the hit was not highlighted")

    # The 打印 button.
    page.goto(base_url + "mudi.html", wait_until="load")
    page.locator("button.print-button").click()
    if page.evaluate("window.__printed") != 1:
        broken.append("打印 did not print")

    # A ¶ copied.
    page.locator("#mudi-4").hover()
    page.locator("#mudi-4 a.para-link").click()
    page.wait_for_timeout(300)
    if "已复制引用" not in page.locator("[data-md-component=dialog]").inner_text():
        broken.append("¶ did not copy")

    # 复制本节, the 字号 control (its choice read back on the next page) and 引用本页.
    page.locator(".take-away__copy").click()
    page.wait_for_timeout(300)
    if "已复制" not in page.locator("[data-md-component=dialog]").inner_text():
        broken.append("复制本节 did not copy")
    page.locator(".zihao__option[data-zihao='da']").click()
    page.goto(base_url + "yaoqiu.html", wait_until="load")
    if page.evaluate("document.documentElement.dataset.zihao") != "da":
        broken.append("字号 was not kept")
    page.locator(".zihao__option[data-zihao='']").click()
    if "引用日期" in page.locator(".cite-reference").inner_text():
        broken.append("引用本页 has no date")

    # The palette, there and back.
    page.locator("label[for=__palette_1]").click()
    dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label[for=__palette_0]").click()
    light = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if (dark, light) != ("slate", "default"):
        broken.append(f"palette toggle: {dark}, {light}")

    # A missing page, deep under the site (from disk there is no host to send 404.html).
    if served:
        page.goto(base_url + "a/b/missing.html", wait_until="networkidle")
        if "页面不存在" not in page.locator("article h1").inner_text():
            broken.append("no 404 page")
    context.close()
    return violations, errors, broken


def test_walk_under_the_sites_headers_has_no_csp_violation(browser, served_with_headers):
    violations, errors, broken = walk(browser, served_with_headers)
    assert violations == []
    assert errors == []
    assert broken == []


def test_walk_from_disk_still_works(browser, site):
    # No headers from disk: the same paths must work without any policy getting in the way.
    assert walk(browser, site.as_uri() + "/", served=False) == ([], [], [])


def test_walk_would_see_a_violation(browser, site, tmp_path):
    """The control: one inline script's hash left out of the policy, and the walk's listeners
    report the script the browser refuses."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    headers = (copy / "_headers").read_text(encoding="utf-8")
    first_hash = re.search(r" '(sha256-[^']+)'", headers).group(0)
    (copy / "_headers").write_text(headers.replace(first_hash, "", 1), encoding="utf-8")
    server, url = static_server.start(copy, headers=True)
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    reported = []
    page.on("console", lambda m: reported.append(m.text) if m.text.startswith("CSP violation") else None)
    try:
        for name in PAGES + ["missing.html"]:
            page.goto(url + name, wait_until="load")
    finally:
        context.close()
        server.shutdown()
    assert reported and all("script-src" in v for v in reported), reported
