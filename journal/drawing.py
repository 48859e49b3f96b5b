"""SVG written on the server: escaped elements, and axis labels spaced so none touch.

Across a chart, positions are percentages of its width, so one drawing fits a phone and a
desktop while its text keeps one size. Which labels fit depends on the width, so a chart
carries a set of labels for each width range (`LABEL_SETS`), and the stylesheet shows the
set for the screen (`.chart-only-sm` and the like in static/css/site.css).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

FONT_PX = 12
# A generous guess at a character's width, in ems: as wide as the glyphs of DejaVu Sans,
# the widest of the fonts the site's font stack falls back on, or wider; so labels spaced
# by it never touch.
SPACE_EM = 0.32
WIDE = "mwMW\N{HORIZONTAL ELLIPSIS}"
WIDE_EM = 0.98
CAPITAL_EM = 0.8
CHAR_EM = 0.64  # digits, most small letters
LABEL_GAP_PX = 8
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
DATE_ROW = 20  # the labels under a plot
AXIS_TITLE_ROW = 18  # an axis title under them
# Left of a plot, in the margin .chart-with-y-axis keeps: the values up the side and the
# axis title. A label under the plot may hang into it.
Y_AXIS_ROOM = 40


@dataclass(frozen=True)
class LabelSet:
    """The labels shown on screens in one width range: its class in the stylesheet, and
    the narrowest the chart's plot gets there, in CSS pixels."""

    css_class: str
    min_width: float


# The plot's narrowest width in each range: a 320-pixel phone; from 576 pixels, half of
# the report's 60rem column; a chart as wide as the page from 992 pixels.
SMALL = LabelSet("chart-only-sm", 216)
MEDIUM = LabelSet("chart-from-md", 372)
MEDIUM_ONLY = LabelSet("chart-only-md", 372)
LARGE = LabelSet("chart-from-lg", 840)
HALF_WIDTH = (SMALL, MEDIUM)
FULL_WIDTH = (SMALL, MEDIUM_ONLY, LARGE)


# SVG shapes close themselves when empty; an HTML element, such as a legend's <span>,
# must be closed by its end tag.
SELF_CLOSING = frozenset({"circle", "line", "polyline", "rect"})


def element(name: str, attributes: dict[str, object], content: str = "") -> str:
    """One element, its attribute values escaped; `content` is markup already escaped."""
    attrs = "".join(
        # A number has nothing to escape.
        f' {key}="{value if type(value) in (int, float) else escape(str(value))}"'
        for key, value in attributes.items()
    )
    if not content and name in SELF_CLOSING:
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{content}</{name}>"


def chart_svg(chart_id: str, label: str, height: float, content: str, *, axis: bool = True) -> str:
    """A chart's <svg>, an image named by `label`, as wide as its box; `axis` keeps a margin
    at its left for a y axis."""
    css = "chart-svg chart-with-y-axis" if axis else "chart-svg"
    return element(
        "svg",
        {"id": chart_id, "class": css, "height": num(height), "role": "img", "aria-label": label},
        content,
    )


def text(value: str) -> str:
    return escape(value)


def title(value: str) -> str:
    """A hover title for the element it is put in."""
    return f"<title>{escape(value)}</title>"


def pct(fraction: float) -> str:
    """A share of the chart's width as an SVG length: 0.125 -> '12.5%'."""
    return f"{fraction * 100:.3f}".rstrip("0").rstrip(".") + "%"


def num(value: float) -> str:
    """A length in pixels or user units, short: 12.0 -> '12', 12.25 -> '12.25'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _char_em(char: str) -> float:
    if char == " ":
        return SPACE_EM
    if char in WIDE:
        return WIDE_EM
    return CAPITAL_EM if char.isupper() else CHAR_EM


@lru_cache(maxsize=4096)  # the same dates and names come back on every page
def label_width(label: str) -> float:
    """The most a label can take across, in CSS pixels: `_char_em` of each character,
    added up by counting each kind (a chart measures hundreds of labels)."""
    wide = sum(label.count(char) for char in WIDE)
    capitals = sum(map(str.isupper, label)) - label.count("M") - label.count("W")
    spaces = label.count(" ")
    small = len(label) - wide - capitals - spaces
    return FONT_PX * (CHAR_EM * small + WIDE_EM * wide + CAPITAL_EM * capitals + SPACE_EM * spaces)


def shorten(label: str, width: float) -> str:
    """The label, cut short with an ellipsis if it would take more than `width` pixels."""
    if label_width(label) <= width:
        return label
    room = width - label_width(ELLIPSIS)
    # The number of leading characters that fit: widths grow with each one added.
    end = bisect_right(range(len(label)), room, key=lambda end: label_width(label[: end + 1]))
    return label[:end].rstrip() + ELLIPSIS


def spaced_labels(
    widths: Sequence[float], width: float, *, left_room: float, right_room: float
) -> list[int]:
    """Which labels, of these widths (`label_width`), to show under slots of equal width
    across `width` pixels, each centred on its slot: every k-th, with k as small as keeps
    the widest apart from the next. A label hanging more than `left_room` or `right_room`
    past an end is left out."""
    if not widths:
        return []
    slot = width / len(widths)
    step = max(1, math.ceil((max(widths) + LABEL_GAP_PX) / slot))
    shown = []
    for index in range(0, len(widths), step):
        centre = (index + 0.5) * slot
        half = widths[index] / 2
        if centre - half >= -left_room and centre + half <= width + right_room:
            shown.append(index)
    return shown


def for_each_width(label_sets: Iterable[LabelSet], draw: Callable[[LabelSet], str]) -> str:
    """`draw(label_set)` for each set, each in a group its class shows on its screens; one
    group for all when every set draws the same."""
    drawn = [(label_set, draw(label_set)) for label_set in label_sets]
    if len({markup for _set, markup in drawn}) == 1:
        return element("g", {}, drawn[0][1]) if drawn[0][1] else ""
    return "".join(
        element("g", {"class": label_set.css_class}, markup) for label_set, markup in drawn
    )


def count_ticks(highest: float, most: int = 6) -> list[int]:
    """Whole numbers from 0 up past `highest` in steps of 1, 2, 5, 10, 20, 50...: at most
    `most` steps."""
    step, factors = 1, (2, 2.5, 2)  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
    turn = 0
    while math.ceil(highest / step) > most:
        step = round(step * factors[turn % 3])
        turn += 1
    top = max(1, math.ceil(highest / step)) * step
    return list(range(0, top + 1, step))
