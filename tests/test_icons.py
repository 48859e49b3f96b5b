"""The icons: /favicon.ico and the apple-touch icon at the root, linked from every page; and
the home-screen icons."""

import zlib

import pytest
from django.templatetags.static import static

from ops.management.commands.draw_app_icons import BLUE, icon_path


@pytest.mark.parametrize(
    ("path", "content_type", "magic"),
    [
        ("/favicon.ico", "image/x-icon", b"\x00\x00\x01\x00"),
        ("/apple-touch-icon.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ],
    ids=["favicon", "apple-touch-icon"],
)
def test_root_icon_is_served_with_a_long_cache(client, path, content_type, magic):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert "max-age=604800" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert client.head(path).status_code == 200


def test_apple_touch_icon_is_180_pixels_square(client):
    png = client.get("/apple-touch-icon.png").content

    # The IHDR chunk: width and height, big-endian, after the signature and chunk header.
    assert int.from_bytes(png[16:20], "big") == 180
    assert int.from_bytes(png[20:24], "big") == 180


def test_root_icon_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_every_page_links_its_icons(client):
    html = client.get("/").content.decode()

    assert f'<link rel="icon" href="{static("img/favicon.ico")}" sizes="32x32">' in html
    assert f'<link rel="apple-touch-icon" href="{static("img/apple-touch-icon.png")}">' in html


def _pixels(png):
    """(size, rows of RGB bytes) of an 8-bit RGB PNG made with no row filters."""
    size = int.from_bytes(png[16:20], "big")
    assert int.from_bytes(png[20:24], "big") == size
    data, at = b"", 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        if png[at + 4 : at + 8] == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(data)
    stride = 1 + 3 * size
    return size, [raw[row * stride + 1 : (row + 1) * stride] for row in range(size)]


@pytest.mark.parametrize("size", [192, 512])
def test_the_mark_stays_inside_the_maskable_safe_circle(size):
    drawn, rows = _pixels(icon_path(size).read_bytes())
    assert drawn == size
    centre, safe = size / 2, 0.4 * size
    outside = {
        bytes(row[3 * x : 3 * x + 3])
        for y, row in enumerate(rows)
        for x in range(size)
        if (x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2 > safe**2
    }
    assert outside == {bytes(BLUE)}
    assert bytes(rows[size // 2][3 * (size // 2) : 3 * (size // 2) + 3]) != bytes(BLUE)
