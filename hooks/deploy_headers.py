"""Write the security headers for the hosts the site is deployed to: site/_headers and site/_nginx.conf.

Why: sites like this one are routinely scanned for missing security headers, and headers are the
host's business, not the pages'. So the build writes them, in the two forms the common hosts
read: `_headers` (Netlify and Cloudflare Pages read it from the site root) and `_nginx.conf` (a
snippet to include in the nginx location that serves the site, with the 404 mapping). Both carry
the same headers; the README's 发布 section says how to use them.

The Content-Security-Policy allows no inline script but the ones the built pages contain, each by
its SHA-256. Those are read here from the finished pages with the standard library's HTML parser,
so the policy always matches what is deployed. A page with an inline event handler (onclick=…),
a javascript: URL or a style attribute would break under the policy: the build fails naming it.

A meta-tag policy would apply from disk (file://) too, and there `default-src 'self'` breaks the
search; so the policy is only ever sent as a header.
"""

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx.conf"

# Script types a browser runs; the others (application/json: Material's __config) are data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# What the site needs, and no more: its own files, and data: images (Material's icons are data:
# SVGs in its stylesheet). Workers, fetches, fonts and frames fall back to default-src 'self'.
_POLICY = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'"]),          # + the hashes of the inline scripts
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
    ("frame-ancestors", ["'none'"]),
]

OTHER_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    # Features the site never uses, refused to anything it might embed or be tricked into running.
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
]


class _InlineCode(HTMLParser):
    """Collects a page's inline scripts, and whatever would break under the policy."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.problems: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: inline event handler")
            elif name == "style":
                self.problems.append(f"<{tag} style=…>: style attribute")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and not dict(attrs).get("src") and (dict(attrs).get("type") or "").lower() in _SCRIPT_TYPES:
            self._script = []
        if tag == "style":
            self.problems.append("<style> element")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def script_hash(source: str) -> str:
    """A CSP hash source for an inline script: of its text as the browser sees it (line breaks
    normalised to LF, as the HTML parser does), UTF-8."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(html: str, name: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    if parser.problems:
        raise PluginError(f"deploy_headers: {name} would break under the site's Content-Security-Policy: "
                          + "; ".join(sorted(set(parser.problems))))
    return parser.scripts


def content_security_policy(hashes: list[str]) -> str:
    directives = []
    for name, sources in _POLICY:
        if name == "script-src":
            sources = sources + hashes
        directives.append(" ".join([name] + sources))
    return "; ".join(directives)


def headers_for(site_dir: Path) -> list[tuple[str, str]]:
    hashes = set()
    for page in sorted(site_dir.rglob("*.html")):
        name = page.relative_to(site_dir).as_posix()
        hashes.update(script_hash(s) for s in inline_scripts(page.read_text(encoding="utf-8"), name))
    return [("Content-Security-Policy", content_security_policy(sorted(hashes)))] + OTHER_HEADERS


def headers_file(headers: list[tuple[str, str]]) -> str:
    lines = ["# Netlify / Cloudflare Pages: the site's headers, written by hooks/deploy_headers.py at",
             "# each build (the script hashes change with the pages). Both hosts send 404.html for",
             "# missing paths by themselves.",
             "/*"]
    return "\n".join(lines + [f"  {name}: {value}" for name, value in headers]) + "\n"


def nginx_file(headers: list[tuple[str, str]], root: str) -> str:
    lines = [
        "# nginx: the site's headers and its 404 page, written by hooks/deploy_headers.py at each",
        "# build (the script hashes change with the pages). Include this file from the deployed",
        "# copy in the location that serves the site, so that it stays in step with the pages:",
        "#",
        f"#     location {root} {{",
        "#         alias /srv/www/jianghua/;                # the folder site/ was copied to",
        f"#         include /srv/www/jianghua/{NGINX_FILE};",
        "#     }",
        "#",
        "# An add_header in a location replaces every add_header inherited from server {}; this",
        "# file sets all the headers the site needs. 'always' sends them with the 404 page too.",
    ]
    if root == "/":
        lines.append("# Under a sub-path without SITE_URL at build time, write that path in error_page.")
    lines += [f'add_header {name} "{value}" always;' for name, value in headers]
    lines.append(f"error_page 404 {root}404.html;")
    return "\n".join(lines) + "\n"


@event_priority(-200)  # after every other post_build step: the pages read here are the final ones
def on_post_build(config):
    site_dir = Path(config.site_dir)
    headers = headers_for(site_dir)
    root = urlsplit(config.site_url or "/").path or "/"
    (site_dir / HEADERS_FILE).write_text(headers_file(headers), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(nginx_file(headers, root), encoding="utf-8")
