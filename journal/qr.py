"""The QR code printed on a report: a share link drawn as inline SVG on the server.

segno (pure Python) draws it as one <path> with presentation attributes and no style
attribute, so the page needs no image request and the content security policy stays
strict.
"""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe

QR_TITLE = "QR code of the link to this report"


def qr_svg(url: str) -> SafeString:
    # Error correction M survives a crease or a smudge on paper. Black on white scans on
    # any background; 4 px a module prints about 3 cm wide, with the standard quiet zone
    # of 4 modules around it.
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=4,
        dark="#000",
        light="#fff",
        title=QR_TITLE,
        svgclass="report-qr-code",
        lineclass=None,
    )
    # Everything in it is segno's own drawing of our URL; the title is escaped by segno.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
