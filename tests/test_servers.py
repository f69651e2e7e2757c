"""The site as deployed: Debian's nginx and Apache httpd serve it under /jianghua/ with the configs
`make build` writes (deploy/), installed unedited as design/deploy.md says, the build pointed at the
test's folder only by its settings (SITE_PATH, DEPLOY_ROOT): the session's `deployed` build
(tests/conftest.py), published as `make build` publishes (content-named assets, PDFs printed,
.br and .gz beside each text file).

Each server runs in two set-ups (tools/real_servers.py): bare, and as an office already runs it —
nginx with a panel-made (宝塔/aaPanel) server block whose regex locations for static files have
their own expires and whose server level adds HSTS and X-Frame-Options, another site at /; Apache
with a vhost that sets its own CSP, HSTS and a cache rule for .js and .css. Through the office
set-ups a reader's walk in Chromium (tests/reader_walk.py) finds no CSP violation, console error
or failed request; through all four, real HTTP responses carry what the configs promise."""

import http.client
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import real_servers
import speech
from conftest import DEPLOYED_PATH, ROOT
from reader_walk import LONG_LINK, walk
from speech.hosting import assets, deploy
from speech.takeaway import downloads

PREFIX = DEPLOYED_PATH   # the deployed build's SITE_PATH (tests/conftest.py)
SERVERS = {
    "nginx": lambda configs: real_servers.nginx(configs),
    "nginx-panel": lambda configs: real_servers.nginx(configs, panel=True),
    "apache": lambda configs: real_servers.apache(configs),
    "apache-office": lambda configs: real_servers.apache(configs, office=True),
}
OFFICES = ["nginx-panel", "apache-office"]
SECURITY = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"]
BROWSER_ENCODINGS = "gzip, deflate, br"


@pytest.fixture(scope="module", params=SERVERS)
def served(request, deployed):
    with SERVERS[request.param](deployed / "deploy") as running:
        running.office, running.kind = request.param in OFFICES, request.param
        yield running


@pytest.fixture(scope="module", params=OFFICES)
def office(request, deployed):
    with SERVERS[request.param](deployed / "deploy") as running:
        yield running


def expected_names() -> dict[str, str]:
    """downloads/yiyi.pdf -> 动员讲话-一-培训的意义.pdf, from the model (Document.save_as)."""
    docs = downloads.documents(speech.load(ROOT / "docs"))
    return {doc.path(fmt): doc.save_as(fmt) for doc in docs for fmt in downloads.FORMATS}


def request(running, path, method="GET", **headers):
    """(status, [(name, value) …] as sent, duplicates kept, body)."""
    address = urlsplit(running.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request(method, path, headers={name.replace("_", "-"): value for name, value in headers.items()})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheaders(), body


def site_headers(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def test_configs_are_written_beside_the_site_not_in_it(deployed):
    site = deployed / "site"
    assert sorted(p.name for p in (deployed / "deploy").iterdir()) == [
        "apache.conf", "nginx-brotli.conf", "nginx-http.conf", "nginx.conf"]
    assert [p.name for p in site.rglob("*") if p.suffix == ".conf" or p.name.startswith(("_", "."))] == ["_headers"]
    assert not (site / "sitemap.xml").exists()   # no SITE_URL: no address to list
    assert not list(site.rglob("*.map"))


def test_reader_walk_through_an_office_server(browser, office):
    base = office.url.rstrip("/") + PREFIX
    found = walk(browser, base)
    assert found.problems() == {}
    names = expected_names()
    assert found.downloads == {path: names[path] for path in found.downloads} and len(found.downloads) == 12


def check_headers(served, path, headers, security) -> dict[str, str]:
    """Every header once; the office's headers kept; ours, with the CSP where it acts."""
    counts = Counter(name.lower() for name, _ in headers)
    assert [name for name, n in counts.items() if n > 1] == [], (path, headers)
    got = {name.lower(): value for name, value in headers}
    kind = got.get("content-type", "")
    policy = (security["Content-Security-Policy"] if kind.startswith("text/html") else
              deploy.SVG_POLICY if kind.startswith("image/svg+xml") else
              deploy.WORKER_POLICY if re.search(deploy.WORKER, path) else None)
    assert got.get("content-security-policy") == policy, (path, kind)
    for name, value in security.items():
        if name != "Content-Security-Policy":
            assert got.get(name.lower()) == value, (path, name)
    if served.office:
        for name, value in real_servers.OFFICE_HEADERS.items():
            assert got.get(name.lower()) == value, (path, name)
    return got


def test_every_file_is_served_once_named_cached_and_compressed_right(served, deployed):
    """Each file of the site, as a browser asks for it: the headers once each; a content-named
    file kept for good, everything else revalidated; the .br beside it sent br-encoded; text
    labelled UTF-8; downloads as attachments named as their links name them."""
    site = deployed / "site"
    security = site_headers(site)
    assert set(security) == set(SECURITY)
    names = expected_names()
    files = [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in (".br", ".gz") and p.name != "_headers"]
    named = [p for p in files if assets.CONTENT_NAMED.search(p.name)]
    assert {re.sub(r"\.[0-9a-f]{8}\.", ".", p.name) for p in named} >= {
        "page.min.js", "access.min.js", "search-worker.min.js", "screen.min.css", "print.min.css", "access.min.css",
        "favicon.svg", "bundle.min.js", "main.min.css"}
    for file in files:
        path = file.relative_to(site).as_posix()
        status, headers, body = request(served, PREFIX + path, Accept_Encoding=BROWSER_ENCODINGS)
        assert status == 200, (path, status)
        got = check_headers(served, PREFIX + path, headers, security)
        assert got["cache-control"] == (deploy.CACHE_FOR_GOOD if file in named else deploy.CACHE_REVALIDATE), path
        if file.with_name(file.name + ".br").exists():
            assert got.get("content-encoding") == "br" and body == file.with_name(file.name + ".br").read_bytes(), path
        if file.suffix in deploy.TEXT_SUFFIXES:
            assert got["content-type"].endswith("charset=utf-8"), (path, got["content-type"])
        if path in names:
            disposition = got["content-disposition"]
            assert disposition.startswith(f'attachment; filename="{file.name}"'), disposition
            assert unquote(re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)) == names[path]
        else:
            assert "content-disposition" not in got, path
    # A browser that takes gzip only gets the .gz.
    status, headers, body = request(served, PREFIX + "quanwen.html", Accept_Encoding="gzip")
    assert dict(headers).get("Content-Encoding") == "gzip" and body == (site / "quanwen.html.gz").read_bytes()


def test_revalidation_answers_304(served, deployed):
    """What is not kept for good is asked again each time: unchanged, the answer is a 304, for
    each encoding a browser may have it in."""
    site = deployed / "site"
    page_script = next((site / "assets/javascripts").glob("page.*.min.js")).relative_to(site).as_posix()
    for path in ["yiyi.html", "", "search/search_index.json", "downloads/yiyi.txt", "downloads/yiyi.pdf", page_script]:
        for encodings in (BROWSER_ENCODINGS, "gzip", ""):
            status, headers, _ = request(served, PREFIX + path, Accept_Encoding=encodings)
            etag = dict((k.lower(), v) for k, v in headers)["etag"]
            status, headers, body = request(served, PREFIX + path, Accept_Encoding=encodings, If_None_Match=etag)
            assert (status, body) == (304, b""), (path, encodings, status)


def test_errors_and_redirects_carry_the_headers(served, deployed):
    site = deployed / "site"
    security = site_headers(site)
    # The prefix without its slash is redirected to it, its query kept.
    status, headers, _ = request(served, PREFIX.rstrip("/") + "?hl=x")
    assert status == 301
    got = check_headers(served, PREFIX, headers, security)
    assert urlsplit(got["location"]).path == PREFIX and urlsplit(got["location"]).query == "hl=x"
    # Any missing path under the site, however deep, and the host's own files: the 404 page.
    not_found = (site / "404.html").read_bytes()
    for path in ["missing.html", "a/b/c/missing.html", "downloads/", "_headers", ".htaccess", "a/.git/config",
                 "assets/javascripts/page.00000000.min.js"]:
        status, headers, body = request(served, PREFIX + path)
        assert (status, body) == (404, not_found), path
        assert check_headers(served, PREFIX + path, headers, security)["content-type"] == "text/html; charset=utf-8"
    # Answers the servers give before they map the address to the site's folder: an encoded
    # slash or NUL, a file name too long for the file system, TRACE.
    for path, method in [("a%2fb.html", "GET"), ("x" * 300 + ".html", "GET"), ("yiyi.html", "TRACE")] + (
            [("%00.html", "GET")] if "apache" in served.kind else []):   # (nginx: 400 before any address)
        status, headers, _ = request(served, PREFIX + path, method)
        assert status in (400, 403, 404, 405), (path, method, status)
        check_headers(served, PREFIX + path, headers, security)
    # A range past the end of a file.
    status, headers, _ = request(served, PREFIX + "yiyi.html", Range="bytes=99999999-")
    assert status in (200, 416)
    check_headers(served, PREFIX + "yiyi.html", headers, security)
    # A 30 KB link is served.
    assert len(LONG_LINK) > 30_000
    status, headers, _ = request(served, PREFIX + LONG_LINK)
    assert status == 200
    check_headers(served, PREFIX + LONG_LINK, headers, security)


def test_the_office_keeps_its_own_site(deployed):
    """Beside the site, the office's own page at / is served as the office serves it: none of the
    site's headers, its own kept."""
    for name in OFFICES:
        with SERVERS[name](deployed / "deploy") as running:
            status, headers, body = request(running, "/", Accept_Encoding=BROWSER_ENCODINGS)
            got = {k.lower(): v for k, v in headers}
            assert (status, body.decode()) == (200, real_servers.OFFICE_PAGE), name
            for header, value in real_servers.OFFICE_HEADERS.items():
                assert got.get(header.lower()) == value, (name, header)
            ours = site_headers(deployed / "site")
            assert got.get("content-security-policy") != ours["Content-Security-Policy"], name
            assert "referrer-policy" not in got and "permissions-policy" not in got, name
            assert got.get("cache-control") != deploy.CACHE_REVALIDATE, name


def test_nginx_without_the_brotli_module(deployed):
    """Where the module is not installed, nginx-brotli.conf is left out: the rest loads and the
    .gz is sent."""
    with real_servers.nginx(deployed / "deploy", panel=True, brotli=False) as running:
        status, headers, body = request(running, PREFIX + "yiyi.html", Accept_Encoding=BROWSER_ENCODINGS)
        assert (status, dict(headers).get("Content-Encoding")) == (200, "gzip")
        assert body == (deployed / "site" / "yiyi.html.gz").read_bytes()
