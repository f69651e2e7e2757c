"""tools/static_server.py, which every browser test is served by: it serves its folder and nothing
else, mounts it under a prefix, answers missing paths with 404.html, and sends _headers."""

import http.client
from urllib.parse import urlsplit

import pytest

import static_server


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A served folder with a secret next to it, and symlinks pointing in and out; read only."""
    tmp_path = tmp_path_factory.mktemp("served")
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "404.html").write_text("not found page")
    (site / "sub" / "page.html").write_text("inner page")
    (tmp_path / "secret.txt").write_text("SECRET outside the site")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    (site / "etc-passwd").symlink_to("/etc/passwd")
    (site / "alias.html").symlink_to(site / "sub" / "page.html")
    (site / "_headers").write_text("# test\n/*\n  X-Test: all\n/sub/*\n  X-Sub: yes\n")
    return site


def fetch(base_url, path):
    """A raw request, the path sent exactly as given (no client-side normalising of '..')."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    result = response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
    connection.close()
    return result


@pytest.fixture(scope="module")
def served(folder):
    """serve(**options) -> the base URL of the folder served so; one server per set of options."""
    servers = {}

    def serve(**options):
        key = tuple(sorted(options.items()))
        if key not in servers:
            servers[key] = static_server.start(folder, **options)
        return servers[key][1]

    yield serve
    for server, _ in servers.values():
        server.shutdown()


@pytest.mark.parametrize("path", ["/leak.txt", "/leakdir/secret.txt", "/etc-passwd", "/../secret.txt",
                                  "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/sub/%2E%2E/%2E%2E/secret.txt",
                                  "/..%2fsecret.txt", "/..%5csecret.txt", "//etc/passwd"])
def test_nothing_outside_the_folder_is_served(served, path):
    status, body, _ = fetch(served(), path)
    assert status == 404 and body == "not found page", (path, status, body[:60])
    assert "SECRET" not in body and "root:" not in body


def test_files_and_symlinks_inside_the_folder_are_served(served):
    url = served()
    assert fetch(url, "/index.html")[:2] == (200, "home")
    assert fetch(url, "/")[:2] == (200, "home")
    assert fetch(url, "/sub/page.html")[:2] == (200, "inner page")
    assert fetch(url, "/alias.html")[:2] == (200, "inner page")  # a symlink that stays inside


def test_mounted_under_a_prefix_missing_paths_get_404_html(served):
    url = served(prefix="/jianghua/")
    assert url.endswith("/jianghua/")
    assert fetch(url, "/jianghua/sub/page.html")[:2] == (200, "inner page")
    for path in ("/sub/page.html", "/jianghua/nothing.html", "/jianghua/a/b/c/", "/other/index.html"):
        assert fetch(url, path)[:2] == (404, "not found page"), path


def test_headers_file_is_sent_when_asked_and_not_served(served):
    plain = served()
    assert "X-Test" not in fetch(plain, "/index.html")[2]
    with_headers = served(headers=True, prefix="/p/")
    status, _, headers = fetch(with_headers, "/p/index.html")
    assert status == 200 and headers["X-Test"] == "all" and "X-Sub" not in headers
    assert fetch(with_headers, "/p/sub/page.html")[2]["X-Sub"] == "yes"
    status, body, headers = fetch(with_headers, "/p/missing")  # the 404 page carries them too
    assert status == 404 and headers["X-Test"] == "all"
    assert fetch(with_headers, "/p/_headers")[:2] == (404, "not found page")


def test_malformed_headers_file_is_an_error(tmp_path):
    (tmp_path / "_headers").write_text("/*\nX-Not-Indented: 1\n  orphan line without colon\n")
    with pytest.raises(ValueError, match="_headers:3"):
        static_server.read_headers_file(tmp_path / "_headers")
