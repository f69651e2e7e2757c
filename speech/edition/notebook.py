"""What 我的笔记 (docs/biji.md, docs/assets/javascripts/notes/book.js) needs to know of the speech: every
paragraph's id, label, page and speech text, in reading order, and the start of its reference.

A reader's marks are anchored in these texts (design/notes.md): the page re-anchors them when the
edition changes and lists those it cannot find. The texts are the model's, the same the speech
pages show with their editorial marks left out.
"""

from .model import HOME, Paragraph, Speech


def notebook_data(model: Speech) -> dict:
    """The data block of the 我的笔记 page (JSON)."""
    return {
        "title": model.title,
        "version": model.version,
        "reference": model.reference(),
        "paragraphs": [{"id": p.id, "label": p.label, "page": _page(model, p), "text": p.text}
                       for p in model.paragraphs()],
    }


def _page(model: Speech, paragraph: Paragraph) -> str:
    source = model.source_of(paragraph)
    return "index.html" if source == HOME else source.removesuffix(".md") + ".html"
