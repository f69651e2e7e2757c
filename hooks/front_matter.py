"""Fail the build on malformed front matter, naming the file.

MkDocs silently drops a YAML block it cannot parse and renders it as text, so a typo in a
page's front matter would lose its title, description and search settings without a word.
"""

import re

import yaml
from mkdocs.exceptions import PluginError

_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def front_matter_error(markdown: str) -> str | None:
    """Return why the page's front matter is broken, or None if it is absent or valid."""
    block = _BLOCK.match(markdown)
    if block is None:
        return "front matter opened with --- is never closed" if markdown.startswith("---\n") else None
    try:
        data = yaml.safe_load(block.group(1))
    except yaml.YAMLError as err:
        return f"front matter is not valid YAML: {err}".replace("\n", " ")
    if not isinstance(data, dict):
        return "front matter must be a mapping of keys to values"
    return None


def on_page_markdown(markdown, page, config, files):
    # MkDocs has already stripped valid front matter; what is left at the top failed to parse.
    error = front_matter_error(markdown)
    if error:
        raise PluginError(f"{page.file.src_uri}: {error}")
    return markdown
