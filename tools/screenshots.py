"""Screenshots of every page, for looking and for the README: phone to desktop widths, the default
字号 and 超大, light and dark.

    .venv/bin/python tools/screenshots.py [OUT_DIR] [--width 360 …] [--page yiyi.html …]
                                          [--zihao default|chaoda …] [--scheme light|dark …]

Default: every page (and 404.html) at 360, 390, 768 and 1280 px, each 字号 and scheme, into
build/screenshots/<page>-<width>-<zihao>-<scheme>.png: the first screen, or with --full the
whole page.
"""

import argparse
from pathlib import Path

from harness import ROOT, chromium, nav_pages, served_site

WIDTHS = (360, 390, 768, 1280)
HEIGHT = {360: 780, 390: 844, 768: 1024, 1280: 900}
ZIHAO = ("default", "chaoda")     # the stored choice, as partials/zihao.html writes it
SCHEMES = ("light", "dark")
STORE_ZIHAO = "value => { try { value ? localStorage.setItem('jianghua.zihao', value) : localStorage.clear() } catch (e) {} }"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--width", type=int, action="append")
    parser.add_argument("--page", action="append")
    parser.add_argument("--zihao", action="append", choices=ZIHAO)
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
                                                  color_scheme=scheme, device_scale_factor=1)
                    context.add_init_script(f"({STORE_ZIHAO})({'' if zihao == 'default' else zihao!r})")
                    page = context.new_page()
                    for name in pages:
                        page.goto(base_url + name, wait_until="networkidle")
                        path = out / f"{Path(name).stem}-{width}-{zihao}-{scheme}.png"
                        page.screenshot(path=path, full_page=args.full)
                    context.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
