"""Set off the lead sentence of each numbered point of the speech, without touching its text.

一是……。/ 二要……。 at the start of a paragraph is wrapped in <span class="lead">, and the
ordinals inside a paragraph (第一，… 第二要…) in <span class="ordinal">; the stylesheet sets
them in bold. Runs before the glossary hook, so no other markup is inside a lead yet.
"""

import re

LEAD_SENTENCE = re.compile(r"[一二三四五][是要][^。<]*。")
_LEAD = re.compile(r'(<p id="[^"]+" class="speech">)(' + LEAD_SENTENCE.pattern + ")")
ORDINAL = re.compile(r"第[一二三四五](?=，|要)")
_SPEECH_P = re.compile(r'(<p id="[^"]+" class="speech">)(.*?)(</p>)', re.S)


def set_off_leads(html: str) -> str:
    html = _LEAD.sub(r'\1<span class="lead">\2</span>', html)
    return _SPEECH_P.sub(lambda m: m.group(1) + ORDINAL.sub(r'<span class="ordinal">\g<0></span>', m.group(2))
                         + m.group(3), html)


def on_page_content(html, page, config, files):
    return set_off_leads(html)
