"""Mark the blocks that hold the speech's own words with class="speech".

A speech block is known by its fixed id (written in the Markdown as `{ #yiyi-3 }`): the title
`biaoti`, the opening `kaichang-N`, a section heading `yiyi`/`mudi`/`yaoqiu` and its paragraphs
`yiyi-N`… Everything else on a page (provenance, notes, contents) is editorial. The class is what
the stylesheet indents, the search index reads and the fidelity test compares with the source.
"""

import re

SPEECH_ID = re.compile(r"(?:biaoti|kaichang-\d+|(?:yiyi|mudi|yaoqiu)(?:-\d+)?)")
_BLOCK_OPEN = re.compile(r'<(p|h1|h2) id="([^"]+)"')


def mark_speech_blocks(html: str) -> str:
    def mark(match: re.Match) -> str:
        tag, block_id = match.groups()
        if SPEECH_ID.fullmatch(block_id):
            return f'<{tag} id="{block_id}" class="speech"'
        return match.group(0)

    return _BLOCK_OPEN.sub(mark, html)


def on_page_content(html, page, config, files):
    return mark_speech_blocks(html)
