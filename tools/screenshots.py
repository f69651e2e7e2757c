"""Screenshots of every page, for looking and for the README: phone to desktop widths, the default
字号 and 特大 (and 大, 超大 when asked), light, dark and 黑底黄字.

    .venv/bin/python tools/screenshots.py [OUT_DIR] [--width 360 …] [--page yiyi.html …]
                                          [--zihao default|da|chaoda|teda …]
                                          [--scheme light|dark|heihuang …]

Default: every page (and 404.html) at 320, 360, 390, 414, 768 and 1280 px, 默认 and 特大, each
scheme, into build/screenshots/<page>-<width>-<zihao>-<scheme>.png: the first screen, or with
--full the whole page.
"""

import argparse
from pathlib import Path

from harness import ROOT, chromium, nav_pages, served_site

WIDTHS = (320, 360, 390, 414, 768, 1280)
HEIGHT = {320: 640, 360: 780, 390: 844, 414: 896, 768: 1024, 1280: 900}
ZIHAO = ("default", "teda")       # the stored choice, as partials/zihao.html writes it
ZIHAO_CHOICES = ("default", "da", "chaoda", "teda")
# The system's scheme, or the 无障碍 tools' 黑底黄字 (stored as access.js stores it) over light.
SCHEMES = ("light", "dark", "heihuang")
SYSTEM_SCHEME = {"light": "light", "dark": "dark", "heihuang": "light"}
STORE = """([zihao, peise]) => { try {
    localStorage.clear()
    if (zihao) localStorage.setItem('jianghua.zihao', zihao)
    if (peise) localStorage.setItem('jianghua.access', JSON.stringify({ peise }))
} catch (e) {} }"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--width", type=int, action="append")
    parser.add_argument("--page", action="append")
    parser.add_argument("--zihao", action="append", choices=ZIHAO_CHOICES)
    parser.add_argument("--scheme", action="append", choices=SCHEMES)
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    pages = args.page or nav_pages() + ["404.html"]
    with served_site() as (_, base_url), chromium() as browser:
        for width in args.width or WIDTHS:
            for zihao in args.zihao or ZIHAO:
                for scheme in args.scheme or SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": HEIGHT.get(width, 900)},
                                                  color_scheme=SYSTEM_SCHEME[scheme], device_scale_factor=1)
                    stored = ["" if zihao == "default" else zihao, "heihuang" if scheme == "heihuang" else ""]
                    context.add_init_script(f"({STORE})({stored!r})")
                    page = context.new_page()
                    for name in pages:
                        page.goto(base_url + name, wait_until="networkidle")
                        path = out / f"{Path(name).stem}-{width}-{zihao}-{scheme}.png"
                        page.screenshot(path=path, full_page=args.full)
                    context.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
