"""Write the whole speech and each section as PDF, printed by Chromium from the built site.

    make pdf            ->  pdf/动员讲话-全文.pdf, pdf/动员讲话-一-培训的意义.pdf, …

The site itself builds without Chromium; only this needs it.
"""

import sys
from pathlib import Path

import speech
from harness import ROOT, chromium, served_site

SPEECH = speech.load(ROOT / "docs")
# Built page -> PDF file name.
PDFS = {"quanwen.html": "动员讲话-全文.pdf"} | {
    f"{s.slug}.html": f"动员讲话-{s.heading.replace('、', '-')}.pdf" for s in SPEECH.sections}


def print_pdf(browser, url: str, out: Path) -> Path:
    """Print one page as Chromium's print dialog would: print media, the page's own @page rules."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=False, tagged=True, outline=True)
    context.close()
    return out


def main(out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    with served_site() as (_, base_url), chromium() as browser:
        for name, filename in PDFS.items():
            path = print_pdf(browser, base_url + name, out_dir / filename)
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "pdf")
