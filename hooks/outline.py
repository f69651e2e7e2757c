"""Fill the outline on the home page: the three parts and, under each, its points by their lead
sentences, each linking to its paragraph. Built from the section pages' Markdown at build time,
so the outline never drifts from the text. A page asks for it with `outline: true` in its front
matter and a line `<!-- outline -->` where it goes.
"""

import re

from lead_sentences import LEAD_SENTENCE
from speech_blocks import speech_paragraphs, speech_sources

_HEADING = re.compile(r"^# (?P<text>.+?) \{ #(?P<id>[a-z]+) \}$", re.M)
# The intro of a section announces its points: 主要有四点理由： / 要解决这么三个问题：
_ANNOUNCED = re.compile(r"([一两二三四五六七八九十]+(?:点|个)[^：，。]*)：$")


def outline_markdown(sections) -> str:
    """sections: [(src_uri, markdown)] of the section pages, in reading order."""
    lines = ['<nav class="outline" aria-label="讲话结构" markdown>', ""]
    for n, (uri, markdown) in enumerate(sections, 1):
        heading = _HEADING.search(markdown)
        paragraphs = speech_paragraphs(markdown)
        announced = _ANNOUNCED.search(paragraphs[0][1]) if paragraphs else None
        summary = f"　<span class=\"outline-count\">{announced.group(1)}</span>" if announced else ""
        lines.append(f"{n}. [{heading['text']}]({uri}#{heading['id']}){summary}")
        for block_id, text in paragraphs:
            lead = LEAD_SENTENCE.match(text)
            if lead:
                lines.append(f"    - [{lead.group(0)}]({uri}#{block_id})")
    lines += ["", "</nav>"]
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    if not page.meta.get("outline"):
        return markdown
    if "<!-- outline -->" not in markdown:
        raise ValueError(f"{page.file.src_uri}: outline page without a <!-- outline --> line")
    # A section page: its paragraphs are numbered under its heading (yiyi → yiyi-1…).
    sections = [(uri, source) for uri, source in speech_sources(config, files)
                if (heading := _HEADING.search(source))
                and speech_paragraphs(source)[0][0].startswith(heading["id"] + "-")]
    return markdown.replace("<!-- outline -->", outline_markdown(sections))
