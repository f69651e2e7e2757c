"""The downloads step of `make build` lives in the package: python -m speech.make_downloads site.

The print and Word tests still import their helpers from here; they move to speech.make_downloads
with those tests, and this file goes.
"""

from speech.make_downloads import dead_links, print_pdf, write_files

__all__ = ["dead_links", "print_pdf", "write_files"]
