"""The site as deployed: Debian's nginx and Apache httpd serve it under /jianghua/ with the configs
`make build` writes (deploy/nginx.conf, deploy/apache.conf), included at server level as the
README's 发布 section says, the build pointed at the test's folder only by its settings
(SITE_PATH, DEPLOY_ROOT): the session's `deployed` build (tests/conftest.py), its PDFs printed
by the build's Chromium as `make build` prints them. On each, a reader's walk in Chromium
(tests/reader_walk.py) finds no CSP violation, console error or failed request, and real HTTP responses carry what the configs
promise: the headers on every response, errors and redirects included; compression; charset;
downloads as attachments with their Chinese names; the 404 page; long links served."""

import http.client
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import real_servers
import speech
from conftest import DEPLOYED_PATH, PAGES, ROOT
from reader_walk import LONG_LINK, walk
from speech.takeaway import downloads

PREFIX = DEPLOYED_PATH   # the deployed build's SITE_PATH (tests/conftest.py)
SERVERS = {"nginx": real_servers.nginx, "apache": real_servers.apache}


@pytest.fixture(scope="module", params=SERVERS)
def served(request, deployed):
    with SERVERS[request.param](deployed / "deploy") as running:
        yield running


def expected_names() -> dict[str, str]:
    """downloads/yiyi.pdf -> 动员讲话-一-培训的意义.pdf, from the model (Document.save_as)."""
    docs = downloads.documents(speech.load(ROOT / "docs"))
    return {doc.path(fmt): doc.save_as(fmt) for doc in docs for fmt in downloads.FORMATS}


def get(running, path, gzip=False):
    address = urlsplit(running.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def site_headers(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def test_configs_are_written_beside_the_site_not_in_it(site):
    assert sorted(p.name for p in (site.parent / "deploy").iterdir()) == ["apache.conf", "nginx.conf"]
    assert [p.name for p in site.rglob("*") if p.suffix == ".conf" or p.name.startswith(("_", "."))] == ["_headers"]
    assert not (site / "sitemap.xml").exists()   # no SITE_URL: no address to list


def test_reader_walk_through_the_server(browser, served):
    base = served.url.rstrip("/") + PREFIX
    found = walk(browser, base)
    assert found.problems() == {}
    names = expected_names()
    assert found.downloads == {path: names[path] for path in found.downloads} and len(found.downloads) == 12


def test_real_responses_carry_what_the_config_promises(served, deployed):
    site = deployed / "site"
    security = site_headers(site)
    assert set(security) == {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"}

    def check(path, status, gzip=False):
        got, headers, body = get(served, path, gzip)
        assert got == status, (path, got)
        for name, value in security.items():   # on every response: pages, errors, redirects
            assert headers.get(name.lower()) == value, (path, name)
        return headers, body

    # Text is labelled UTF-8 and compressed: the site's files, and a 4 KB file of each kind
    # (the site's only JSON is 58 bytes, which Apache does not bother to compress).
    probes = [site / f"probe{suffix}" for suffix in (".html", ".css", ".js", ".json", ".svg", ".txt")]
    for probe in probes:
        probe.write_text("{}" + " " * 4096, encoding="utf-8")
    try:
        for path in PAGES + ["assets/stylesheets/screen.min.css", "assets/javascripts/page.min.js",
                             "search/search_index.json", "assets/favicon.svg"] + [p.name for p in probes]:
            headers, _ = check(PREFIX + path, 200, gzip=True)
            assert headers["content-type"].endswith("charset=utf-8"), (path, headers["content-type"])
            if (site / path).stat().st_size > 1024:
                assert headers.get("content-encoding") == "gzip", path
    finally:
        for probe in probes:
            probe.unlink()
    # Downloads are attachments, named as the links name them (RFC 6266 filename*).
    for path, name in expected_names().items():
        headers, body = check(PREFIX + path, 200)
        assert body == (site / path).read_bytes() or headers.get("content-encoding")
        disposition = headers["content-disposition"]
        assert disposition.startswith(f'attachment; filename="{path.rsplit("/", 1)[1]}"'), disposition
        assert unquote(re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)) == name
        if path.endswith(".txt"):
            assert headers["content-type"] == "text/plain; charset=utf-8"
    # The prefix without its slash is redirected to it.
    headers, _ = check(PREFIX.rstrip("/"), 301)
    assert urlsplit(headers["location"]).path == PREFIX
    # Any missing path under the site, however deep, and the host's own files: the 404 page.
    not_found = (site / "404.html").read_bytes()
    for path in ["missing.html", "a/b/c/missing.html", "downloads/", "_headers", ".htaccess", "a/.git/config"]:
        headers, body = check(PREFIX + path, 404)
        assert body == not_found and headers["content-type"] == "text/html; charset=utf-8", path
    # A 30 KB link is served.
    assert len(LONG_LINK) > 30_000
    check(PREFIX + LONG_LINK, 200)
