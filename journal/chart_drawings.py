"""The charts drawn as SVG on the server, from the numbers journal/history.py plots: those
along a time or bout axis here, those drawn as rows of names in journal/chart_rows.py.

Each drawing is one <svg role="img"> labelled by a sentence, with a hover title on each
dot, bar and band; the card around it keeps the text summary and the data table. The
colours and the label sets each screen shows are in static/css/site.css.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from . import drawing
from .caching import CACHE_SECONDS
from .chart_rows import count_rows_chart, remedies_chart
from .charts import plural
from .drawing import (
    AXIS_TITLE_ROW,
    DATE_ROW,
    FULL_WIDTH,
    HALF_WIDTH,
    Y_AXIS_ROOM,
    LabelSet,
    chart_svg,
    count_ticks,
    element,
    for_each_width,
    label_width,
    num,
    pct,
    spaced_labels,
    text,
    title,
)

TOP = 10  # room above the plot for its highest value's label
PLOT = 190  # the plot's height
COURSE_PLOT = 160
# Right of the plot, a label may hang into the card's padding.
RIGHT_ROOM = 8
BAR_SHARE = 0.7  # of its slot, as wide as a bar is


class _Frame:
    """A plot of `slots` equal slots across, from 0 up to `top` on the y axis.

    A chart has hundreds of bars and dots, so they are written out directly, each number
    formatted once: by pct() and num(), the classes the module's own, the titles escaped.
    """

    def __init__(self, slots: int, top: float, height: float = PLOT):
        self.slots, self.top, self.height = slots, top, height
        self.bottom = TOP + height
        self.centres = [pct((slot + 0.5) / slots) for slot in range(slots)]
        self.bar_width = pct(BAR_SHARE / slots)
        self._heights: dict[float, tuple[str, str]] = {}

    def y(self, value: float) -> float:
        return self.bottom - self.height * value / self.top

    def _height(self, value: float) -> tuple[str, str]:
        """Where a bar up to `value` starts and how tall it is, formatted."""
        if value not in self._heights:
            y = self.y(value)
            self._heights[value] = num(y), num(self.bottom - y)
        return self._heights[value]

    def bar(self, slot: int, value: float, hover: str, css: str = "") -> str:
        """A bar in the slot, up to the value; drawn in a group of class "chart-bars",
        which colours it unless `css` says otherwise."""
        y, height = self._height(value)
        x = pct((slot + (1 - BAR_SHARE) / 2) / self.slots)
        css = f' class="{css}"' if css else ""
        return (
            f'<rect{css} x="{x}" y="{y}" width="{self.bar_width}" height="{height}">'
            f"{title(hover)}</rect>"
        )

    def y_axis(self, ticks: list[int], axis_title: str) -> str:
        grid = "".join(
            element("line", {"x1": 0, "x2": "100%", "y1": num(y), "y2": num(y)})
            for y in (self.y(tick) for tick in ticks[1:])
        )
        values = "".join(
            element("text", {"x": -6, "y": num(self.y(tick) + 4)}, text(str(tick)))
            for tick in ticks
        )
        middle = TOP + self.height / 2
        return (
            element("g", {"class": "chart-grid"}, grid)
            + element("g", {"class": "chart-y-labels"}, values)
            + element(
                "text",
                {
                    "class": "chart-axis-title",
                    "transform": "rotate(-90)",
                    "x": num(-middle),
                    "y": -30,
                },
                text(axis_title),
            )
        )

    def x_axis(
        self, labels: list[str], label_sets: tuple[LabelSet, ...], axis_title: str = ""
    ) -> str:
        y = num(self.bottom + 16)
        widths = [label_width(label) for label in labels]

        def labels_for(label_set: LabelSet) -> str:
            shown = spaced_labels(
                widths, label_set.min_width, left_room=Y_AXIS_ROOM, right_room=RIGHT_ROOM
            )
            return "".join(
                f'<text x="{self.centres[i]}" y="{y}">{text(labels[i])}</text>' for i in shown
            )

        line = element(
            "line",
            {"class": "chart-axis", "x1": 0, "x2": "100%", "y1": self.bottom, "y2": self.bottom},
        )
        markup = line + element(
            "g", {"class": "chart-x-labels"}, for_each_width(label_sets, labels_for)
        )
        if axis_title:
            markup += element(
                "text",
                {"class": "chart-axis-title", "x": "50%", "y": num(self.bottom + DATE_ROW + 14)},
                text(axis_title),
            )
        return markup

    def line(self, values: list[int | None], top: float) -> str:
        """The values joined, a gap where one is missing: stretched over the plot in its own
        units, so the line is one short list of points."""
        runs: list[list[str]] = [[]]
        for slot, value in enumerate(values):
            if value is None:
                runs.append([])
            else:
                runs[-1].append(f"{num(slot + 0.5)},{num(top - value)}")
        lines = "".join(
            element("polyline", {"class": "chart-line", "points": " ".join(run)})
            for run in runs
            if len(run) > 1
        )
        if not lines:
            return ""
        return element(
            "svg",
            {
                "x": 0,
                "y": TOP,
                "width": "100%",
                "height": num(self.height),
                "viewBox": f"0 0 {len(values)} {num(top)}",
                "preserveAspectRatio": "none",
            },
            lines,
        )

    def dots(self, points: list[tuple[int, int, str]]) -> str:
        """A dot for each (slot, value, hover title)."""
        return element(
            "g",
            {"class": "chart-dots"},
            "".join(
                f'<circle cx="{self.centres[slot]}" cy="{self._height(value)[0]}" r="3">'
                f"{title(hover)}</circle>"
                for slot, value, hover in points
            ),
        )


def _bands(bouts: list[list]) -> list[tuple[int, int, bool, int]]:
    """The shaded bands for the bouts, each [first slot, last slot, past the threshold]:
    bouts of a kind that share a slot (two in one month) or touch (one in May, the next
    in June) shaded as one band, as they look, rather than overlapping. Each band is
    (first slot, last slot, past the threshold, how many bouts)."""
    bands: list[tuple[int, int, bool, int]] = []
    for first, last, over in bouts:
        if bands and bands[-1][2] == over and first <= bands[-1][1] + 1:
            start, end, _over, count = bands[-1]
            bands[-1] = (start, max(end, last), over, count + 1)
        else:
            bands.append((first, last, over, 1))
    return bands


def _span(labels: list[str], first: int, last: int) -> str:
    return labels[first] if first == last else f"{labels[first]} to {labels[last]}"


def pain_chart(chart_id: str, label: str, data: dict) -> str:
    """The worst pain of each period as a line, over shaded bands for the bouts."""
    labels, peaks, unit = data["labels"], data["peaks"], data["unit"]
    frame = _Frame(len(labels), 10)
    bands = []
    for first, last, over, bouts in _bands(data["bouts"]):
        words = "A bout" if bouts == 1 else f"{bouts} bouts"
        if over:
            words += f" longer than {plural(data['threshold'], 'day')}"
        x, width = pct(first / frame.slots), pct((last - first + 1) / frame.slots)
        css = ' class="chart-band-over"' if over else ""
        bands.append(
            f'<rect{css} x="{x}" y="{TOP}" width="{width}" height="{PLOT}">'
            f"{title(f'{words}, {_span(labels, first, last)}')}</rect>"
        )
    points = [
        (slot, peak, f"{labels[slot]}: worst pain that {unit} {peak}/10")
        for slot, peak in enumerate(peaks)
        if peak is not None
    ]
    content = (
        frame.y_axis(list(range(0, 11, 2)), "Worst pain (0-10)")
        + element("g", {"class": "chart-bands"}, "".join(bands))
        + frame.line(peaks, 10)
        + frame.dots(points)
        + frame.x_axis(labels, FULL_WIDTH)
    )
    return chart_svg(chart_id, label, frame.bottom + DATE_ROW, content)


def bouts_chart(chart_id: str, label: str, data: dict) -> str:
    """Each bout's length as a bar, red past the threshold, with the threshold's line."""
    limit = data["threshold"]
    ticks = count_ticks(max(max(data["days"]), limit + 3))
    frame = _Frame(len(data["days"]), ticks[-1])
    bars = []
    for slot, (start, days, over, ongoing) in enumerate(
        zip(data["labels"], data["days"], data["passed"], data["ongoing"], strict=True)
    ):
        css = " ".join(
            name
            for name, wanted in (("chart-bar-over", over), ("chart-bar-ongoing", ongoing))
            if wanted
        )
        hover = f"Bout from {start}{' (still going)' if ongoing else ''}: {plural(days, 'day')}"
        if over:
            hover += f", longer than {plural(limit, 'day')}"
        bars.append(frame.bar(slot, days, hover, css))
    y = num(frame.y(limit))
    threshold = element(
        "line", {"class": "chart-threshold", "x1": 0, "x2": "100%", "y1": y, "y2": y}
    ) + element(
        "text",
        {"class": "chart-threshold-label", "x": "100%", "y": num(frame.y(limit) - 5)},
        text(f"{limit}-day threshold"),
    )
    content = (
        frame.y_axis(ticks, "Days")
        + element("g", {"class": "chart-bars"}, "".join(bars))
        + threshold
        + frame.x_axis(data["labels"], HALF_WIDTH, "Bout started")
    )
    keys = [
        ("chart-key", f"Up to {plural(limit, 'day')}"),
        ("chart-key chart-key-over", f"Longer than {plural(limit, 'day')}"),
    ]
    if any(data["ongoing"]):
        keys.append(("chart-key chart-key-ongoing", "Still going"))
    legend = element(
        "ul",
        {"class": "chart-legend"},
        "".join(
            element("li", {}, element("span", {"class": css}, "") + text(words))
            for css, words in keys
        ),
    )
    return legend + chart_svg(chart_id, label, frame.bottom + DATE_ROW + AXIS_TITLE_ROW, content)


def frequency_chart(chart_id: str, label: str, data: dict) -> str:
    """Episodes in each week or month, as bars."""
    labels, counts = data["labels"], data["counts"]
    ticks = count_ticks(max(counts))
    frame = _Frame(len(labels), ticks[-1])
    starting = "Week starting " if data["unit"] == "week" else ""
    bars = "".join(
        frame.bar(slot, count, f"{starting}{period}: {plural(count, 'episode')}")
        for slot, (period, count) in enumerate(zip(labels, counts, strict=True))
        if count
    )
    content = (
        frame.y_axis(ticks, "Episodes")
        + element("g", {"class": "chart-bars"}, bars)
        + frame.x_axis(labels, HALF_WIDTH, data["axis"])
    )
    return chart_svg(chart_id, label, frame.bottom + DATE_ROW + AXIS_TITLE_ROW, content)


def course_chart(chart_id: str, label: str, labels: list[str], severities: list[int]) -> str:
    """One episode's readings in turn, joined by a line, evenly spaced."""
    frame = _Frame(len(labels), 10, COURSE_PLOT)
    points = [
        (slot, severity, f"{when}: {severity}/10")
        for slot, (when, severity) in enumerate(zip(labels, severities, strict=True))
    ]
    content = (
        frame.y_axis(list(range(0, 11, 2)), "How bad (0-10)")
        + frame.line(list(severities), 10)
        + frame.dots(points)
        + frame.x_axis(labels, HALF_WIDTH)
    )
    return chart_svg(chart_id, label, frame.bottom + DATE_ROW, content)


DRAWINGS = {
    "pain": pain_chart,
    "bouts": bouts_chart,
    "frequency": frequency_chart,
    "triggers": count_rows_chart,
    "remedies": remedies_chart,
    "locations": count_rows_chart,
}


# The drawing code itself, so that a drawing kept in a shared cache is not reused by a
# release that draws differently.
_DRAWN_BY = hashlib.sha256(
    Path(__file__).read_bytes() + Path(drawing.__file__).read_bytes()
).hexdigest()[:16]


def draw(key: str, chart_id: str, label: str, data: dict) -> SafeString:
    """The chart of this key, ready for a page: every value in it escaped.

    A drawing is a function of its arguments alone, so it is kept under a digest of
    them: after an edit, the charts whose numbers did not change (the triggers, when only
    a pain score moved) are not drawn again.
    """
    source = json.dumps([_DRAWN_BY, key, chart_id, label, data], sort_keys=True, default=str)
    cache_key = f"chart-drawing:{hashlib.sha256(source.encode()).hexdigest()}"
    svg = cache.get(cache_key)
    if svg is None:
        svg = DRAWINGS[key](chart_id, label, data)
        cache.set(cache_key, svg, CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 - built by element()


def draw_course(labels: list[str], severities: list[int]) -> SafeString:
    """An episode's readings (when, how bad) as a chart for its page."""
    label = (
        f"How bad the pain was at each reading, from {severities[0]}/10 to "
        f"{severities[-1]}/10. The same readings are in the table below."
    )
    return mark_safe(course_chart("chart-course", label, labels, severities))  # noqa: S308
