"""Give every paragraph of the speech a permalink mark that copies a citation.

Each speech paragraph already has a fixed id in the Markdown ({ #yiyi-3 }); this hook appends
<a class="para-link editorial" href="#yiyi-3" data-cite="…">¶</a>, shown on hover and on
keyboard focus. docs/assets/javascripts/edition.js copies "《title》 · section · 第 3 段 · URL".
The mark is editorial: the fidelity test and the search index skip it.
"""

import html
import re

from speech_blocks import rewrite_speech_paragraphs

_SECTION_HEADING = re.compile(r'<h[12] id="(?P<id>[a-z]+)" class="speech">(?P<text>[^<]+)')


def add_paragraph_links(page_html: str, speech_title: str) -> str:
    headings = {m["id"]: m["text"].strip() for m in _SECTION_HEADING.finditer(page_html)}

    def link(paragraph_id: str, inner: str) -> str:
        part, number = paragraph_id.rsplit("-", 1)
        section = "开场白" if part == "kaichang" else headings.get(part, "")
        where = "" if part == "kaichang" else f"第 {number} 段"
        cite = " · ".join(piece for piece in (f"《{speech_title}》", section, where) if piece)
        label = f"{section}{where}：复制引用和链接"
        mark = (f'<a class="para-link editorial" href="#{paragraph_id}" data-cite="{html.escape(cite)}" '
                f'aria-label="{html.escape(label)}">¶</a>')
        return inner + mark

    return rewrite_speech_paragraphs(page_html, link)


def on_page_content(page_html, page, config, files):
    return add_paragraph_links(page_html, config.extra["speech_title"])
