"""Compare the speech text of a built page with what the rules derive from the source."""

from bs4 import BeautifulSoup

# The site's contract: every mark it adds inside a speech block (¶, note numbers, heading
# permalinks) carries class="editorial". A mark without it shows up here as a changed text.
EDITORIAL = ".editorial"


def block_text(block) -> str:
    """The text of a block without its editorial marks (the block is left as it was)."""
    copy = BeautifulSoup(str(block), "html.parser")
    for mark in copy.select(EDITORIAL):
        mark.decompose()
    return copy.get_text()


def speech_blocks(html: str) -> list[tuple[str, str]]:
    """(id, text) of every block marked class="speech" in the page's article, in order."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    return [(block.get("id"), block_text(block)) for block in article.select(".speech")]


class Mismatch(AssertionError):
    pass


def compare(page: str, expected: list[tuple[str, str]], actual: list[tuple[str, str]]) -> None:
    """Raise Mismatch naming the page, the position and both snippets at the first difference."""
    want = "\n".join(text for _, text in expected)
    got = "\n".join(text for _, text in actual)
    if want != got:
        at = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
        line = want.count("\n", 0, at)
        raise Mismatch(
            f"{page}: speech text differs at character {at} (block {line + 1}):\n"
            f"  expected …{want[max(0, at - 15):at + 15]!r}…\n"
            f"  built    …{got[max(0, at - 15):at + 15]!r}…"
        )
    want_ids = [block_id for block_id, _ in expected]
    got_ids = [block_id for block_id, _ in actual]
    if want_ids != got_ids:
        raise Mismatch(f"{page}: block ids {got_ids} differ from the expected {want_ids}")
