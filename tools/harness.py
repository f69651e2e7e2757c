"""What the tests and the tools share: building the site, serving it, and driving Chromium."""

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import static_server
from speech.takeaway.printing import CHROMIUM, CHROMIUM_ARGS, chromium

ROOT = Path(__file__).resolve().parent.parent
__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "build_site", "chromium", "nav_pages", "served_site"]


def nav_pages() -> list[str]:
    """The built pages in navigation order (from mkdocs.yml), e.g. ["index.html", "yiyi.html", …]."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [uri.replace(".md", ".html") for entry in config["nav"] for uri in entry.values()]


def build_site(project: Path, out: Path, settings: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A strict build of `project` into `out`, with `settings` (SITE_URL, SITE_PATH, DOWNLOADS…)
    added to the environment; the result carries MkDocs' messages. Without the downloads unless
    settings ask for them: printing the PDFs takes most of a build's time."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOWNLOADS": "false", "PUBLISH": "false", **(settings or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@contextmanager
def served_site() -> Iterator[tuple[Path, str]]:
    """Build the site into a temporary folder and serve it: yields (site folder, base URL)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = build_site(ROOT, site)
        if result.returncode:
            sys.exit(f"strict build failed:\n{result.stderr}")
        server, base_url = static_server.start(site)
        try:
            yield site, base_url
        finally:
            server.shutdown()
