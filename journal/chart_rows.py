"""The charts drawn as rows of names (triggers, places, remedies): each name and its
figure on a line, its bar under them, so a long name keeps its room on a phone."""

from __future__ import annotations

from functools import partial

from .charts import plural
from .drawing import (
    AXIS_TITLE_ROW,
    DATE_ROW,
    HALF_WIDTH,
    Y_AXIS_ROOM,
    LabelSet,
    chart_svg,
    element,
    for_each_width,
    label_width,
    pct,
    shorten,
    text,
    title,
)

ROW = 36  # one name with its bar
ROW_BAR = 12
# Rows have no axis at the side: each label set has that much more room.
ROW_LABEL_SETS = tuple(LabelSet(s.css_class, s.min_width + Y_AXIS_ROOM) for s in HALF_WIDTH)
# The remedies' scale, -1 to +2: where each mark stands, how its label is anchored, its
# figure (on a phone) and its words.
EFFECT_TICKS = (
    (0.0, "start", "\N{MINUS SIGN}1", "Made it worse"),
    (1 / 3, "middle", "0", "No change"),
    (2 / 3, "middle", "+1", "A little better"),
    (1.0, "end", "+2", "Much better"),
)


def _name(name: str, y: int, room: float, label_set: LabelSet) -> str:
    """A row's name, cut short to leave `room` for its figure on the narrowest screen of
    the label set."""
    return f'<text class="chart-name" x="0" y="{y}">{text(shorten(name, label_set.min_width - room))}</text>'


def _rows(
    names: list[str], figures: list[str], bars: list[tuple[float, float, str]], hovers: list[str]
) -> str:
    """One row a name: the name and its figure on a line, its bar under them. Each bar is
    (where it starts, how long it is, its class if not the usual), as shares of the width. Written out
    directly: the numbers formatted by pct(), the classes the module's own, every name,
    figure and title escaped."""
    rows = []
    narrowest = ROW_LABEL_SETS[0]
    for row, (name, figure, (start, length, css), hover) in enumerate(
        zip(names, figures, bars, hovers, strict=True)
    ):
        y = row * ROW + 13
        room = label_width(figure) + 8
        if label_width(name) <= narrowest.min_width - room:  # whole on every screen
            name_text = _name(name, y, room, narrowest)
        else:
            name_text = for_each_width(ROW_LABEL_SETS, partial(_name, name, y, room))
        bar_class = f' class="{css}"' if css else ""
        rows.append(
            f"<g>{title(hover)}{name_text}"
            f'<text class="chart-value" x="100%" y="{y}">{text(figure)}</text>'
            f'<rect{bar_class} x="{pct(start)}" y="{y + 5}" width="{pct(length)}" '
            f'height="{ROW_BAR}"/></g>'
        )
    return element("g", {"class": "chart-bars"}, "".join(rows))


def count_rows_chart(chart_id: str, label: str, data: dict) -> str:
    """How many episodes noted each trigger or place, longest bar first."""
    names, counts = data["labels"], data["counts"]
    most = max(counts)
    rows = _rows(
        names,
        [str(count) for count in counts],
        [(0, count / most, "") for count in counts],
        [f"{name}: {plural(count, 'episode')}" for name, count in zip(names, counts, strict=True)],
    )
    return chart_svg(chart_id, label, len(names) * ROW, rows, axis=False)


def remedies_chart(chart_id: str, label: str, data: dict) -> str:
    """Each remedy's average effect as a bar from "no change", on the scale -1 to +2."""
    names, averages = data["labels"], data["averages"]
    figures = [
        f"{figure}, {plural(tried, 'try', 'tries')}"
        for figure, tried in zip(data["figures"], data["tried"], strict=True)
    ]
    bars = [
        (1 / 3, average / 3, "chart-bar-helped")
        if average >= 0
        else ((1 + average) / 3, -average / 3, "chart-bar-worse")
        for average in averages
    ]
    height = len(names) * ROW
    grid = "".join(
        element("line", {"x1": pct(at), "x2": pct(at), "y1": 0, "y2": height})
        for at, _anchor, _figure, _words in EFFECT_TICKS
        if at != 1 / 3
    )
    no_change = element(
        "line", {"class": "chart-axis", "x1": pct(1 / 3), "x2": pct(1 / 3), "y1": 0, "y2": height}
    )

    def scale(words: bool) -> str:
        return "".join(
            element(
                "text",
                {"x": pct(at), "y": height + 14, "text-anchor": anchor},
                text(word if words else figure),
            )
            for at, anchor, figure, word in EFFECT_TICKS
        )

    axis = element("g", {"class": "chart-only-sm"}, scale(False)) + element(
        "g", {"class": "chart-from-md"}, scale(True)
    )
    axis_title = element(
        "text",
        {"class": "chart-axis-title", "x": "50%", "y": height + DATE_ROW + 14},
        text("Average effect"),
    )
    content = (
        element("g", {"class": "chart-grid"}, grid)
        + no_change
        + _rows(names, figures, bars, [f"{n}: {f}" for n, f in zip(names, figures, strict=True)])
        + axis
        + axis_title
    )
    return chart_svg(chart_id, label, height + DATE_ROW + AXIS_TITLE_ROW, content, axis=False)
