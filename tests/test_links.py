"""Every internal link and anchor in the built site resolves, paragraph ids included."""

from urllib.parse import unquote, urlsplit

from conftest import parsed_page


def test_no_broken_internal_links_or_anchors(site):
    parsed = {page: parsed_page(page) for page in sorted(site.rglob("*.html"))}
    ids = {page: {element["id"] for element in html.select("[id]")} | {a["name"] for a in html.select("a[name]")}
           for page, html in parsed.items()}
    broken, checked = [], 0
    for page, html in parsed.items():
        if page.name == "404.html":
            continue  # its links are absolute to the site root (served at any path)
        for element in html.select("a[href], link[href], script[src], img[src]"):
            url = element.get("href") or element.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # other hosts are test_no_other_hosts' business
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.is_file():
                broken.append(f"{page.name}: {url} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{page.name}: {url} (no such anchor)")
    assert checked > 200
    assert broken == []
