"""The reader's settings, named once: where the browser keeps them and the values each may take.

The templates write them into every page as data (overrides/main.html, a JSON block read by the
settings script before the first paint and by the page's scripts after it; partials/zihao.html
makes its buttons from ZIHAO), so the names below are the only place they are spelled.
"""

from __future__ import annotations

from typing import Any

# 字号 beside the default: the value on <html data-zihao> (screen.css scales the text by it) and
# the button's label. The default is no attribute and nothing stored.
ZIHAO = (("", "默认"), ("da", "大"), ("chaoda", "超大"), ("teda", "特大"))

# localStorage keys, one per owner: page.js (字号), access.js (无障碍), notes.js (学习笔记).
STORAGE = {"zihao": "jianghua.zihao", "access": "jianghua.access", "notes": "jianghua.notes"}

# The 无障碍 settings that are set on <html> before the first paint: the 高对比 palettes
# (data-access-peise) and the on/off ones (data-access-<name>), 'open' being the tool row itself.
PEISE = ("heihuang", "baihei")
SWITCHES = ("zimu", "shubiao", "shizixian", "jianyue", "open")


def reader_settings() -> dict[str, Any]:
    """The settings as the page's scripts read them (JSON)."""
    return {"storage": STORAGE, "zihao": [value for value, _ in ZIHAO if value],
            "peise": list(PEISE), "switches": list(SWITCHES)}
