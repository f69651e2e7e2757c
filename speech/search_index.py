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

import json
import re
from pathlib import Path

import opencc

# Character forms only: s2twp would also swap vocabulary (打印→列印) and teach search that 列 is 打.
_TRADITIONAL = ("s2t", "s2tw", "s2hk")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

DOCS_FILE = "search/search_docs.js"  # relative to the site root


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
    """pages: [{"location", "title", "blocks"}] in navigation order; blocks as the extension's
    search-blocks processor collects them."""
    docs = []
    for page in pages:
        docs.append({"location": page["location"], "title": page["title"], "text": ""})
        for block in page["blocks"]:
            docs.append({
                "location": f"{page['location']}#{block['id']}",
                "title": block["label"] or page["title"],
                "text": block["text"],
                **({"speech": True} if block["speech"] else {}),
            })
    return {"config": {"variants": variant_table([d["text"] for d in docs] + [p["title"] for p in pages])},
            "docs": docs}


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
