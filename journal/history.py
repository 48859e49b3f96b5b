"""The history page's charts: what each one plots, its table and its sentence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from . import aggregates, charts, periods
from .assessment import assess
from .models import Episode

# The axis of the daily and weekly charts covers the chosen range; for very long custom
# ranges it shrinks to the days that have data.
MAX_AXIS_DAYS = 3 * 366


@dataclass
class ChartCard:
    key: str
    title: str
    summary: str
    columns: list[str]
    rows: list[list[str]]
    caption: str
    note: str = ""

    @property
    def canvas_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def canvas_label(self) -> str:
        return f"{self.title} chart. {self.summary} The same data is in the table below it."

    @property
    def has_data(self) -> bool:
        return bool(self.rows)

    @property
    def table(self) -> list[tuple[str, list[str]]]:
        """Each row as (its heading, the other cells), as the table shows them."""
        return [(row[0], row[1:]) for row in self.rows]


def _axis(day_range, days, bouts):
    data_first = min([d.day for d in days] + [b.start for b in bouts])
    data_last = max([d.day for d in days] + [b.last_day for b in bouts])
    first = day_range.start or data_first
    last = day_range.end
    if (last - first).days > MAX_AXIS_DAYS:
        first, last = max(first, data_first), min(last, max(data_last, first))
    return first, last


@dataclass
class HistoryCharts:
    cards: list[ChartCard]
    data: dict  # for static/journal/history.js, keyed by card
    first_day: datetime.date | None  # the first day on the axes
    episode_count: int
    # Bouts reaching into the range although none of its episodes started in it (an
    # episode from before the range still going): shown even when there are no charts.
    carried_bouts: list = field(default_factory=list)


# The words that change with the period a chart plots.
PERIOD_COLUMNS = {periods.DAY: "Day", periods.WEEK: "Week starting", periods.MONTH: "Month"}
PAIN_CAPTIONS = {
    periods.DAY: "Worst pain on each day, from your readings",
    periods.WEEK: "Worst pain each week, from your readings (weeks with one)",
    periods.MONTH: "Worst pain each month, from your readings (months with one)",
}
PAIN_DOTS = {periods.DAY: "a day's", periods.WEEK: "a week's", periods.MONTH: "a month's"}


def history_charts(user, day_range: periods.DayRange, tz, today, state=None) -> HistoryCharts:
    episodes = aggregates.episodes_in_range(Episode.objects.for_user(user), day_range, tz)
    days = aggregates.journal_days(episodes, tz)
    # The bouts are the assessment's, as on the dashboard and in the report: found in the
    # whole journal, so one that began before the range counts its full length.
    assessment = assess(user, today=today, state=state)
    bouts = aggregates.bouts_in_range(list(assessment.bouts), day_range)
    if not days:
        return HistoryCharts([], {}, None, 0, carried_bouts=bouts)
    threshold = assessment.threshold_days
    triggers = aggregates.trigger_counts(episodes)
    remedies = aggregates.remedy_effects(episodes)
    locations = aggregates.location_counts(episodes)
    episode_count = sum(d.episodes for d in days)

    first, last = _axis(day_range, days, bouts)
    # Readings from the start of the earliest bout shown, so each bout's course is whole.
    peaks = aggregates.reading_peaks(
        Episode.objects.for_user(user), min([first] + [b.start for b in bouts]), last, tz
    )
    unit = periods.chart_unit(first, last)
    pain_days = aggregates.with_reading_peaks(
        days, {day: peak for day, peak in peaks.items() if day >= first}
    )
    plotted = periods.roll_up(pain_days, unit)
    axis = periods.each_period(first, last, unit)
    index = {start: n for n, start in enumerate(axis)}
    peak_by_period = {p.start: p.peak for p in plotted}
    # Episodes are counted by the week, or by the month when the pain chart is monthly.
    count_unit = periods.MONTH if unit == periods.MONTH else periods.WEEK
    counts = periods.roll_up(days, count_unit)
    count_axis = axis if count_unit == unit else periods.each_period(first, last, count_unit)
    count_by_period = {p.start: p.episodes for p in counts}

    def position(day):
        return index[periods.period_start(day, unit)]

    def clipped(bout):
        return [position(max(bout.start, first)), position(min(bout.last_day, last))]

    cards = [
        ChartCard(
            "pain",
            "Pain over time",
            charts.pain_summary(pain_days, unit),
            [PERIOD_COLUMNS[unit], "Worst pain (0-10)", "Episodes"],
            [[periods.long_period(p.start, unit), str(p.peak), str(p.episodes)] for p in plotted],
            PAIN_CAPTIONS[unit],
            note=f"Each dot is {PAIN_DOTS[unit]} worst pain from your readings; shaded bands "
            "are bouts, so the line inside a band shows how the pain went during it.",
        ),
        ChartCard(
            "bouts",
            "How long each bout lasted",
            charts.bouts_summary(bouts, threshold),
            [
                "Bout started",
                "Last day",
                "Days",
                "Worst pain",
                "Pain, first day to last",
                "Episodes",
                f"Over {threshold} days",
                "Warning signs",
            ],
            [
                [
                    periods.long_date(b.start),
                    "ongoing" if b.ongoing else periods.long_date(b.last_day),
                    str(b.days),
                    f"{b.peak_severity}/10",
                    charts.course_words(aggregates.pain_course(b, peaks)),
                    str(b.episode_count),
                    "Yes" if b.passed_threshold else "No",
                    "; ".join(flag.label for flag in b.red_flags) or "None",
                ]
                for b in bouts
            ],
            f"Length of each bout against the {threshold}-day threshold",
            note=f"The line marks {threshold} days: a bout lasting longer is a reason to see a doctor.",
        ),
        ChartCard(
            "frequency",
            f"Episodes per {count_unit}",
            charts.frequency_summary(counts, len(count_axis), count_unit),
            [PERIOD_COLUMNS[count_unit], "Episodes"],
            [[periods.long_period(p.start, count_unit), str(p.episodes)] for p in counts],
            f"Episodes per {count_unit} ({count_unit}s with none are left out)",
        ),
        ChartCard(
            "triggers",
            "What set it off",
            charts.trigger_summary(triggers, episode_count),
            ["Trigger", "Episodes"],
            [[t.name, str(t.episodes)] for t in triggers],
            "How many episodes noted each trigger",
        ),
        ChartCard(
            "remedies",
            "What helped",
            charts.remedy_summary(remedies),
            ["Remedy", "Average effect", "In words", "Times tried"],
            [[r.name, r.figure, r.words, str(r.tried)] for r in remedies],
            "Average effect of each remedy, from -1 (made it worse) to +2 (much better)",
        ),
        ChartCard(
            "locations",
            "Where the pain was",
            charts.location_summary(locations, episode_count),
            ["Part of the back", "Episodes"],
            [[loc.label, str(loc.episodes)] for loc in locations],
            "Episodes by part of the back",
        ),
    ]
    chart_data = {
        "pain": {
            "unit": unit,
            "labels": [periods.short_period(start, unit) for start in axis],
            "peaks": [peak_by_period.get(start) for start in axis],
            "bouts": [[*clipped(b), b.passed_threshold] for b in bouts],
        },
        "bouts": {
            "labels": [
                periods.short_date(b.start) + (" (ongoing)" if b.ongoing else "") for b in bouts
            ],
            "days": [b.days for b in bouts],
            "passed": [b.passed_threshold for b in bouts],
            "threshold": threshold,
        },
        "frequency": {
            "unit": count_unit,
            "axis": PERIOD_COLUMNS[count_unit],
            "labels": [periods.short_period(start, count_unit) for start in count_axis],
            "counts": [count_by_period.get(start, 0) for start in count_axis],
        },
        "triggers": {
            "labels": [t.name for t in triggers],
            "counts": [t.episodes for t in triggers],
        },
        "remedies": {
            "labels": [r.name for r in remedies],
            # The bars' lengths, and the figures their tooltips print, as the table shows them.
            "averages": [float(r.average) for r in remedies],
            "figures": [r.figure for r in remedies],
            "tried": [r.tried for r in remedies],
        },
        "locations": {
            "labels": [loc.label for loc in locations],
            "counts": [loc.episodes for loc in locations],
        },
    }
    chart_data = {card.key: chart_data[card.key] for card in cards if card.has_data}
    return HistoryCharts(cards, chart_data, first, episode_count)
