"""A small static file server for tests and benchmarks: serves a built site on 127.0.0.1, sends
404.html with status 404 for missing paths (as GitHub Pages, Netlify and most hosts do) and gzips
text when asked, so that transfer sizes and Lighthouse see what a real host would send.

Two options do what real hosts do and the tests need:
  - prefix="/jianghua/" mounts the site under a sub-path, as on most of a bureau's domains;
  - headers=True sends the headers of the site's own _headers file (Netlify / Cloudflare Pages
    convention, written by speech/hosting/deploy.py), the Content-Security-Policy among them.

It serves nothing outside its folder: a path that leaves it, through ".." or a symlink, is missing.

    python tools/static_server.py site 8000 [/prefix/] [--headers]
"""

import gzip
import http.server
import io
import sys
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def read_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a _headers file: [(path pattern, [(name, value), …]), …] in file order.

    The format: a line starting with "/" opens a rule for that path ("*" matches anything); the
    indented "Name: value" lines under it are its headers; "#" starts a comment line."""
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            raise ValueError(f"{path}:{number}: not a path or a 'Name: value' line: {line!r}")
    return rules


def pattern_matches(pattern: str, path: str) -> bool:
    if pattern.endswith("*"):
        return path.startswith(pattern[:-1])
    return path == pattern


class Handler(http.server.SimpleHTTPRequestHandler):
    # (path, bytes on the wire: status line, headers and body) of every response, for benchmarks.
    sent: list[tuple[str, int]] = []

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                      ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8",
                      ".txt": "text/plain; charset=utf-8"}

    def __init__(self, *args, prefix="/", rules=(), **kwargs):
        self.prefix = prefix
        self.rules = rules
        super().__init__(*args, **kwargs)

    def log_message(self, *args):  # keep test output quiet
        pass

    def site_file(self) -> tuple[Path | None, str]:
        """The file the request names inside the served folder (None if there is none), and the
        request's path relative to the mount, as _headers rules see it."""
        root = Path(self.directory).resolve()
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None, path
        relative = "/" + path[len(self.prefix):]
        parts = [part for part in relative.split("/") if part not in ("", ".")]
        if ".." in parts or any("\\" in part or "\0" in part for part in parts):
            return None, relative
        candidate = root.joinpath(*parts)
        if candidate.is_dir():
            candidate = candidate / "index.html"
        try:
            real = candidate.resolve(strict=True)  # symlinks followed: the target must be inside too
        except (OSError, RuntimeError):
            return None, relative
        if not real.is_relative_to(root) or not real.is_file():
            return None, relative
        if self.rules and real == root / "_headers":  # the host's configuration, not a page
            return None, relative
        return real, relative

    def send_head(self):
        path, relative = self.site_file()
        status = 200
        if path is None:
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        gzip_it = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzip_it:
            body = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        if gzip_it:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        for pattern, headers in self.rules:
            if pattern_matches(pattern, relative):
                for name, value in headers:
                    self.send_header(name, value)
        head = sum(len(line) for line in self._headers_buffer) + 2
        self.end_headers()
        self.sent.append((self.path, head + (len(body) if self.command == "GET" else 0)))
        return io.BytesIO(body)


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that goes away mid-response (a test closing its page) is not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def start(directory, port=0, prefix="/", headers=False) -> tuple[Server, str]:
    """Serve `directory` under `prefix` in a background thread; return the server and the site's
    base URL. With headers=True, every response carries the headers of the site's _headers file."""
    assert prefix.startswith("/") and prefix.endswith("/"), prefix
    rules = read_headers_file(Path(directory) / "_headers") if headers else []
    handler = partial(Handler, directory=str(directory), prefix=prefix, rules=rules)
    server = Server(("127.0.0.1", port), handler)
    # A short poll: shutdown() waits up to one interval, and tests start and stop many servers.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--headers"]
    server, url = start(args[0] if args else "site", int(args[1]) if len(args) > 1 else 8000,
                        args[2] if len(args) > 2 else "/", headers="--headers" in sys.argv)
    print(f"serving {url}", flush=True)
    threading.Event().wait()
