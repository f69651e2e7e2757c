"""Set off the lead sentence of each numbered point of the speech, without touching its text.

一是……。/ 二要……。 at the start of a paragraph is wrapped in <span class="lead">, and the
ordinals inside a paragraph (第一，… 第二要…) in <span class="ordinal">; the stylesheet sets
them in bold. Runs before the glossary hook, so no other markup is inside a lead yet.
"""

import re

from speech_blocks import rewrite_speech_paragraphs

LEAD_SENTENCE = re.compile(r"[一二三四五][是要][^。<]*。")
ORDINAL = re.compile(r"第[一二三四五](?=，|要)")


def set_off_leads(html: str) -> str:
    def set_off(_, inner: str) -> str:
        inner = LEAD_SENTENCE.sub(r'<span class="lead">\g<0></span>', inner, count=1) \
            if LEAD_SENTENCE.match(inner) else inner
        return ORDINAL.sub(r'<span class="ordinal">\g<0></span>', inner)

    return rewrite_speech_paragraphs(html, set_off)


def on_page_content(html, page, config, files):
    return set_off_leads(html)
