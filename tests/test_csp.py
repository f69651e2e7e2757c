"""A strict Content-Security-Policy that the site passes, trusting only our templates' scripts.

The build writes the headers (speech/hosting/deploy.py): site/_headers for Netlify / Cloudflare Pages, and
beside site/ the nginx and Apache configs that tests/test_servers.py runs on the real servers with
a reader's walk. Here: the policy itself; that it trusts an inline script by where it comes from
(our templates, Material's), never from content or a file copied from docs/ (the builds that fail
for that: test_bad_input.py); the walk from disk (no policy there, and nothing may get in the way);
and a control run with one script hash removed, which shows that a violation would be seen."""

import base64
import hashlib
import re
import shutil

import pytest

import static_server
from conftest import PAGES, ROOT, parsed_page
from reader_walk import REPORT_VIOLATIONS, walk


def read_headers(site) -> dict[str, str]:
    rules = static_server.read_headers_file(site / "_headers")
    assert [pattern for pattern, _ in rules] == ["/*"]
    return dict(rules[0][1])


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}


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
        html = parsed_page(page)
        assert not html.select('meta[http-equiv="Content-Security-Policy" i]'), f"{page.name}: a meta policy breaks file://"
        for script in html.select("script:not([src])"):
            if script.get("type", "text/javascript") in ("text/javascript", "module"):
                digest = hashlib.sha256(script.string.encode("utf-8")).digest()
                expected.add(f"'sha256-{base64.b64encode(digest).decode()}'")
        for element in html.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], f"{page.name}: inline handler on <{element.name}>"
    script_src = directives(read_headers(site)["Content-Security-Policy"])["script-src"]
    assert set(script_src[1:]) == expected and len(expected) >= 5


def test_a_template_script_is_trusted_by_where_it_comes_from(edited_site):
    """Our templates may change their inline scripts: the policy follows, no list of hashes.
    (edited_site: a copy whose overrides/main.html has a new <script>var changed = 1</script>.)"""
    digest = base64.b64encode(hashlib.sha256(b"var changed = 1").digest()).decode()
    assert f"'sha256-{digest}'" in read_headers(edited_site)["Content-Security-Policy"]


def test_every_script_and_markup_the_policy_would_not_allow_is_named_before_any_header(tmp_path):
    """speech/hosting/deploy.py TrustedScripts: a template's inline script is trusted by the page it was
    rendered for; everything else is found across all pages at once, each a line of one error:
    a script no template wrote (made from a page, or a file copied from docs/), and each kind of
    markup the policy would block, naming every page that has it."""
    from speech.hosting.deploy import DeployError, TrustedScripts, script_hash

    template = "<html><script>var t = 1</script><body>{}</body></html>"
    trusted = TrustedScripts()
    built = {"index.html": template.format(""), "yiyi.html": template.format("")}
    for page, html in built.items():
        trusted.add(page, html, page.replace(".html", ".md"))
        (tmp_path / page).write_text(html, encoding="utf-8")
    assert trusted.hashes(tmp_path) == [script_hash("var t = 1")]

    handler = template.format('<button onclick="go()">x</button>')
    for page in ("index.html", "404.html"):
        trusted.add(page, handler)
        (tmp_path / page).write_text(handler, encoding="utf-8")
    (tmp_path / "yiyi.html").write_text(template.format("<script>alert(1)</script>"), encoding="utf-8")
    (tmp_path / "extra.html").write_text("<p style='x'>1</p><script>alert(2)</script>", encoding="utf-8")
    with pytest.raises(DeployError) as refused:
        trusted.hashes(tmp_path)
    assert str(refused.value).split("\n") == [
        "extra.html (not rendered by our templates (a file copied from docs/?)) has an inline script that no "
        "template of ours or Material's wrote: 'alert(2)'",
        "yiyi.html (made from yiyi.md) has an inline script that no template of ours or Material's wrote: 'alert(1)'",
        "404.html, index.html would break under the site's Content-Security-Policy: <button onclick=…>: inline event handler",
        "extra.html would break under the site's Content-Security-Policy: <p style=…>: style attribute"]


def test_a_script_in_a_pages_content_fails_naming_its_source():
    """Behind the raw-HTML check (speech/edition/raw_html.py): whatever puts a script into a
    page's content, the plugin refuses it before the page's scripts are recorded as the templates'."""
    from mkdocs.exceptions import PluginError

    from speech.plugin.hosting import Hosting

    hosting = Hosting("/", "/srv/www/jianghua", server_configs=False)
    hosting.check_content("<p>讲话</p>", "yiyi.md")
    with pytest.raises(PluginError, match=r"^yiyi\.md: a <script> in the page's content"):
        hosting.check_content("<p>讲话</p><script>alert(1)</script>", "yiyi.md")


# --- The walk ---------------------------------------------------------------------------------

def test_walk_from_disk_still_works(browser, site):
    # No headers from disk: the same paths must work without any policy getting in the way.
    assert walk(browser, site.as_uri() + "/", served=False).problems() == {}


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
