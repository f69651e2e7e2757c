"""The site's scripts, written as parts of one job each and shipped as one file each.

A part is classic script (ES modules do not load from file://, where the site must work). The
build joins a bundle's parts, in the order listed here, into the bundle's file before the minifier
(mkdocs.yml) makes its .min.js, so a page asks for no more scripts than before; the parts
themselves are not copied into the site. page.js's parts share the global scope (what they
define, access.js and notes.js use too); access.js's and notes.js's parts share one function's
scope each, so that nothing of the 无障碍 tools or the 学习笔记 leaks into the page's globals (notes.js
names one, jianghuaNotes, for page.js to call).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "assets/javascripts"


@dataclass(frozen=True)
class Bundle:
    parts: tuple[str, ...]     # in order: what a later part uses, an earlier one defines
    one_scope: bool = False    # the parts inside one function, or each at the top level

    def join(self, texts: list[str]) -> str:
        joined = "\n".join(texts)
        return f';(function () {{\n"use strict"\n{joined}}})()\n' if self.one_scope else joined


BUNDLES = {
    "page.js": Bundle((
        "page/shared.js",          # the settings' names, the speech's text nodes, copy, tell
        "page/search-input.js",    # pasted and IME input reaches Material's search
        "page/search-hits.js",     # what a search result pointed at, marked on the page
        "page/references.js",      # ¶ and 引用本页: GB/T 7714 references
        "page/tool-row.js",        # 打印, 复制本节, the downloads inside WeChat
        "page/zihao.js",           # 字号
        "page/glossary.js",        # the glossary card
        "page/notes-loader.js",    # 学习笔记, loaded on first use
        "page/focus.js",           # keyboard focus never hidden
    )),
    "access.js": Bundle((
        "access/tools.js",         # the tool row and the settings
        "access/reader.js",        # 朗读 and 指读
        "access/caption.js",       # the bar at the foot: the player and 大字幕
        "access/crosshair.js",     # 十字线
        "access/controls.js",      # the buttons and shortcuts; the start
    ), one_scope=True),
    "notes.js": Bundle((
        "notes/logic.js",          # stored notebook read, anchor by quote, order, export text: no page
        "notes/shared.js",         # the paragraphs and their speech text, addresses, references
        "notes/storage.js",        # the notebook kept in localStorage; the warning when it is refused
        "notes/marks.js",          # marks drawn on the speech, made, removed
        "notes/bar.js",            # the bar under a paragraph: from the ¶ and from a mark
        "notes/selection.js",      # a selection offered as marks
        "notes/editor.js",         # a thought's editor
        "notes/export.js",         # the notebook as plain text, copied or downloaded
        "notes/book.js",           # 我的笔记
        "notes/start.js",          # the stylesheet, another tab's changes; the start
    ), one_scope=True),
}


def join_bundles(files: Files, config: MkDocsConfig) -> Files:
    """Replace each bundle's parts among the site's files by the bundle, the parts joined."""
    docs = Path(config.docs_dir)
    for name, bundle in BUNDLES.items():
        texts = []
        for part in bundle.parts:
            path = f"{FOLDER}/{part}"
            texts.append((docs / path).read_text(encoding="utf-8"))
            if (file := files.get_file_from_path(path)) is not None:
                files.remove(file)
        files.append(File.generated(config, f"{FOLDER}/{name}", content=bundle.join(texts)))
    return files
