"""Article bodies: Markdown written by staff, rendered to HTML and then cleaned.

Staff are trusted to write content, not to run code in a reader's browser, so the
rendered HTML passes through nh3 with an allowlist: whatever is typed (raw HTML
included), no script, style, iframe, event-handler attribute, or javascript:/data:
link survives.
"""

import re
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

EXTENSIONS = ["extra", "sane_lists"]

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "h1",  # demoted to h2 below: the page title is the only h1
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    # Footnotes ("extra") link a reference and its note by id; only their ids are kept.
    "li": {"id"},
    "sup": {"id"},
}

# Only footnote markup may carry a class; nothing else can restyle the page.
ALLOWED_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Removed together with everything inside them, not just the tags.
CLEAN_CONTENT_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "textarea",
    "select",
    "svg",
    "math",
}

_H1 = re.compile(r"<(/?)h1>")

# The ids footnotes give their notes and references ("fn:1", "fnref:1", "fnref2:1"). The
# colon keeps them apart from every id the page itself uses, so staff text can never
# take over an id such as "main" (the skip link's target).
_FOOTNOTE_ID = re.compile(r"fn(ref\d*)?:[\w-]+")


def _keep_attribute(tag, name, value):
    if name == "id" and not _FOOTNOTE_ID.fullmatch(value):
        return None
    return value


def clean_html(html):
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        allowed_classes=ALLOWED_CLASSES,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # nh3's output is normalised (lower-case tags, h1 never carries attributes),
    # so this plain substitution is safe.
    return _H1.sub(r"<\1h2>", cleaned)


@lru_cache(maxsize=128)
def _render(text):
    return clean_html(markdown.markdown(text, extensions=EXTENSIONS, output_format="html"))


def render_markdown(text):
    """Safe HTML for a Markdown article body. Cached by content, so an edit shows at once."""
    return mark_safe(_render(text or ""))  # noqa: S308 - cleaned by nh3 above
