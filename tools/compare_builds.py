"""Compare two builds of the site page by page: what a reader would see in each page's article.

    python tools/compare_builds.py OLD_SITE NEW_SITE

For refactors that must not change the pages (issue 8 used it against the build of the commit
before it). Compares the article's elements with their attributes (order and class order aside)
and its text (white space runs aside); prints the differences, exits 1 if there are any.
"""

import difflib
import sys
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


def main(old: Path, new: Path) -> int:
    differences = 0
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
