"""Write the search index that our search worker (docs/assets/javascripts/search-worker.js) reads.

Material's search plugin still runs (its UI needs it), but its jieba/lunr index finds Chinese
phrases poorly (see design/search.md). This hook writes our index instead: one document per block
of text (paragraph, heading, table row, note), each with the id it links to and whether it is
the speech, plus a traditional→simplified table for the characters the site uses.

The index goes to search/search_docs.js, which the worker loads itself on the first query, so a
reader who never searches never downloads it. Material's theme fetches search/search_index.json
on every page load and hands it to the worker; that file becomes a stub naming where the index
is (Material's offline plugin, which runs last, copies the stub into search_index.js for file://).
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import opencc

# Blocks whose text is indexed; editorial marks inside them are skipped.
# A list item is one block with the paragraphs inside it (a footnote, a rule on 编辑说明).
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "li", "tr"}
_SKIP_CLASSES = {"headerlink", "footnote-ref", "footnote-backref", "editorial", "para-link"}
# Character forms only: s2twp would also swap vocabulary (打印→列印) and teach search that 列 is 打.
_TRADITIONAL = ("s2t", "s2tw", "s2hk")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

DOCS_FILE = "search/search_docs.js"  # relative to the site root
_pages: dict[str, dict] = {}  # src_uri -> {"location", "title", "blocks"}
_nav_order: list[str] = []    # src_uri of the pages in navigation order (ties rank in this order)


class BlockExtractor(HTMLParser):
    """Collect (id, text, is_speech, label) for each block of a page's content, in document order.

    The label names the block in a search result: "第 3 段" for a speech paragraph, else the
    heading it stands under.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, bool, str]] = []
        self.heading = ""         # text of the latest heading
        self.anchor = ""          # the nearest id at or before the current position
        self.block = None         # [tag, id, text parts, is_speech] while inside a block
        self.skip_depth = 0       # >0 while inside an editorial mark
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag not in ("br", "hr", "img"):
            self.stack.append(tag)
            # Navigation (the home page's outline) repeats the speech; its pages hold the hits.
            if self.skip_depth or classes & _SKIP_CLASSES or tag == "nav":
                self.skip_depth += 1
        element_id = attrs.get("id")
        if element_id and tag in ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "table"):
            self.anchor = element_id
        if tag in _BLOCK_TAGS and self.block is None:
            self.block = [tag, element_id or self.anchor, [], "speech" in classes]

    def handle_endtag(self, tag):
        if tag in ("br", "hr", "img") or not self.stack:
            return
        if tag in ("td", "th") and self.block is not None:
            self.block[2].append(" ")
        while self.stack:
            if self.skip_depth:
                self.skip_depth -= 1
            if self.stack.pop() == tag:
                break
        if self.block is not None and tag == self.block[0]:
            text = re.sub(r"\s+", " ", "".join(self.block[2])).strip()
            if tag in ("h1", "h2", "h3", "h4"):
                self.heading = text
            if text:
                self.blocks.append((self.block[1], text, self.block[3], self.label(tag, self.block[1], text)))
            self.block = None

    def label(self, tag, anchor, text):
        paragraph = re.fullmatch(r"[a-z]+-(\d+)", anchor or "")
        if tag == "p" and paragraph and anchor.split("-")[0] in ("yiyi", "mudi", "yaoqiu"):
            return f"第 {paragraph.group(1)} 段"
        if anchor and anchor.startswith("kaichang"):
            return "开场白"
        return text if tag.startswith("h") else self.heading

    def handle_data(self, data):
        if self.block is not None and not self.skip_depth:
            self.block[2].append(data)


def extract_blocks(html: str) -> list[tuple[str, str, bool, str]]:
    parser = BlockExtractor()
    parser.feed(html)
    return parser.blocks


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


def on_pre_build(config):
    _pages.clear()


def on_nav(nav, config, files):
    _nav_order[:] = [page.file.src_uri for page in nav.pages]


def on_page_content(html, page, config, files):
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return html
    _pages[page.file.src_uri] = {
        "location": page.url or "index.html",
        "title": page.title,
        "blocks": extract_blocks(html),
    }
    return html


def build_index(pages: list[dict]) -> dict:
    docs = []
    for page in pages:
        docs.append({"location": page["location"], "title": page["title"], "text": ""})
        for anchor, text, speech, label in page["blocks"]:
            docs.append({
                "location": f"{page['location']}#{anchor}",
                "title": label or page["title"],
                "text": text,
                **({"speech": True} if speech else {}),
            })
    return {"config": {"variants": variant_table([d["text"] for d in docs] + [p["title"] for p in pages])},
            "docs": docs}


def on_post_build(config):
    ranked = sorted(_pages, key=lambda uri: _nav_order.index(uri) if uri in _nav_order else len(_nav_order))
    index = build_index([_pages[uri] for uri in ranked])
    folder = Path(config.site_dir) / "search"
    stub = {"config": {"index": DOCS_FILE}, "docs": []}
    (folder / "search_index.json").write_text(json.dumps(stub), encoding="utf-8")
    # A script, not JSON: the worker loads it with importScripts, which also works from file://.
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_docs.js").write_text(f"self.searchIndex = {payload}\n", encoding="utf-8")


def read_docs_file(path: Path) -> dict:
    """The index as search_docs.js holds it (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:])
