"""Figures for the downloads: how long `make build` takes with them, and their sizes.

    .venv/bin/python tools/bench_downloads.py      (make bench runs downloads_figures())

`make build` is timed into a temporary folder (site/ is left alone): MkDocs, whose speech plugin
writes the downloads at the end (Word and text from the model, four PDFs printed by Chromium).
Goal: under 15 s on two cores. Then each file's size. (Each page's first-load transfer is
measured through nginx by tools/benchmark.py.)
"""

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT

GOAL_SECONDS = 15
ROUNDS = 3


def make_build_seconds(out: Path) -> float:
    """One `make build` into out/, in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOWNLOADS": "true"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def downloads_figures():
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [make_build_seconds(site) for _ in range(ROUNDS)]
        print(f"make build with downloads: median {statistics.median(times):.1f} s of {ROUNDS} "
              f"({', '.join(f'{t:.1f}' for t in times)})   goal < {GOAL_SECONDS} s on two cores")
        print("downloads (raw; gzip as a server would send it):")
        for path in sorted((site / "downloads").iterdir(), key=lambda p: (p.suffix, p.name)):
            data = path.read_bytes()
            print(f"  {path.name:14} {len(data) / 1024:7.1f} KiB   {len(gzip.compress(data, 6)) / 1024:7.1f} KiB gzip")


def main():
    downloads_figures()


if __name__ == "__main__":
    main()
