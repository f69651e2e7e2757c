"""What the hosts that serve the site need to know: its security headers, and for nginx and Apache
the whole of how to serve it.

    site/_headers          Netlify, Cloudflare Pages: read from the site's root
    deploy/nginx.conf      nginx: included inside the server {} block that serves the site,
    deploy/nginx-http.conf   with this one inside http {} (the headers' values)
    deploy/nginx-brotli.conf   and this one there too where the brotli_static module is loaded
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

The server configs are made to live inside a server an office already runs (design/deploy.md): in
nginx the headers are added once, at server level, their values worked out per response by maps
(empty outside the prefix, so the server's own pages and headers are left alone), and the prefix
is a ^~ location no regex location of the server can take; in Apache the vhost's own values of
these headers are replaced in both of mod_headers' tables. The policy goes only where it acts
(pages, SVG documents, the search worker); content-named files are cached for good, everything
else revalidated; the .br and .gz beside a file (speech/hosting/assets.py) are sent as they are.
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
NGINX_FILE = "nginx.conf"               # inside server {}
NGINX_HTTP_FILE = "nginx-http.conf"     # inside http {}
NGINX_BROTLI_FILE = "nginx-brotli.conf" # inside http {}, where the brotli_static module is loaded
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

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.problems: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: inline event handler")
            elif name == "style":
                self.problems.append(f"<{tag} style=…>: style attribute")
            elif (name in ("href", "src", "action", "formaction")
                  and (value or "").strip().lower().startswith("javascript:")):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and not dict(attrs).get("src") and (dict(attrs).get("type") or "").lower() in _SCRIPT_TYPES:
            self._script = []
        if tag == "style":
            self.problems.append("<style> element")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
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

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found = self.found or tag == "script"
    parser = Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


class TrustedScripts:
    """The inline scripts our templates wrote, page by page (by the page's path in site/)."""

    def __init__(self) -> None:
        self.by_page: dict[str, set[str]] = {}
        self.sources: dict[str, str] = {}     # page -> the Markdown file it was made from

    def clear(self) -> None:
        self.by_page.clear()
        self.sources.clear()

    def add(self, page: str, rendered: str, source: str | None = None) -> None:
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
        raise DeployError(f"the site's path {path!r} (SITE_URL or SITE_PATH) may hold only letters, digits "
                          "and / . _ ~ -")
    path = "/" + path.strip("/") + "/"
    return "/" if path == "//" else path


def content_disposition(doc: Document, fmt: str) -> str:
    """RFC 6266: an attachment named as the page's download link names it (Document.save_as), with
    the file's own ASCII name for clients that do not read filename*."""
    ascii_name = doc.path(fmt).rsplit("/", 1)[-1]
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(doc.save_as(fmt), safe='')}"


def headers_file(headers: list[tuple[str, str]]) -> str:
    lines = ["# Netlify / Cloudflare Pages: the site's headers, written by speech/hosting/deploy.py at each",
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

    @property
    def slug(self) -> str:
        """The prefix as a name: jianghua, a_deeper_mount; site for /."""
        return re.sub(r"[^A-Za-z0-9]+", "_", self.prefix.strip("/")) or "site"


def _quoted(value: str) -> str:
    """A double-quoted string for nginx and Apache alike."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# What a content-named file's name ends with (speech/hosting/assets.py): kept a year, never revalidated.
CONTENT_NAMED = r"\.[0-9a-f]{8}\.(min\.js|min\.css|svg)"
CACHE_FOR_GOOD = "public, max-age=31536000, immutable"
CACHE_REVALIDATE = "no-cache"
# The policy acts on documents and on what a worker runs; it is sent there only, each its own.
# A page gets the site's policy; an SVG (the favicon, the cursors) opened as a document runs and
# loads nothing; the search worker loads its index from the site and has no inline script.
WORKER = r"/assets/javascripts/search-worker\.[0-9a-f]{8}\.min\.js"
SVG_POLICY = "default-src 'none'"
WORKER_POLICY = "default-src 'self'"


def _variable(deploy: Deployment, header: str) -> str:
    """$jianghua_cache_control: nginx variables are global, so each is named after the prefix."""
    return f"${deploy.slug}_{header.lower().replace('-', '_')}"


def _nginx_map(source: str, variable: str, cases: list[tuple[str, str]]) -> list[str]:
    return [f"map {source} {variable} {{", *[f"    {key}  {value};" for key, value in cases],
            '    default  "";', "}"]


def nginx_http_conf(deploy: Deployment) -> str:
    """The http {} part: each header's value for a request, worked out as the response goes out
    (map), empty outside the site's prefix, where nginx then sends no such header at all."""
    prefix, slug = deploy.prefix, deploy.slug
    (csp_name, csp), *others = deploy.headers
    site = f"${slug}_site"
    lines = [
        f"# nginx, inside http {{}}: the values of the response headers of the site at {prefix}.",
        "# Written by `make build` (speech/hosting/deploy.py); do not edit, rebuild. Debian: copy it into",
        "# /etc/nginx/conf.d/ (read inside http {}); on a panel's server see design/deploy.md.",
        "# nginx.conf adds the headers, once, with these variables: empty for any address outside",
        "# the site, so that the server's other pages keep only their own headers.",
        "",
        *_nginx_map("$uri", site, [(_quoted("~^" + re.escape(prefix.rstrip("/")) + "(/|$)"), "1")]),
        "# The Content-Security-Policy where it acts: pages, SVG documents, the search worker.",
        *_nginx_map(f'"{site}|$uri|$sent_http_content_type"', f"${slug}_policy",
                    [(_quoted("~^1[|][^|]*[|]text/html"), "page"),
                     (_quoted("~^1[|][^|]*[|]image/svg[+]xml"), "svg"),
                     (_quoted("~^1[|][^|]*" + WORKER + "[|]"), "worker")]),
        *_nginx_map(f"${slug}_policy", _variable(deploy, csp_name),
                    [("page", _quoted(csp)), ("svg", _quoted(SVG_POLICY)), ("worker", _quoted(WORKER_POLICY))]),
        "# The other security headers on every response under the prefix, errors included.",
    ]
    for name, value in others:
        lines += _nginx_map(site, _variable(deploy, name), [("1", _quoted(value))])
    lines += [
        "# Content-named files are kept for good; everything else is revalidated (ETag) on each use.",
        *_nginx_map(f'"{site}|$uri"', _variable(deploy, "Cache-Control"),
                    [(_quoted("~^1[|].*" + CONTENT_NAMED + "$"), _quoted(CACHE_FOR_GOOD)),
                     (_quoted("~^1[|]"), _quoted(CACHE_REVALIDATE))]),
        "# Downloads are attachments, named as the pages' links name them.",
        *_nginx_map("$uri", _variable(deploy, "Content-Disposition"),
                    [(_quoted(prefix + doc.path(fmt)), _quoted(content_disposition(doc, fmt)))
                     for doc, fmt in deploy.downloads]),
    ]
    return "\n".join(lines) + "\n"


def nginx_brotli_conf() -> str:
    return "\n".join([
        "# nginx, inside http {}, only where the brotli_static module is loaded (Debian:",
        "# apt-get install libnginx-mod-http-brotli-static, which loads it). It sends the .br file",
        "# beside a requested one to a browser that accepts br, as gzip_static sends the .gz; for",
        "# other sites it does nothing unless they have .br files too. Without the module, leave",
        "# this file out: nginx.conf and nginx-http.conf load without it, and .gz is sent instead.",
        "brotli_static on;",
    ]) + "\n"


def nginx_conf(deploy: Deployment) -> str:
    """The server {} part: the headers added once, the bare prefix redirected, the site's location."""
    lines = _nginx_preamble(deploy) + _nginx_add_headers(deploy)
    if deploy.prefix != "/":
        lines += _nginx_bare_prefix(deploy.prefix)
    return "\n".join(lines + _nginx_site_location(deploy)) + "\n"


def _nginx_preamble(deploy: Deployment) -> list[str]:
    """What the file is, where it goes, and the one setting it needs from the http {} block."""
    return [
        f"# nginx: the site at {deploy.prefix}, from {deploy.root_dir}. Written by `make build`",
        "# (speech/hosting/deploy.py) from SITE_URL / SITE_PATH and DEPLOY_ROOT; do not edit, rebuild.",
        "# Include it inside the server {} block that serves the site, outside any location, and",
        "# nginx-http.conf inside http {} (Debian: a copy in /etc/nginx/conf.d/); design/deploy.md:",
        "#",
        "#     server {",
        "#         …",
        "#         include /etc/nginx/jianghua.conf;    # a copy of this file",
        "#     }",
        "#",
        "# and reload nginx (nginx -s reload) after every upload of site/: nginx reads included",
        "# files only then, and the script hashes in nginx-http.conf change with the templates.",
        "#",
        "# A long ?hl= link is some 30 KB: the server needs, once in http {},",
        f"#     large_client_header_buffers 4 {REQUEST_LINE_LIMIT // 1024}k;",
        "# (nginx refuses a second one at the same level; a panel's nginx.conf has one to raise).",
        "",
    ]


def _nginx_add_headers(deploy: Deployment) -> list[str]:
    """Each header added once, at server level, its value a variable of nginx-http.conf."""
    header_names = [name for name, _ in deploy.headers] + ["Cache-Control", "Content-Disposition"]
    return [
        "# The headers, added once, at server level: the site's locations add none, so they inherit",
        "# these and the server's own (HSTS, X-Frame-Options …) alike. Outside the site the values",
        "# are empty and nginx sends no such header.",
        *[f"add_header {name} {_variable(deploy, name)} always;" for name in header_names],
        "",
    ]


def _nginx_bare_prefix(prefix: str) -> list[str]:
    """/jianghua redirected to /jianghua/."""
    return [f"location = {prefix.rstrip('/')} {{",
            f"    return 301 {prefix}$is_args$args;",
            "}", ""]


def _nginx_site_location(deploy: Deployment) -> list[str]:
    """The prefix's location: the files from DEPLOY_ROOT, charsets, compression, the 404 page."""
    prefix = deploy.prefix
    types = " ".join(t for t in TEXT_TYPES if t != "text/html")   # text/html is always in both lists
    return [
        "# ^~: no regex location of the server's (a panel's `location ~ .*\\.(js|css)?$`) takes the",
        "# site's files.",
        f"location ^~ {prefix} {{",
        f"    alias {deploy.root_dir};",
        "    index index.html;",
        "    charset utf-8;",
        f"    charset_types {types};",
        "    # The .br (nginx-brotli.conf) or .gz that make build wrote beside a file; other text",
        "    # compressed as it is sent.",
        "    gzip_static on;",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_comp_level 6;",
        f"    gzip_types {types};",
        "    # Any missing path under the site, at any depth, gets the site's 404 page.",
        f"    error_page 403 404 =404 {prefix}404.html;",
        "    # No byte ranges: nginx answers a range past the end (416) by running its header filters",
        "    # twice, every add_header twice. The largest file, a PDF, is some 300 KB: sent whole.",
        "    max_ranges 0;",
        "",
        "    # Host configuration is not content (the site itself holds only _headers).",
        f"    location ~ ^{prefix}(_headers$|.*/\\.|\\.) {{",
        "        return 404;",
        "    }",
        "}",
    ]


def _apache_quoted(text: str) -> str:
    """A quoted word of Apache's: a backslash is itself (a regex's \\.), only \\" is an escape."""
    return '"' + text.replace('"', '\\"') + '"'


def _apache_define(deploy: Deployment, name: str, value: str) -> str:
    """jianghua_cache_control_1a2b: a Define is global, so named after the prefix and the value."""
    return f"{deploy.slug}_{name.lower().replace('-', '_')}_{hashlib.sha256(value.encode()).hexdigest()[:4]}"


def _apache_header(name: str, value: str, condition: str | None = None) -> str:
    # mod_headers reads % as the start of a format (%D, %t …): a literal one is %%.
    line = f"Header always set {name} {_apache_quoted(value.replace('%', '%%'))}"
    return line + (f" {_apache_quoted('expr=' + condition)}" if condition else "")


def apache_conf(deploy: Deployment) -> str:
    prefix = deploy.prefix
    pattern = "^" + prefix.rstrip("/").replace(".", "\\.") + "(/|$)" if prefix != "/" else "^/"
    headers = _apache_headers(deploy)
    lines = _apache_preamble(deploy) + _apache_precompressed(deploy)
    under_prefix = f"%{{REQUEST_URI}} =~ m#{pattern}#"
    lines += [
        "",
        "# The headers' values, once.",
        *[f"Define {_apache_define(deploy, name, value)} {_apache_quoted(value)}" for name, value, _ in headers],
        "# An error Apache answers before it maps the address to a location (a %2f or %00 in it, a",
        "# file name too long) has only the vhost's headers: ours among them, under the prefix.",
        *[_apache_header(name, "${" + _apache_define(deploy, name, value) + "}",
                         f"{under_prefix} && ({condition})" if condition else under_prefix)
          for name, value, condition in headers],
        "",
        "# Every response under the prefix, error pages and redirects included. The vhost's own",
        "# value of any of these headers is dropped, whichever table set it (onsuccess, always), so",
        "# that none is sent twice; its other headers (HSTS …) are left as they are. Any missing path",
        "# under the site, at any depth, gets the site's 404 page.",
        f'<LocationMatch "{pattern}">',
    ]
    for name in dict.fromkeys([name for name, _, _ in headers] + ["Expires"]):
        lines += [f"    Header onsuccess unset {name}", f"    Header always unset {name}"]
    lines += [f"    {_apache_header(name, '${' + _apache_define(deploy, name, value) + '}', condition)}"
              for name, value, condition in headers]
    lines += [
        f"    ErrorDocument 404 {prefix}404.html",
        f"    ErrorDocument 403 {prefix}404.html",
        "</LocationMatch>",
        "",
    ]
    return "\n".join(lines + _apache_directory(deploy) + _apache_downloads(deploy)) + "\n"


_COMPRESSED = r"(\.br|\.gz)?$"   # a file or the .br or .gz beside it


def _apache_headers(deploy: Deployment) -> list[tuple[str, str, str | None]]:
    """(name, value, condition) of each header the site sends: the vhost's own value of each is
    dropped first."""
    (csp_name, csp), *others = deploy.headers
    content_named = f"%{{REQUEST_URI}} =~ m#{CONTENT_NAMED}{_COMPRESSED}#"
    return [(csp_name, csp, "%{CONTENT_TYPE} =~ m#^text/html#"),
            (csp_name, SVG_POLICY, "%{CONTENT_TYPE} =~ m#^image/svg\\+xml#"),
            (csp_name, WORKER_POLICY, f"%{{REQUEST_URI}} =~ m#{WORKER}{_COMPRESSED}#"),
            *[(name, value, None) for name, value in others],
            ("Cache-Control", CACHE_FOR_GOOD, content_named),
            ("Cache-Control", CACHE_REVALIDATE, f"!({content_named})")]


def _apache_preamble(deploy: Deployment) -> list[str]:
    """What the file is, and the server-wide settings the site needs; the prefix mapped."""
    prefix, root = deploy.prefix, deploy.root_dir
    lines = [
        f"# Apache httpd 2.4: the site at {prefix}, from {root}. Written by `make build`",
        "# (speech/hosting/deploy.py) from SITE_URL / SITE_PATH and DEPLOY_ROOT; do not edit, rebuild.",
        "# Include it in the server config or inside the <VirtualHost> that serves the site:",
        "#",
        "#     Include /etc/apache2/jianghua.conf    # a copy of this file",
        "#",
        "# It needs mod_alias, mod_dir, mod_mime, mod_headers, mod_deflate, mod_filter and mod_rewrite",
        "# (Debian: a2enmod headers deflate rewrite). Reload Apache (apachectl graceful) after every",
        "# upload of site/: the script hashes below change with the templates.",
        "",
        "# A long ?hl= link is some 30 KB; the 8 KB default refuses it with 414.",
        f"LimitRequestLine {REQUEST_LINE_LIMIT}",
        "# A response compressed as it is sent keeps its file's ETag, so that revalidation answers",
        "# 304 (mod_deflate's default appends -gzip, which no later request matches).",
        "DeflateAlterETag NoChange",
        "# TRACE echoes a request back, cookies included; nothing here answers it.",
        "TraceEnable off",
        "",
    ]
    if prefix != "/":
        lines.append(f"RedirectMatch 301 ^{prefix.rstrip('/')}$ {prefix}")
    return lines + [
        "# Host configuration is not content (the site itself holds only _headers).",
        f"RedirectMatch 404 ^{prefix}(_headers$|.*/\\.|\\.)",
        f'Alias "{prefix}" "{root}"',
        "",
    ]


def _apache_precompressed(deploy: Deployment) -> list[str]:
    """The .br or .gz that make build wrote beside a file, to a browser that accepts it."""
    prefix, root = deploy.prefix, deploy.root_dir
    lines = ["# The .br or .gz that make build wrote beside a file, to a browser that accepts it.",
             "RewriteEngine On"]
    suffixes = "|".join(suffix.lstrip(".") for suffix in TEXT_SUFFIXES)
    for suffix, encoding in ((".br", "br"), (".gz", "gzip")):
        lines += [f'RewriteCond "%{{HTTP:Accept-Encoding}}" "\\b{encoding}\\b"',
                  f'RewriteCond "{root}$1{suffix}" -f',
                  f'RewriteRule "^{prefix}(.*\\.({suffixes}))$" "{prefix}$1{suffix}" [PT]']
    return lines


def _apache_directory(deploy: Deployment) -> list[str]:
    """The site's folder: no .htaccess, charsets, compression of what was not precompressed."""
    return [
        f'<Directory "{deploy.root_dir.rstrip("/")}">',
        "    Require all granted",
        "    Options None",
        "    AllowOverride None",
        "    DirectoryIndex index.html",
        f"    AddCharset utf-8 {' '.join(TEXT_SUFFIXES)}",
        f"    AddOutputFilterByType DEFLATE {' '.join(TEXT_TYPES)}",
        "    # page.min.js.br is a script sent br-encoded, not a file of type application/gzip.",
        "    RemoveType .br .gz",
        "    AddEncoding br .br",
        "    AddEncoding gzip .gz",
        '    <FilesMatch "\\.(br|gz)$">',
        "        Header append Vary Accept-Encoding",
        "    </FilesMatch>",
        "</Directory>",
    ]


def _apache_downloads(deploy: Deployment) -> list[str]:
    """Downloads are attachments, named as the pages' links name them."""
    if not deploy.downloads:
        return []
    lines = ["", "# Downloads are attachments, named as the pages' links name them."]
    for doc, fmt in deploy.downloads:
        lines += [f'<LocationMatch "^{re.escape(deploy.prefix + doc.path(fmt))}{_COMPRESSED}">',
                  f"    {_apache_header('Content-Disposition', content_disposition(doc, fmt))}",
                  "</LocationMatch>"]
    return lines


def write(site_dir: Path, deploy: Deployment, server_configs: bool) -> None:
    """_headers into site/; with server_configs, the nginx and Apache configs in deploy/ beside it."""
    (site_dir / HEADERS_FILE).write_text(headers_file(deploy.headers), encoding="utf-8")
    if server_configs:
        out = site_dir.parent / DEPLOY_DIR
        out.mkdir(exist_ok=True)
        for name, text in ((NGINX_FILE, nginx_conf(deploy)), (NGINX_HTTP_FILE, nginx_http_conf(deploy)),
                           (NGINX_BROTLI_FILE, nginx_brotli_conf()), (APACHE_FILE, apache_conf(deploy))):
            (out / name).write_text(text, encoding="utf-8")
