"""Screenshots of every page, desktop and phone, light and dark: for looking, and for the README.

    .venv/bin/python tools/screenshots.py [OUT_DIR]      (default: build/screenshots)
"""

import sys
from pathlib import Path

from harness import ROOT, chromium, nav_pages, served_site

PAGES = nav_pages() + ["404.html"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    with served_site() as (_, base_url), chromium() as browser:
        for size, (width, height) in SIZES.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": height},
                                              color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                for name in PAGES:
                    page.goto(base_url + name, wait_until="networkidle")
                    path = out / f"{Path(name).stem}-{size}-{scheme}.png"
                    page.screenshot(path=path, full_page=(size == "phone" and scheme == "light"))
                context.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "screenshots")
