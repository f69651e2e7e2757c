"""Mark the blocks that hold the speech's own words with class="speech".

A speech block is known by its fixed id (written in the Markdown as `{ #yiyi-3 }`): the title
`biaoti`, the opening `kaichang-N`, a section heading `yiyi`/`mudi`/`yaoqiu` and its paragraphs
`yiyi-N`… Everything else on a page (provenance, notes, contents) is editorial. The class is what
the stylesheet indents, the search index reads and the fidelity test compares with the source.

The other hooks take what they know about the speech from here: which ids are speech, how to
rewrite each speech paragraph of a page, and which Markdown pages hold speech paragraphs.
"""

import re

SPEECH_ID = re.compile(r"(?:biaoti|kaichang-\d+|(?:yiyi|mudi|yaoqiu)(?:-\d+)?)")
_BLOCK_OPEN = re.compile(r'<(p|h1|h2) id="([^"]+)"')
_SPEECH_P = re.compile(r'<p id="(?P<id>[^"]+)" class="speech">(?P<inner>.*?)</p>', re.S)
_PARAGRAPH_ID = re.compile(r"^\{ #(?P<id>[a-z]+-\d+) \}$")


def mark_speech_blocks(html: str) -> str:
    def mark(match: re.Match) -> str:
        tag, block_id = match.groups()
        if SPEECH_ID.fullmatch(block_id):
            return f'<{tag} id="{block_id}" class="speech"'
        return match.group(0)

    return _BLOCK_OPEN.sub(mark, html)


def rewrite_speech_paragraphs(html: str, rewrite) -> str:
    """Replace the inside of every speech paragraph with rewrite(paragraph_id, inner_html)."""
    return _SPEECH_P.sub(lambda m: f'<p id="{m["id"]}" class="speech">{rewrite(m["id"], m["inner"])}</p>', html)


def speech_paragraphs(markdown: str) -> list[tuple[str, str]]:
    """(id, text) of each speech paragraph in a page's Markdown (a block ending in { #yiyi-3 }),
    footnote references left out."""
    found = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = block.strip().splitlines()
        if len(lines) >= 2 and (m := _PARAGRAPH_ID.match(lines[-1].strip())) and SPEECH_ID.fullmatch(m["id"]):
            found.append((m["id"], re.sub(r"\[\^[^\]]+\]", "", " ".join(lines[:-1]))))
    return found


def speech_sources(config, files) -> list[tuple[str, str]]:
    """(src_uri, Markdown) of the pages that hold speech paragraphs, in navigation order."""
    sources = []
    for entry in config.nav:
        for uri in entry.values():
            source = files.get_file_from_path(uri).content_string
            if speech_paragraphs(source):
                sources.append((uri, source))
    return sources


def on_page_content(html, page, config, files):
    return mark_speech_blocks(html)
