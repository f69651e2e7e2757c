"""Write the whole speech and each section as PDF, printed by Chromium from the built site.

    make pdf            ->  pdf/动员讲话-全文.pdf, pdf/动员讲话-一-培训的意义.pdf, …

The site itself builds without Chromium; only this needs it.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))
import static_server  # noqa: E402

# Built page -> PDF file name.
PDFS = {
    "quanwen.html": "动员讲话-全文.pdf",
    "yiyi.html": "动员讲话-一-培训的意义.pdf",
    "mudi.html": "动员讲话-二-培训的目的.pdf",
    "yaoqiu.html": "动员讲话-三-培训的基本要求.pdf",
}


def print_pdf(browser, url: str, out: Path) -> Path:
    """Print one page as Chromium's print dialog would: print media, the page's own @page rules."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=False, tagged=True, outline=True)
    context.close()
    return out


def build(site: Path):
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def main(out_dir: Path):
    from playwright.sync_api import sync_playwright
    from conftest import CHROMIUM, CHROMIUM_ARGS

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server, base_url = static_server.start(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, filename in PDFS.items():
                path = print_pdf(browser, base_url + name, out_dir / filename)
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "pdf")
