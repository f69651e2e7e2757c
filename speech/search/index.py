"""The search index that our search worker (docs/assets/javascripts/search-worker.js) reads.

Material's search plugin still runs (its UI needs it), but its jieba/lunr index finds Chinese
phrases poorly (see design/search.md). We write our own instead: one document per block of text
(paragraph, heading, table row, note) as the extension's search-blocks processor collected it,
each with the id it links to and whether it is the speech, plus a traditional→simplified table
for the characters the site uses.

The index goes to search/search_docs.js, which the worker loads itself on the first query, so a
reader who never searches never downloads it. Material's theme fetches search/search_index.json
on every page load and hands it to the worker; that file becomes a stub naming where the index
is (Material's offline plugin, which runs last, copies the stub into search_index.js for file://).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import opencc
from markdown.util import ETX, STX

# Character forms only: s2twp would also swap vocabulary (打印→列印) and teach search that 列 is 打.
_TRADITIONAL = ("s2t", "s2tw", "s2hk")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

DOCS_FILE = "search/search_docs.js"  # relative to the site root
# How many matched passages a hit's link carries (?hl=…&hl=…) for the page to mark: the worker
# reads it from the index, and the page marks no more than a link can carry.
MAX_PASSAGES = 10
# Python-Markdown's footnotes extension gives each note's item this id prefix (fn:shishi); an
# editor's note is listed as 编者注, under the heading of the part it annotates.
NOTE_ID = "fn:"
NOTE_LABEL = "编者注"
# What a block's text may still hold of Python-Markdown's placeholders when the search blocks
# are collected (the footnotes extension's stand-in for the space before a note's back link):
# not text, so not searchable.
_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")


@dataclass(frozen=True)
class SearchBlock:
    """One block of text on a page, as the extension's search-blocks processor collects it."""
    id: str          # the id a hit links to: the block's own, or the nearest one before it
    text: str        # without editorial marks
    speech: bool     # one of the speech's own blocks
    label: str       # what a hit is called: 第 3 段, 开场白, or the heading it falls under


def variant_table(texts: list[str]) -> dict[str, str]:
    """Traditional (and Taiwan/Hong Kong) forms of the site's characters -> the site's form.

    Only characters of the site are covered: a query can only match those anyway.
    """
    text = "".join(texts)
    table: dict[str, str] = {}
    for config in _TRADITIONAL:
        converter = opencc.OpenCC(f"{config}.json")
        # Whole text (phrase-aware: 干部→幹部, 干净→乾淨) and character by character.
        for simplified, converted in [(text, converter.convert(text))] + [
            (c, converter.convert(c)) for c in set(_HAN.findall(text))
        ]:
            if len(converted) != len(simplified):
                continue
            for s, t in zip(simplified, converted):
                if s != t and _HAN.match(t):
                    table.setdefault(t, s)
    return dict(sorted(table.items()))


def build_index(pages: list[dict]) -> dict:
    """pages: [{"location", "title", "blocks": [SearchBlock, …]}] in navigation order."""
    docs = []
    for page in pages:
        docs.append({"location": page["location"], "title": page["title"], "text": ""})
        for block in page["blocks"]:
            label = block.label or page["title"]
            docs.append({
                "location": f"{page['location']}#{block.id}",
                "title": f"{label} · {NOTE_LABEL}" if block.id.startswith(NOTE_ID) else label,
                "text": _PLACEHOLDER.sub("", block.text).strip(),
                **({"speech": True} if block.speech else {}),
            })
    variants = variant_table([d["text"] for d in docs] + [p["title"] for p in pages])
    return {"config": {"variants": variants, "passages": MAX_PASSAGES}, "docs": docs}


def write(site_dir: Path, pages: list[dict]) -> None:
    """Write the index (search/search_docs.js) and the stub Material's theme fetches."""
    folder = Path(site_dir) / "search"
    stub = {"config": {"index": DOCS_FILE}, "docs": []}
    (folder / "search_index.json").write_text(json.dumps(stub), encoding="utf-8")
    # A script, not JSON: the worker loads it with importScripts, which also works from file://.
    payload = json.dumps(build_index(pages), ensure_ascii=False, separators=(",", ":"))
    (folder / "search_docs.js").write_text(f"self.searchIndex = {payload}\n", encoding="utf-8")


def read_docs_file(path: Path) -> dict:
    """The index as search_docs.js holds it (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:])
