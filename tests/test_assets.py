"""speech/hosting/assets.py on small inputs: references rewritten in attributes only, as the page's parser
reads them; precompressed copies that decompress to the file. (The published build as a whole is
served and walked in tests/test_servers.py.)"""

import gzip

import brotli

from speech.hosting.assets import content_name, precompress, rewrite_references

RENAMED = {"assets/javascripts/page.min.js": "assets/javascripts/page.1a2b3c4d.min.js",
           "assets/favicon.svg": "assets/favicon.5e6f7a8b.svg"}


def test_attributes_pointing_at_a_renamed_file_are_rewritten_and_nothing_else():
    page = ('<link rel=icon href=../assets/favicon.svg>\n'
            '<script src="../assets/javascripts/page.min.js"></script>\n'
            "<script data-x='../assets/javascripts/page.min.js'>var u = '../assets/javascripts/page.min.js'</script>\n"
            '<a href="../assets/javascripts/page.min.js.txt">kept</a> <p>../assets/favicon.svg</p>')
    rewritten = rewrite_references(page, "sub/page.html", "/jianghua/", RENAMED)
    assert rewritten == page.replace("<link rel=icon href=../assets/favicon.svg>",
                                     "<link rel=icon href=../assets/favicon.5e6f7a8b.svg>", 1) \
        .replace('src="../assets/javascripts/page.min.js"', 'src="../assets/javascripts/page.1a2b3c4d.min.js"', 1) \
        .replace("data-x='../assets/javascripts/page.min.js'", "data-x='../assets/javascripts/page.1a2b3c4d.min.js'", 1)
    # The script's own text is as it was: its CSP hash does not change.
    assert "var u = '../assets/javascripts/page.min.js'" in rewritten


def test_a_base_element_sets_what_the_references_are_relative_to():
    page = '<base href="/jianghua/"><script src=./assets/javascripts/page.min.js></script>'
    assert rewrite_references(page, "a/b/404.html", "/jianghua/", RENAMED) == \
        '<base href="/jianghua/"><script src=./assets/javascripts/page.1a2b3c4d.min.js></script>'


def test_content_name_renames_by_content_and_drops_source_maps(tmp_path):
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "page.min.js").write_text("var a = 1\n")
    (scripts / "bundle.0123abcd.min.js").write_text("x()\n//# sourceMappingURL=bundle.0123abcd.min.js.map\n")
    (scripts / "bundle.0123abcd.min.js.map").write_text("{}")
    (tmp_path / "index.html").write_text("<script src=assets/javascripts/page.min.js></script>")
    renamed = content_name(tmp_path, "/")
    new = renamed.pop("assets/javascripts/page.min.js")
    assert renamed == {} and (tmp_path / new).read_text() == "var a = 1\n"
    assert (tmp_path / "index.html").read_text() == f"<script src={new}></script>"
    assert not list(tmp_path.rglob("*.map"))
    assert (scripts / "bundle.0123abcd.min.js").read_text() == "x()\n"


def test_precompressed_copies_decompress_to_the_file(tmp_path):
    text = ("讲话" * 2000).encode()
    (tmp_path / "page.html").write_bytes(text)
    (tmp_path / "tiny.json").write_bytes(b"{}")
    (tmp_path / "file.pdf").write_bytes(text)
    precompress(tmp_path)
    assert brotli.decompress((tmp_path / "page.html.br").read_bytes()) == text
    assert gzip.decompress((tmp_path / "page.html.gz").read_bytes()) == text
    # Not where the copy would be larger, nor for what is not text.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.pdf", "page.html", "page.html.br", "page.html.gz",
                                                          "tiny.json"]
