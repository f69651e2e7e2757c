"""What the hosts that serve the site need to know: its security headers, and for nginx and Apache
the whole of how to serve it.

    site/_headers          Netlify, Cloudflare Pages: read from the site's root
    deploy/nginx.conf      nginx: included inside the server {} block that serves the site
    deploy/apache.conf     Apache httpd 2.4: included in the server config or a <VirtualHost>

The server configs are written beside site/, never inside it: whoever can upload the site must
not be able to change the server, and a server serves neither them nor `_headers`. They are read
when the server reloads, so they are reloaded after each upload (the script hashes change with
the templates). Their settings come from the build: SITE_URL's path, or SITE_PATH when the address
is not known yet, is where the site is mounted (the prefix); DEPLOY_ROOT is the folder site/ is
copied to. Nothing in them is edited by hand.

The Content-Security-Policy allows no inline script but those our templates (overrides/) and
Material's write, each by its SHA-256: the hook records the inline scripts of each page as the
templates rendered it, after refusing any script in the page's content (its Markdown), and at the
end every built page's inline scripts must be among them. So a script that came from content, or
from an .html file copied from docs/, fails the build naming the page and where it came from. A
page with an inline event handler (onclick=…), a javascript: URL or a style attribute would break
under the policy: the build fails naming it.

A meta-tag policy would apply from disk (file://) too, and there `default-src 'self'` breaks the
search; so the policy is only ever sent as a header.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..takeaway.downloads import Document

HEADERS_FILE = "_headers"
DEPLOY_DIR = "deploy"                 # beside site/
NGINX_FILE = "nginx.conf"
APACHE_FILE = "apache.conf"
DEFAULT_DEPLOY_ROOT = "/srv/www/jianghua"
# A long ?hl= link (a search's highlights) reaches some 30 KB; servers refuse request lines over
# 8 KB by default (414). Both configs raise the limit to this.
REQUEST_LINE_LIMIT = 64 * 1024

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

# Compressed and labelled UTF-8 by both servers: HTML, CSS, JS, JSON, SVG, text, XML.
TEXT_TYPES = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "image/svg+xml", "text/plain", "text/xml", "application/xml"]
TEXT_SUFFIXES = [".html", ".css", ".js", ".json", ".svg", ".txt", ".xml"]


# The prefix goes into the servers' configs and the 404 page as it is: plain path characters only.
_PREFIX = re.compile(r"[A-Za-z0-9/._~-]*")


class DeployError(ValueError):
    """The built site would not work as deployed; each line of the message names a page."""


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


def inline_code(html: str) -> tuple[list[str], str | None]:
    """A page's inline scripts, and what in it would break under the policy (None if nothing)."""
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.scripts, "; ".join(sorted(set(parser.problems))) or None


def scripts_in_content(html: str) -> bool:
    """Whether a page's content (its Markdown, rendered) holds a script element of any kind."""
    class Scripts(HTMLParser):
        found = False

        def handle_starttag(self, tag, attrs):
            self.found = self.found or tag == "script"
    parser = Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


class TrustedScripts:
    """The inline scripts our templates wrote, page by page (by the page's path in site/)."""

    def __init__(self):
        self.by_page: dict[str, set[str]] = {}
        self.sources: dict[str, str] = {}     # page -> the Markdown file it was made from

    def clear(self):
        self.by_page.clear()
        self.sources.clear()

    def add(self, page: str, rendered: str, source: str | None = None):
        self.by_page[page] = set(inline_code(rendered)[0])
        if source:
            self.sources[page] = source

    def hashes(self, site_dir: Path) -> list[str]:
        """The hashes for the policy: every inline script of every built page, each of which
        must be one the templates wrote for that page. Otherwise DeployError, one line for each
        script no template wrote and one for each thing the policy would block (naming every
        page that has it: a template makes the same problem in many)."""
        hashes, errors, problems = set(), [], {}
        for path in sorted(site_dir.rglob("*.html")):
            page = path.relative_to(site_dir).as_posix()
            scripts, problem = inline_code(path.read_text(encoding="utf-8"))
            if problem:
                problems[page] = problem
            trusted = self.by_page.get(page, set())
            for script in scripts:
                if script in trusted:
                    hashes.add(script_hash(script))
                    continue
                origin = (f"made from {self.sources[page]}" if page in self.sources
                          else "not rendered by our templates (a file copied from docs/?)")
                errors.append(f"{page} ({origin}) has an inline script that no template of ours "
                              f"or Material's wrote: {' '.join(script.split())[:60]!r}")
        pages_with: dict[str, list[str]] = {}
        for page, problem in sorted(problems.items()):
            pages_with.setdefault(problem, []).append(page)
        errors += [f"{', '.join(pages)} would break under the site's Content-Security-Policy: {problem}"
                   for problem, pages in pages_with.items()]
        if errors:
            raise DeployError("\n".join(errors))
        return sorted(hashes)


def content_security_policy(hashes: list[str]) -> str:
    directives = []
    for name, sources in _POLICY:
        if name == "script-src":
            sources = sources + hashes
        directives.append(" ".join([name] + sources))
    return "; ".join(directives)


def security_headers(hashes: list[str]) -> list[tuple[str, str]]:
    return [("Content-Security-Policy", content_security_policy(hashes))] + OTHER_HEADERS


def site_prefix(site_url: str | None, site_path: str | None) -> str:
    """Where the site is mounted on its host: SITE_URL's path, else SITE_PATH, else /."""
    path = urlsplit(site_url).path if site_url else (site_path or "/")
    if not _PREFIX.fullmatch(path):
        raise DeployError(f"the site's path {path!r} (SITE_URL or SITE_PATH) may hold only letters, digits and / . _ ~ -")
    path = "/" + path.strip("/") + "/"
    return "/" if path == "//" else path


def content_disposition(doc: Document, fmt: str) -> str:
    """RFC 6266: an attachment named as the page's download link names it (Document.save_as), with
    the file's own ASCII name for clients that do not read filename*."""
    ascii_name = doc.path(fmt).rsplit("/", 1)[-1]
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(doc.save_as(fmt), safe='')}"


def headers_file(headers: list[tuple[str, str]]) -> str:
    lines = ["# Netlify / Cloudflare Pages: the site's headers, written by speech/deploy.py at each",
             "# build (the script hashes change with the templates). Both hosts send 404.html for",
             "# missing paths by themselves.",
             "/*"]
    return "\n".join(lines + [f"  {name}: {value}" for name, value in headers]) + "\n"


@dataclass(frozen=True)
class Deployment:
    headers: list[tuple[str, str]]
    prefix: str                       # /jianghua/
    root: str                         # /srv/www/jianghua: where site/ is copied to
    downloads: list[tuple[Document, str]]   # (document, format) of every download

    @property
    def root_dir(self) -> str:
        return self.root.rstrip("/") + "/"


def _quoted(value: str) -> str:
    """A double-quoted string for nginx and Apache alike."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _apache_header(name: str, value: str) -> str:
    # mod_headers reads % as the start of a format (%D, %t …): a literal one is %%.
    return f"Header always set {name} {_quoted(value.replace('%', '%%'))}"


def _nginx_headers(headers, indent) -> list[str]:
    return [f"{indent}add_header {name} {_quoted(value)} always;" for name, value in headers]


def nginx_conf(deploy: Deployment) -> str:
    prefix, headers = deploy.prefix, deploy.headers
    types = " ".join(t for t in TEXT_TYPES if t != "text/html")   # text/html is always in both lists
    lines = [
        f"# nginx: the site at {prefix}, from {deploy.root_dir}. Written by `make build`",
        "# (speech/deploy.py) from SITE_URL / SITE_PATH and DEPLOY_ROOT; do not edit, rebuild.",
        "# Include it inside the server {} block that serves the site, outside any location:",
        "#",
        "#     server {",
        "#         …",
        "#         include /etc/nginx/jianghua.conf;    # a copy of this file",
        "#     }",
        "#",
        "# and reload nginx (nginx -s reload) after every upload of site/: nginx reads included",
        "# files only then, and the script hashes below change with the templates.",
        "",
        "# A long ?hl= link is some 30 KB; the 8 KB default refuses it with 414. (On a server that",
        "# is not the default one for its address, set this in the default server too.)",
        f"large_client_header_buffers 4 {REQUEST_LINE_LIMIT // 1024}k;",
        "",
    ]
    if prefix != "/":
        lines += [f"location = {prefix.rstrip('/')} {{",
                  *_nginx_headers(headers, "    "),
                  f"    return 301 {prefix};",
                  "}", ""]
    lines += [
        f"location {prefix} {{",
        f"    alias {deploy.root_dir};",
        "    index index.html;",
        "    charset utf-8;",
        f"    charset_types {types};",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_comp_level 6;",
        f"    gzip_types {types};",
        "    # Any missing path under the site, at any depth, gets the site's 404 page.",
        f"    error_page 403 404 =404 {prefix}404.html;",
        "    # An add_header in a location replaces every add_header inherited from outside it;",
        "    # each location here carries them all. 'always': error pages too.",
        *_nginx_headers(headers, "    "),
        "",
        "    # Host configuration is not content (the site itself holds only _headers).",
        f"    location ~ ^{prefix}(_headers$|.*/\\.|\\.) {{",
        "        return 404;",
        "    }",
    ]
    for doc, fmt in deploy.downloads:
        lines += ["",
                  f"    location = {prefix}{doc.path(fmt)} {{",
                  *_nginx_headers(headers + [("Content-Disposition", content_disposition(doc, fmt))], "        "),
                  "    }"]
    lines.append("}")
    return "\n".join(lines) + "\n"


def apache_conf(deploy: Deployment) -> str:
    prefix, root = deploy.prefix, deploy.root_dir
    pattern = "^" + prefix.rstrip("/").replace(".", "\\.") + "(/|$)" if prefix != "/" else "^/"
    lines = [
        f"# Apache httpd 2.4: the site at {prefix}, from {root}. Written by `make build`",
        "# (speech/deploy.py) from SITE_URL / SITE_PATH and DEPLOY_ROOT; do not edit, rebuild.",
        "# Include it in the server config or inside the <VirtualHost> that serves the site:",
        "#",
        "#     Include /etc/apache2/jianghua.conf    # a copy of this file",
        "#",
        "# It needs mod_alias, mod_dir, mod_mime, mod_headers, mod_deflate and mod_filter",
        "# (Debian: a2enmod headers deflate). Reload Apache (apachectl graceful) after every upload",
        "# of site/: the script hashes below change with the templates.",
        "",
        "# A long ?hl= link is some 30 KB; the 8 KB default refuses it with 414.",
        f"LimitRequestLine {REQUEST_LINE_LIMIT}",
        "",
    ]
    if prefix != "/":
        lines.append(f"RedirectMatch 301 ^{prefix.rstrip('/')}$ {prefix}")
    lines += [
        "# Host configuration is not content (the site itself holds only _headers).",
        f"RedirectMatch 404 ^{prefix}(_headers$|.*/\\.|\\.)",
        f'Alias "{prefix}" "{root}"',
        "",
        "# Every response under the prefix, error pages and redirects included; any missing path",
        "# under the site, at any depth, gets the site's 404 page.",
        f'<LocationMatch "{pattern}">',
        *[f"    {_apache_header(name, value)}" for name, value in deploy.headers],
        f"    ErrorDocument 404 {prefix}404.html",
        f"    ErrorDocument 403 {prefix}404.html",
        "</LocationMatch>",
        "",
        f'<Directory "{root.rstrip("/")}">',
        "    Require all granted",
        "    Options None",
        "    AllowOverride None",
        "    DirectoryIndex index.html",
        f"    AddCharset utf-8 {' '.join(TEXT_SUFFIXES)}",
        f"    AddOutputFilterByType DEFLATE {' '.join(TEXT_TYPES)}",
        "</Directory>",
    ]
    if deploy.downloads:
        lines += ["", f'<Directory "{root}downloads">']
        for doc, fmt in deploy.downloads:
            name = doc.path(fmt).rsplit("/", 1)[-1]
            lines += [f'    <Files "{name}">',
                      f"        {_apache_header('Content-Disposition', content_disposition(doc, fmt))}",
                      "    </Files>"]
        lines.append("</Directory>")
    return "\n".join(lines) + "\n"


def write(site_dir: Path, deploy: Deployment, server_configs: bool) -> None:
    """_headers into site/; with server_configs, deploy/nginx.conf and deploy/apache.conf beside it."""
    (site_dir / HEADERS_FILE).write_text(headers_file(deploy.headers), encoding="utf-8")
    if server_configs:
        out = site_dir.parent / DEPLOY_DIR
        out.mkdir(exist_ok=True)
        (out / NGINX_FILE).write_text(nginx_conf(deploy), encoding="utf-8")
        (out / APACHE_FILE).write_text(apache_conf(deploy), encoding="utf-8")
