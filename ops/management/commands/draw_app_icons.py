"""``manage.py draw_app_icons``: the home-screen icons, drawn from the site's wave mark.

The icons in static/img/ (app-icon-192.png, app-icon-512.png) are committed; run this
again only if the mark or its colours change. It needs nothing beyond Python: the wave
of favicon.svg (two cubic curves on a 32-unit square) is drawn anti-aliased onto a full
square of the brand blue. The mark stays well inside the middle 80% circle, so a phone
may crop the square to any mask shape (a "maskable" icon) without cutting into it.
"""

import itertools
import struct
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

SIZES = (192, 512)
BLUE = (0x0D, 0x6E, 0xFD)
WHITE = (0xFF, 0xFF, 0xFF)

# favicon.svg's path "M16 5 c-2 4 2 6 0 10 s2 6 0 12", as absolute cubic curves.
WAVE = (
    ((16, 5), (14, 9), (18, 11), (16, 15)),
    ((16, 15), (14, 19), (18, 21), (16, 27)),
)
WAVE_TOP, WAVE_BOTTOM, WAVE_WIDTH = 5, 27, 3
# The mark's height (stroke included) as a share of the icon: inside the safe circle.
MARK_SHARE = 0.56
STEPS_PER_CURVE = 48


def _curve_points(curve, steps):
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append(
            (
                u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
            )
        )
    return points


def _distance_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx - px, ay + t * dy - py
    return (cx * cx + cy * cy) ** 0.5


def draw(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square."""
    scale = size * MARK_SHARE / (WAVE_BOTTOM - WAVE_TOP + WAVE_WIDTH)
    middle = (WAVE_TOP + WAVE_BOTTOM) / 2

    def to_pixels(x, y):
        return size / 2 + (x - 16) * scale, size / 2 + (y - middle) * scale

    line = [to_pixels(x, y) for curve in WAVE for x, y in _curve_points(curve, STEPS_PER_CURVE)]
    segments = list(itertools.pairwise(line))
    half = WAVE_WIDTH * scale / 2
    rows = []
    for row in range(size):
        pixels = bytearray()
        py = row + 0.5
        for column in range(size):
            px = column + 0.5
            coverage = 0.0
            if abs(px - size / 2) <= 3 * scale + half:
                # Round caps and joins: the distance to the nearest point of the line.
                distance = min(
                    _distance_to_segment(px, py, ax, ay, bx, by) for (ax, ay), (bx, by) in segments
                )
                coverage = max(0.0, min(1.0, half + 0.5 - distance))
            pixels += bytes(round(b + (w - b) * coverage) for b, w in zip(BLUE, WHITE, strict=True))
        rows.append(b"\x00" + bytes(pixels))
    return _png(size, b"".join(rows))


def _png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def icon_path(size: int) -> Path:
    return settings.BASE_DIR / "static" / "img" / f"app-icon-{size}.png"


class Command(BaseCommand):
    help = "Draw the home-screen icons (192 and 512 pixels) into static/img/."

    def handle(self, *args, **options):
        for size in SIZES:
            icon_path(size).write_bytes(draw(size))
            self.stdout.write(f"Drew {icon_path(size).name}")
