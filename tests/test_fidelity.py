"""The site is a faithful edition: every page's speech text equals rules(source), to the character."""

import hashlib
import re

import pytest

import oracle
from fidelity import Mismatch, compare, speech_blocks

EDITION = oracle.edition()
PAGES = EDITION.expected_pages()


def test_verbatim_source_is_the_page_as_found():
    # The copy must stay byte for byte what was scraped; its digest is pinned here.
    raw = oracle.SOURCE.read_bytes()
    assert not raw.endswith(b"\n"), "the source has no trailing newline; an editor added one"
    assert raw.decode("utf-8").count("\n") == 33
    assert hashlib.sha256(raw).hexdigest() == "3db7ffdef649d2470155dedcc103464aab1bde92fc05b28ebe6fe11e52363927"


def test_rules_account_for_every_character():
    """Rules 1–3 change only what they say: undo them and the source comes back byte for byte."""
    to_half = str.maketrans({full: half for half, full in oracle.FULL_WIDTH.items()})
    speech = [EDITION.title, EDITION.opening]
    for section in EDITION.sections:
        speech += [section.heading, *section.paragraphs]
    undone = "\n".join(speech).translate(to_half).replace(";", ";\n")
    assert "\n".join([EDITION.header, undone, EDITION.footer]) == oracle.source_text()


def test_rule_counts_match_the_edition_notes(site):
    """编辑说明 states how many marks each rule changed; the source must bear that out."""
    raw = oracle.source_text()
    speech = "\n".join(raw.split("\n")[1:-1])
    notes = (site / "bianji.html").read_text(encoding="utf-8")
    for half, full in [(",", "，"), (";", "；"), (":", "："), ("?", "？"), ("!", "！")]:
        stated = re.search(rf"<code>{re.escape(half)}</code>→<code>{full}</code>（(\d+) 处）", notes)
        assert stated, f"编辑说明 does not state the count for {half}"
        assert int(stated.group(1)) == speech.count(half), f"count for {half} on 编辑说明 is wrong"
    assert speech.count(";\n") == speech.count(";") == 12


def test_provenance_quotes_the_pages_header_and_footer(site):
    notes = (site / "bianji.html").read_text(encoding="utf-8")
    assert EDITION.header in notes and EDITION.footer in notes
    for page, blocks in PAGES.items():
        html = (site / page).read_text(encoding="utf-8")
        text = "\n".join(t for _, t in speech_blocks(html))
        assert "小编" not in text and "相关文章" not in text, f"{page}: web-page boilerplate in the speech"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_text_equals_source_under_the_rules(site, page):
    html = (site / page).read_text(encoding="utf-8")
    compare(page, PAGES[page], speech_blocks(html))


def test_every_character_of_the_speech_is_on_some_section_page(site):
    shown = ""
    for page in ["index.html"] + [f"{slug}.html" for slug in oracle.SECTION_SLUGS]:
        shown += "".join(t for _, t in speech_blocks((site / page).read_text(encoding="utf-8")))
    expected = "".join(t for _, t in PAGES["quanwen.html"])
    assert shown == expected


@pytest.mark.parametrize("change", ["replace", "delete", "insert"])
def test_the_comparison_bites(site, change):
    """Alter one character of a copy of a built page: the comparison must fail, naming the page."""
    html = (site / "mudi.html").read_text(encoding="utf-8")
    before, block = html.split("mudi-4", 1)      # the paragraph, not the copy button's text
    target = "三会一课"
    assert target in block
    altered = before + "mudi-4" + {
        "replace": block.replace(target, "三会二课", 1),
        "delete": block.replace(target, "三会课", 1),
        "insert": block.replace(target, "三会一一课", 1),
    }[change]
    with pytest.raises(Mismatch) as failure:
        compare("mudi.html", PAGES["mudi.html"], speech_blocks(altered))
    message = str(failure.value)
    assert "mudi.html" in message and "character" in message
    assert "三会一课" in message


# What a reader sees: the rendered text on screen and on paper, not the DOM's. -------------------

HIDE_EDITORIAL = ".editorial { display: none !important; }"


def seen_blocks(page, url) -> list[tuple[str, str]]:
    """(id, innerText) of each speech block as Chromium renders it at screen media, with the
    site's editorial marks hidden: text that CSS hides from the reader is missing here."""
    page.goto(url)
    page.emulate_media(media="screen")
    page.add_style_tag(content=HIDE_EDITORIAL)
    return page.eval_on_selector_all(
        "article .speech", "blocks => blocks.map(b => [b.id, b.innerText.replace(/\\n/g, '')])")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_reader_sees_the_speech_on_screen(page, base_url, name):
    compare(name, PAGES[name], [tuple(block) for block in seen_blocks(page, base_url + name)])


def test_screen_comparison_bites_on_text_hidden_by_css(page, site, tmp_path):
    """A sentence wrapped in print-only markup is in the DOM but not on screen: caught."""
    import shutil

    import static_server

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    mudi = copy / "mudi.html"
    sentence = "城管局过去搞的我还是持肯定态度。"
    before, block = mudi.read_text(encoding="utf-8").split("mudi-3", 1)   # the paragraph, not data-text
    assert sentence in block
    hidden = block.replace(sentence, f'<span class="print-only">{sentence}</span>', 1)
    mudi.write_text(before + "mudi-3" + hidden, encoding="utf-8")
    compare("mudi.html", PAGES["mudi.html"], speech_blocks(mudi.read_text(encoding="utf-8")))  # DOM: same
    server, url = static_server.start(copy)
    try:
        with pytest.raises(Mismatch, match="mudi.html"):
            compare("mudi.html", PAGES["mudi.html"], [tuple(b) for b in seen_blocks(page, url + "mudi.html")])
    finally:
        server.shutdown()


@pytest.mark.parametrize("name", ["quanwen.html", "yiyi.html", "mudi.html", "yaoqiu.html"])
def test_reader_sees_the_speech_on_paper_in_order(page, base_url, tmp_path, name):
    """The printed PDF's text holds every block of the page, in order (poppler reads it back)."""
    import subprocess

    from speech.takeaway.printing import print_pdf

    pdf = print_pdf(page, base_url + name, tmp_path / "page.pdf")
    # -raw: in the order the page drew its text (what a reader copies), not poppler's guess from the
    # layout, which a line of two faces (楷体 opening sentence, 仿宋 body) can split in two.
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\d", "", re.sub(r"—\s*\d+\s*—", "", re.sub(r"\s+", "", text)))  # page and note numbers
    at = 0
    for block_id, block in PAGES[name]:
        found = flat.find(re.sub(r"\s+", "", block), at)
        assert found >= 0, f"{name}: {block_id} is not printed whole after the block before it"
        at = found + len(block)
