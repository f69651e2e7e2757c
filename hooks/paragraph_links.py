"""Give every paragraph of the speech a permalink mark that copies a citation.

Each speech paragraph already has a fixed id in the Markdown ({ #yiyi-3 }); this hook appends
<a class="para-link editorial" href="#yiyi-3" data-cite="…">¶</a>, shown on hover and on
keyboard focus. docs/assets/javascripts/edition.js copies "《title》 · section · 第 3 段 · URL".
The mark is editorial: the fidelity test and the search index skip it.
"""

import html
import re

_SECTION_HEADING = re.compile(r'<h[12] id="(?P<id>[a-z]+)" class="speech">(?P<text>[^<]+)')
_SPEECH_P = re.compile(r'<p id="(?P<id>(?P<section>[a-z]+)-(?P<n>\d+))" class="speech">(?P<inner>.*?)</p>', re.S)


def add_paragraph_links(page_html: str, speech_title: str) -> str:
    headings = {m["id"]: m["text"].strip() for m in _SECTION_HEADING.finditer(page_html)}

    def link(m: re.Match) -> str:
        section = "开场白" if m["section"] == "kaichang" else headings.get(m["section"], "")
        where = f"第 {m['n']} 段" if m["section"] != "kaichang" else ""
        cite = " · ".join(part for part in (f"《{speech_title}》", section, where) if part)
        label = f"{section}{where}：复制引用和链接"
        mark = (f'<a class="para-link editorial" href="#{m["id"]}" data-cite="{html.escape(cite)}" '
                f'aria-label="{html.escape(label)}">¶</a>')
        return f'<p id="{m["id"]}" class="speech">{m["inner"]}{mark}</p>'

    return _SPEECH_P.sub(link, page_html)


def on_page_content(page_html, page, config, files):
    return add_paragraph_links(page_html, config.extra["speech_title"])
