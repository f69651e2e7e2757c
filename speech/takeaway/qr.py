"""QR codes that carry a page's published address, as inline SVG made at build time.

Printed handouts get one beside the source line (扫码在手机上阅读) and desktop screens one behind a
在手机上打开 button, so a reader goes from paper or a big screen to the phone. No script library and
no request: segno writes the SVG once, when the site is built. Without a published address
(SITE_URL) there is nothing stable to encode, so there is no code.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import segno


def qr_svg(url: str, label: str) -> str:
    """An accessible inline <svg> (role="img", named by `label`) encoding `url` exactly."""
    code = segno.make(url, error="m", micro=False)
    svg = etree.fromstring(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr",
                                           dark="#000", light="#fff"))
    svg.set("role", "img")
    svg.set("aria-label", label)
    svg.set("focusable", "false")
    return etree.tostring(svg, encoding="unicode")
