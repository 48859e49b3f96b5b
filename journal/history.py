"""The history page's charts: what each one plots, its table and its sentence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from . import aggregates, chart_drawings, charts, periods, summary_calendar
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
    drawing: str = ""  # the chart as SVG (journal/chart_drawings.py)

    @property
    def chart_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def chart_label(self) -> str:
        return f"{self.title} chart. {self.summary} The same data is in the table below it."

    @property
    def has_data(self) -> bool:
        return bool(self.rows)

    @property
    def table(self) -> list[tuple[str, list[str]]]:
        """Each row as (its heading, the other cells), as the table shows them."""
        return [(row[0], row[1:]) for row in self.rows]


def _axis(day_range, data_first, data_last):
    """The first and last day on the axes, from the days that have data."""
    first = day_range.start or data_first
    last = day_range.end
    if (last - first).days > MAX_AXIS_DAYS:
        first, last = max(first, data_first), min(last, max(data_last, first))
    return first, last


@dataclass
class ChartSources:
    """What the charts are drawn from, read from the episodes or the journal's summary."""

    episode_count: int
    first: datetime.date  # the axes' first and last day
    last: datetime.date
    unit: str  # the pain chart's period
    pain: list  # periods.Period of the pain chart
    pain_summary: str
    count_unit: str
    counts: list  # periods.Period of the episodes chart
    triggers: list
    remedies: list
    locations: list
    courses: list  # each bout's pain, first day to last (aggregates.pain_course)


def _count_unit(unit):
    # Episodes are counted by the week, or by the month when the pain chart is monthly.
    return periods.MONTH if unit == periods.MONTH else periods.WEEK


def _queried_sources(user, day_range, tz, bouts) -> ChartSources | None:
    episodes = aggregates.episodes_in_range(Episode.objects.for_user(user), day_range, tz)
    days = aggregates.journal_days(episodes, tz)
    if not days:
        return None
    first, last = _axis(
        day_range,
        min([d.day for d in days] + [b.start for b in bouts]),
        max([d.day for d in days] + [b.last_day for b in bouts]),
    )
    # Readings from the start of the earliest bout shown, so each bout's course is whole.
    peaks = aggregates.reading_peaks(
        Episode.objects.for_user(user), min([first] + [b.start for b in bouts]), last, tz
    )
    unit = periods.chart_unit(first, last)
    pain_days = aggregates.with_reading_peaks(
        days, {day: peak for day, peak in peaks.items() if day >= first}
    )
    return ChartSources(
        episode_count=sum(d.episodes for d in days),
        first=first,
        last=last,
        unit=unit,
        pain=periods.roll_up(pain_days, unit),
        pain_summary=charts.pain_summary(pain_days, unit),
        count_unit=_count_unit(unit),
        counts=periods.roll_up(days, _count_unit(unit)),
        triggers=aggregates.trigger_counts(episodes),
        remedies=aggregates.remedy_effects(episodes),
        locations=aggregates.location_counts(episodes),
        courses=[aggregates.pain_course(b, peaks) for b in bouts],
    )


def _summary_sources(user, whole, day_range, bouts) -> ChartSources | None:
    """The sources of the whole journal's charts, from its summary (None: the summary
    does not cover them, read the episodes)."""
    if whole.first_day is None:
        return None
    first, last = _axis(
        day_range,
        whole.first_day,
        max([whole.last_start] + [b.last_day for b in bouts]),
    )
    latest_reading = whole.calendar["latest_reading"]
    if latest_reading is not None and latest_reading > last.toordinal():
        return None  # a reading after the axis ends: the charts leave it out
    unit = periods.chart_unit(first, last)
    if unit == periods.MONTH:
        pain, counts = whole.pain_months, whole.months
        worst_day, worst_peak = whole.calendar["worst"]
        pain_summary = charts.pain_sentence(
            datetime.date.fromordinal(worst_day),
            worst_peak,
            whole.episode_count,
            sum(month.days for month in counts),
            unit,
        )
    else:
        days = whole.started_days()
        pain_days = aggregates.with_reading_peaks(days, whole.reading_peaks(first, last))
        pain = periods.roll_up(pain_days, unit)
        pain_summary = charts.pain_summary(pain_days, unit)
        counts = periods.roll_up(days, _count_unit(unit))
    return ChartSources(
        episode_count=whole.episode_count,
        first=first,
        last=last,
        unit=unit,
        pain=pain,
        pain_summary=pain_summary,
        count_unit=_count_unit(unit),
        counts=counts,
        triggers=whole.triggers(user),
        remedies=whole.remedies(user),
        locations=whole.locations(),
        courses=whole.courses,
    )


@dataclass
class HistoryCharts:
    cards: list[ChartCard]
    data: dict  # the numbers each card's chart plots, keyed by card
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
    # The bouts are the assessment's, as on the dashboard and in the report: found in the
    # whole journal, so one that began before the range counts its full length.
    assessment = assess(user, today=today, state=state)
    bouts = aggregates.bouts_in_range(list(assessment.bouts), day_range)
    whole = None
    if state is not None:
        whole = summary_calendar.whole_journal(user, day_range, today, state, bouts)
    sources = _summary_sources(user, whole, day_range, bouts) if whole else None
    if sources is None:
        sources = _queried_sources(user, day_range, tz, bouts)
    if sources is None:
        return HistoryCharts([], {}, None, 0, carried_bouts=bouts)
    return _charts(sources, bouts, assessment.threshold_days)


def _charts(sources: ChartSources, bouts, threshold) -> HistoryCharts:
    first, last, unit = sources.first, sources.last, sources.unit
    plotted, count_unit, counts = sources.pain, sources.count_unit, sources.counts
    triggers, remedies, locations = sources.triggers, sources.remedies, sources.locations
    episode_count = sources.episode_count
    axis = periods.each_period(first, last, unit)
    index = {start: n for n, start in enumerate(axis)}
    peak_by_period = {p.start: p.peak for p in plotted}
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
            sources.pain_summary,
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
                    charts.course_words(course),
                    str(b.episode_count),
                    "Yes" if b.passed_threshold else "No",
                    "; ".join(flag.label for flag in b.red_flags) or "None",
                ]
                for b, course in zip(bouts, sources.courses, strict=True)
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
            "threshold": threshold,
        },
        "bouts": {
            "labels": [periods.short_date(b.start) for b in bouts],
            "days": [b.days for b in bouts],
            "passed": [b.passed_threshold for b in bouts],
            "ongoing": [b.ongoing for b in bouts],
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
    for card in cards:
        if card.has_data:
            card.drawing = chart_drawings.draw(
                card.key, card.chart_id, card.chart_label, chart_data[card.key]
            )
    return HistoryCharts(cards, chart_data, first, episode_count)
