"""What a published build does to the built site beyond MkDocs: content-named assets, no source
maps, and precompressed copies for the servers to send.

    content_name(site, prefix)   our scripts, stylesheets and favicon named by their content
                                 (page.min.js -> page.1a2b3c4d.min.js, as Material names its bundles),
                                 and every page's reference to them rewritten; Material's source
                                 maps removed (1 MB that no reader loads)
    precompress(site)            beside every compressible file, .br (Brotli, quality 11) and .gz
                                 (gzip -9), where smaller; nginx and Apache send them as they are

A content-named file never changes, so the servers let browsers and caches keep it for a year
(speech/hosting/deploy.py); everything else is revalidated on each use. After any rebuild a page therefore
points at exactly the scripts and stylesheets it was built with: an office's own cache rule for
.js and .css can keep a file as long as it likes.

References are rewritten in the parsed pages: an attribute (href, src, data-…) whose value, resolved
against the page (or its <base href>), is a renamed file. The inline scripts that need an asset's
address read it from such an attribute (overrides/main.html), so their text, and with it their
hashes in the Content-Security-Policy, stay the same whatever the assets are named.

"""

from __future__ import annotations

import gzip
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli

# Material's bundles already carry their hash: bundle.a5f9d56c.min.js. Ours get the same form.
CONTENT_NAMED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$|\.[0-9a-f]{8}\.svg$")
_OURS = re.compile(r"(?<!\.[0-9a-f]{8})\.min\.(js|css)$")
FAVICON = "assets/favicon.svg"

# Text the servers compress; what is already compressed (PDF, Word, PNG) is left alone.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")
ENCODINGS = {".br": lambda data: brotli.compress(data, quality=11),
             ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def _named(path: Path) -> str:
    """page.min.js -> page.1a2b3c4d.min.js; favicon.svg -> favicon.1a2b3c4d.svg."""
    digest = content_hash(path.read_bytes())
    if path.name.endswith(".svg"):
        return path.name.removesuffix(".svg") + f".{digest}.svg"
    stem, kind = path.name.rsplit(".min.", 1)
    return f"{stem}.{digest}.min.{kind}"


class _References(HTMLParser):
    """Where in a page each start tag is, with the attributes that point at a renamed file."""

    def __init__(self, text: str, page_url: str, prefix: str, renamed: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.base, self.prefix, self.renamed = page_url, prefix, renamed
        self.edits: list[tuple[int, str, dict[str, str]]] = []   # (offset, tag text, attribute -> new value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base" and dict(attrs).get("href"):
            self.base = urljoin(self.base, dict(attrs)["href"])
        changes = {}
        for name, value in attrs:
            target = urlsplit(urljoin(self.base, value or ""))
            path = target.path.removeprefix(self.prefix)
            if value and not target.scheme and path in self.renamed:
                head = value.rsplit("/", 1)[0] + "/" if "/" in value else ""
                changes[name] = head + self.renamed[path].rsplit("/", 1)[-1]
        if changes:
            line, column = self.getpos()
            self.edits.append((self.line_starts[line - 1] + column, self.get_starttag_text(), changes))


def _with_values(tag_text: str, changes: dict[str, str]) -> str:
    for name, value in changes.items():
        attribute = re.compile(rf"(\s{re.escape(name)}\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)", re.I)
        tag_text, count = attribute.subn(
            lambda m: m.group(1) + (m.group(2)[0] + value + m.group(2)[0] if m.group(2)[0] in "\"'" else value),
            tag_text, count=1)
        assert count == 1, (tag_text, name)
    return tag_text


def rewrite_references(html: str, page: str, prefix: str, renamed: dict[str, str]) -> str:
    """The page with every attribute that points at a renamed file pointing at its new name.
    page: its path in the site (yiyi.html); prefix: where the site is mounted (/jianghua/)."""
    parser = _References(html, prefix + page, prefix, renamed)
    parser.feed(html)
    parser.close()
    for offset, tag_text, changes in reversed(parser.edits):
        assert html.startswith(tag_text, offset)
        html = html[:offset] + _with_values(tag_text, changes) + html[offset + len(tag_text):]
    return html


def content_name(site_dir: Path, prefix: str) -> dict[str, str]:
    """Renames our minified scripts and stylesheets and the favicon by their content, rewrites the
    pages' references to them, removes the source maps; returns {old path: new path}."""
    # Ours only: Material's lunr/min/*.min.js keep the names its worker asks for.
    assets = sorted(path for folder in ("assets/javascripts", "assets/stylesheets")
                    for path in (site_dir / folder).glob("*.min.*") if _OURS.search(path.name))
    favicon = site_dir / FAVICON
    renamed = {}
    for path in assets + ([favicon] if favicon.exists() else []):
        new = path.with_name(_named(path))
        path.rename(new)
        renamed[path.relative_to(site_dir).as_posix()] = new.relative_to(site_dir).as_posix()
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        rewritten = rewrite_references(text, page.relative_to(site_dir).as_posix(), prefix, renamed)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8")
    for source_map in site_dir.rglob("*.map"):
        source_map.unlink()
        # The bundle's last line names its map: without it, a browser's developer tools ask for none.
        bundle = source_map.with_suffix("")
        if bundle.exists():
            text = bundle.read_text(encoding="utf-8")
            bundle.write_text(re.sub(r"\n?/[/*]# sourceMappingURL=\S+(?: \*/)?\s*$", "\n", text), encoding="utf-8")
    return renamed


def precompress(site_dir: Path) -> int:
    """Writes .br and .gz beside every compressible file where they are smaller; how many written."""
    written = 0
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        for suffix, compress in ENCODINGS.items():
            packed = compress(data)
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                written += 1
    return written

