"""The site's scripts, written as parts of one job each and shipped as one file each.

A part is a classic script (ES modules do not load from file://, where the site must work); the
parts of a bundle share one global scope, in the order listed here, and the build joins them into
the bundle's file before the minifier (mkdocs.yml) makes its .min.js, so a page still asks for one
script. The parts themselves are not copied into the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "assets/javascripts"

# Each bundle's parts, in order: what a later part uses, an earlier one defines.
BUNDLES = {
    "page.js": [
        "page/shared.js",          # the settings' names, the speech's text nodes, copy, tell
        "page/search-input.js",    # pasted and IME input reaches Material's search
        "page/search-hits.js",     # what a search result pointed at, marked on the page
        "page/references.js",      # ¶ and 引用本页: GB/T 7714 references
        "page/tool-row.js",        # 打印, 复制本节, the downloads inside WeChat
        "page/zihao.js",           # 字号
        "page/glossary.js",        # the glossary card
        "page/notes-loader.js",    # 学习笔记, loaded on first use
        "page/focus.js",           # keyboard focus never hidden
    ],
}


def join_bundles(files: Files, config: MkDocsConfig) -> Files:
    """Replace each bundle's parts among the site's files by the bundle, the parts joined."""
    docs = Path(config.docs_dir)
    for bundle, parts in BUNDLES.items():
        texts = []
        for part in parts:
            path = f"{FOLDER}/{part}"
            texts.append((docs / path).read_text(encoding="utf-8"))
            if (file := files.get_file_from_path(path)) is not None:
                files.remove(file)
        files.append(File.generated(config, f"{FOLDER}/{bundle}", content="\n".join(texts)))
    return files
