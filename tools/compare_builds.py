"""Compare two builds of the site: what a reader would see in each page's article, and in each
download.

    python tools/compare_builds.py OLD_SITE NEW_SITE

For refactors that must not change what a reader gets: build the commit before and the one after
(`make build`: mkdocs build writes the downloads too) and compare. Compares each
article's elements with their attributes (order and class order aside) and its text (white space
runs aside), and each file in downloads/ by its text: a .txt byte for byte, a .docx by the text
of its parts, a .pdf by what pdftotext reads from it. Prints the differences, exits 1 if any.
"""

import difflib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString


def article_nodes(html: str) -> list[tuple]:
    article = BeautifulSoup(html, "html.parser").select_one("article")
    nodes = []
    for node in article.descendants if article else []:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if text := " ".join(str(node).split()):
                nodes.append(("text", text))
        else:
            attrs = {k: " ".join(sorted(v)) if isinstance(v, list) else v for k, v in node.attrs.items()}
            nodes.append((node.name, tuple(sorted(attrs.items()))))
    return nodes


def download_text(path: Path) -> list[str]:
    """What a reader reads in a download, a line a list item."""
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            parts = sorted(n for n in docx.namelist() if n.endswith(".xml"))
            # The creation date in docProps/core.xml differs from build to build: not the text.
            xml = "\n".join(re.sub(r"<dcterms:(created|modified)[^>]*>[^<]*<", "<", docx.read(n).decode("utf-8"))
                            for n in parts)
        text = re.sub(r"<[^>]+>", "\n", xml)
    else:
        text = path.read_bytes().decode("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def compare_downloads(old: Path, new: Path) -> int:
    differences = 0
    # A published build keeps the servers' .br and .gz copies beside each file: the same bytes.
    for path in sorted(p.relative_to(old) for p in (old / "downloads").glob("*") if p.suffix not in (".br", ".gz")):
        if not (new / path).exists():
            print(f"{path}: missing from the new build")
            differences += 1
            continue
        a, b = download_text(old / path), download_text(new / path)
        diff = list(difflib.unified_diff(a, b, str(old / path), str(new / path), lineterm="", n=1))
        print(f"{path}: {'identical text' if not diff else f'{len(diff)} diff lines'} ({len(b)} lines)")
        print("\n".join(diff[:60]))
        differences += bool(diff)
    return differences


def main(old: Path, new: Path) -> int:
    differences = compare_downloads(old, new)
    for page in sorted(p.relative_to(old) for p in old.rglob("*.html")):
        if not (new / page).exists():
            print(f"{page}: missing from the new build")
            differences += 1
            continue
        a = [repr(n) for n in article_nodes((old / page).read_text(encoding="utf-8"))]
        b = [repr(n) for n in article_nodes((new / page).read_text(encoding="utf-8"))]
        diff = list(difflib.unified_diff(a, b, str(old / page), str(new / page), lineterm="", n=1))
        print(f"{page}: {'identical' if not diff else f'{len(diff)} diff lines'} ({len(b)} nodes)")
        print("\n".join(diff[:60]))
        differences += bool(diff)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
