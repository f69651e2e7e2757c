"""A small static file server for tests and benchmarks: serves a built site on 127.0.0.1, sends
404.html for missing paths (as GitHub Pages and most hosts do) and gzips text when asked, so that
transfer sizes and Lighthouse see what a real host would send.

    python tools/static_server.py site 8000
"""

import gzip
import io
import http.server
import sys
import threading
from functools import partial
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    # (path, bytes on the wire: status line, headers and body) of every response, for benchmarks.
    sent: list[tuple[str, int]] = []

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                      ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8",
                      ".txt": "text/plain; charset=utf-8"}

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
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
        head = sum(len(line) for line in self._headers_buffer) + 2
        self.end_headers()
        self.sent.append((self.path, head + (len(body) if self.command == "GET" else 0)))
        return io.BytesIO(body)


def start(directory, port=0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` in a background thread; return the server and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":
    server, url = start(sys.argv[1] if len(sys.argv) > 1 else "site", int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {url}", flush=True)
    threading.Event().wait()
