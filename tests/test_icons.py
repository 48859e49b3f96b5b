"""The icons: /favicon.ico and the apple-touch icon at the root, and linked from every page."""

import pytest
from django.templatetags.static import static


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
