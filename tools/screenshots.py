"""Screenshots of every page, desktop and phone, light and dark: for looking, and for the README.

    .venv/bin/python tools/screenshots.py [OUT_DIR]      (default: build/screenshots)
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
from conftest import CHROMIUM, CHROMIUM_ARGS, PAGES as NAV_PAGES  # noqa: E402

PAGES = NAV_PAGES + ["404.html"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(out: Path):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        server, base_url = static_server.start(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
            browser.close()
        server.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "screenshots")
