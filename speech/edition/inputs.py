"""What the build reads is files of the repository, and text.

A published site is built from the files in docs/, includes/ and source/, never from a link: a
symbolic link committed there (to /etc/passwd, or to any file outside the repository) would be
published as a regular file, and through a snippet include its content would land in a page and in
the search index. And an editor's text holds no control characters: a NUL or an escape character
is invisible in an editor and would reach the pages as it is. Each problem is one line naming the
file (and the line).
"""

from __future__ import annotations

import re
from pathlib import Path

FOLDERS = ("docs", "includes", "source")
# Read as text by the build: the pages, the glossary, the verbatim source.
TEXT_SUFFIXES = {".md", ".txt"}
# C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def links(root: Path) -> list[str]:
    """Every symbolic link under the input folders, as a line naming it and where it points."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            if path.is_symlink():
                found.append(f"{path.relative_to(root).as_posix()}: a symbolic link (to {path.readlink()}); "
                             "the site is built from files of the repository only: put the file itself there")
    return found


def control_characters(text: str, name: str) -> str | None:
    """The first control character of a text as a line naming file and line, or None."""
    found = CONTROL.search(text)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return f"{name}:{line}: a control character (U+{ord(found.group()):04X}) in the text; delete it"


def input_errors(root: Path) -> list[str]:
    """What stops the build before anything is read: links, and control characters in the text
    files of the input folders (files that are not UTF-8 are reported by their readers)."""
    errors = links(root)
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            if path.suffix in TEXT_SUFFIXES and path.is_file() and not path.is_symlink():
                try:
                    text = path.read_bytes().decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if error := control_characters(text, path.relative_to(root).as_posix()):
                    errors.append(error)
    return errors
