import pytest

from guidance.markdown import render_markdown

HOSTILE = [
    pytest.param("Hello <script>alert('x')</script>", ["<script", "alert("], id="script-tag"),
    pytest.param(
        '<img src="x.png" onerror="alert(1)">', ["onerror", "alert("], id="onerror-attribute"
    ),
    pytest.param(
        '<p onclick="steal()" onmouseover="steal()">hi</p>',
        ["onclick", "onmouseover", "steal"],
        id="event-handlers",
    ),
    pytest.param("[click me](javascript:alert(1))", ["javascript:", "alert("], id="md-js-link"),
    pytest.param(
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        ["javascript:", "alert("],
        id="html-js-link-mixed-case",
    ),
    pytest.param(
        '<a href="&#106;avascript:alert(1)">x</a>', ["javascript:", "alert("], id="entity-js-link"
    ),
    pytest.param("<style>body { display: none }</style>", ["<style", "display"], id="style-tag"),
    pytest.param('<p style="position:fixed">x</p>', ["style=", "position"], id="style-attribute"),
    pytest.param(
        '<iframe src="https://evil.example/">inside</iframe>',
        ["<iframe", "evil.example", "inside"],
        id="iframe",
    ),
    pytest.param(
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        ["data:", "base64"],
        id="data-uri-link",
    ),
    pytest.param(
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="pic">', ["data:"], id="data-uri-image"
    ),
    pytest.param('<object data="evil.swf"></object><embed src="evil.swf">', ["evil"], id="plugins"),
    pytest.param(
        "<svg><script>alert(1)</script></svg><math><mi>x</mi></math>",
        ["<svg", "alert", "<math"],
        id="svg-math",
    ),
    pytest.param('<form action="/steal"><input name="pw"></form>', ["<form", "<input"], id="form"),
    pytest.param(
        '<a href="https://example.com" class="btn btn-danger" id="main">x</a>',
        ["btn-danger", 'id="main"'],
        id="restyling-attributes",
    ),
    pytest.param("<!-- <script>alert(1)</script> -->", ["<!--", "alert"], id="comment"),
]


@pytest.mark.parametrize(("source", "forbidden"), HOSTILE)
def test_hostile_input_is_cleaned(source, forbidden):
    html = render_markdown(source).lower()

    for fragment in forbidden:
        assert fragment.lower() not in html


def test_markdown_structure_survives():
    html = render_markdown(
        "## Heading\n\nSome **bold** and *italic*.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted"
    )

    for fragment in [
        "<h2>Heading</h2>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<ul>",
        "<ol>",
        "<table>",
        "<td>1</td>",
        "<blockquote>",
    ]:
        assert fragment in html


def test_safe_links_survive_with_noopener():
    html = render_markdown("[NHS](https://www.nhs.uk/) and [a page](/guidance/)")

    assert '<a href="https://www.nhs.uk/" rel="noopener noreferrer">NHS</a>' in html
    assert '<a href="/guidance/" rel="noopener noreferrer">a page</a>' in html


def test_a_level_one_heading_becomes_level_two():
    # The page title is the only h1, so headings stay in order.
    html = render_markdown("# Too big\n\ntext")

    assert "<h1" not in html
    assert "<h2>Too big</h2>" in html


def test_empty_body_renders_nothing():
    assert render_markdown("") == ""


@pytest.mark.parametrize(
    "source",
    ['<li id="main">x</li>', '<sup id="id_username">1</sup>', '<ol><li id="fn-x">y</li></ol>'],
    ids=["skip-link-target", "form-field-id", "look-alike-footnote"],
)
def test_staff_text_cannot_set_the_pages_own_ids(source):
    assert "id=" not in render_markdown(source)


def test_footnotes_keep_their_ids_and_links():
    html = render_markdown("A claim.[^1]\n\n[^1]: NICE NG59.")

    assert 'id="fnref:1"' in html
    assert 'href="#fn:1"' in html
    assert 'id="fn:1"' in html
