"""Looking back: history charts, the doctor's report, export and import.

Every view starts from `Episode.objects.for_user(request.user)`; the aggregates live in
`journal/stats.py`, the file formats in `journal/exports.py`.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import login_required_warn_unsaved
from guidance.models import RedFlag, Remedy, Trigger

from . import exports, stats
from .assessment import assess
from .caching import cached, journal_state
from .models import Episode

# --- the range of days ------------------------------------------------------------------

PRESETS = {"30": 30, "90": 90, "365": 365, "all": None}
PRESET_LABELS = {"30": "30 days", "90": "90 days", "365": "A year", "all": "All"}
PRESET_TITLES = {"30": "Past 30 days", "90": "Past 90 days", "365": "Past year"}
DEFAULT_PRESET = "90"
CUSTOM = "custom"
EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2100, 12, 31)
DATE_ERROR = "Enter a date as YYYY-MM-DD, for example 2026-03-01."


class DayInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class HistoryRangeForm(forms.Form):
    """?range=30|90|365|all, or a custom ?start=YYYY-MM-DD&end=YYYY-MM-DD."""

    range = forms.ChoiceField(
        choices=list(PRESET_LABELS.items()),
        required=False,
        error_messages={"invalid_choice": "Choose a range of 30, 90 or 365 days, or all."},
    )
    start = forms.DateField(
        label="From",
        required=False,
        widget=DayInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_ERROR},
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=DayInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_ERROR},
        help_text="Leave empty for today.",
    )

    def _check_bounds(self, name):
        day = self.cleaned_data.get(name)
        if day and not EARLIEST_DAY <= day <= LATEST_DAY:
            raise forms.ValidationError("Choose a date between 1900 and 2100.")
        return day

    def clean_start(self):
        return self._check_bounds("start")

    def clean_end(self):
        return self._check_bounds("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if end and not start and "end" not in self.errors:
            self.add_error("start", "Choose a start date for your own range.")
        if start and end and end < start:
            self.add_error("end", "The end date is before the start date.")
        if start and not end and start > timezone.localdate():
            self.add_error("end", "The start date is after today: choose an end date too.")
        return cleaned

    @property
    def preset(self) -> str:
        if self.cleaned_data.get("start"):
            return CUSTOM
        return self.cleaned_data.get("range") or DEFAULT_PRESET

    def day_range(self, today: datetime.date) -> stats.DayRange:
        if self.preset == CUSTOM:
            return stats.DayRange(self.cleaned_data["start"], self.cleaned_data["end"] or today)
        return preset_range(self.preset, today)

    def query(self) -> str:
        """The range as a query string, to carry it over to the report and back."""
        if self.preset == CUSTOM:
            params = {"start": self.cleaned_data["start"].isoformat()}
            if self.cleaned_data["end"]:
                params["end"] = self.cleaned_data["end"].isoformat()
            return urlencode(params)
        return urlencode({"range": self.preset})


def preset_range(key: str, today: datetime.date) -> stats.DayRange:
    days = PRESETS[key]
    if days is None:
        return stats.DayRange(None, today)
    return stats.DayRange(today - datetime.timedelta(days=days - 1), today)


@dataclass
class RangeChoice:
    """What the range controls show: the chosen range, or the default after bad input."""

    form: HistoryRangeForm
    preset: str
    day_range: stats.DayRange
    query: str
    valid: bool
    presets: list[dict] = field(default_factory=list)


def choose_range(request, today: datetime.date) -> RangeChoice:
    form = HistoryRangeForm(request.GET)
    valid = form.is_valid()
    if valid:
        preset, day_range, query = form.preset, form.day_range(today), form.query()
    else:
        preset, query = DEFAULT_PRESET, urlencode({"range": DEFAULT_PRESET})
        day_range = preset_range(DEFAULT_PRESET, today)
    presets = [
        {"key": key, "label": label, "query": urlencode({"range": key}), "active": key == preset}
        for key, label in PRESET_LABELS.items()
    ]
    if valid:
        # Show the dates of the range in use, ready to be adjusted. A range that runs to
        # today leaves "To" empty, as its hint says, unless the person typed an end date.
        end = form.cleaned_data["end"] if preset == CUSTOM else None
        form = HistoryRangeForm(initial={"start": day_range.start, "end": end})
    return RangeChoice(form, preset, day_range, query, valid, presets)


def describe_range(choice: RangeChoice, first_day: datetime.date | None) -> str:
    day_range = choice.day_range
    end = stats.long_date(day_range.end)
    if day_range.start is None:
        if first_day is None:
            return "All time"
        return f"All time: {stats.long_date(first_day)} to {end}"
    start = stats.long_date(day_range.start)
    if choice.preset in PRESET_TITLES:
        return f"{PRESET_TITLES[choice.preset]}: {start} to {end}"
    return f"{start} to {end}"


# --- history charts ---------------------------------------------------------------------

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
PERIOD_COLUMNS = {stats.DAY: "Day", stats.WEEK: "Week starting", stats.MONTH: "Month"}
PAIN_CAPTIONS = {
    stats.DAY: "Worst pain on each day an episode started",
    stats.WEEK: "Worst pain each week (weeks with an episode)",
    stats.MONTH: "Worst pain each month (months with an episode)",
}
PAIN_DOTS = {stats.DAY: "a day's", stats.WEEK: "a week's", stats.MONTH: "a month's"}


def history_charts(user, day_range: stats.DayRange, tz, today, state=None) -> HistoryCharts:
    episodes = stats.episodes_in_range(Episode.objects.for_user(user), day_range, tz)
    days = stats.journal_days(episodes, tz)
    # The bouts are the assessment's, as on the dashboard and in the report: found in the
    # whole journal, so one that began before the range counts its full length.
    assessment = assess(user, today=today, state=state)
    bouts = stats.bouts_in_range(list(assessment.bouts), day_range)
    if not days:
        return HistoryCharts([], {}, None, 0, carried_bouts=bouts)
    threshold = assessment.threshold_days
    triggers = stats.trigger_counts(episodes)
    remedies = stats.remedy_effects(episodes)
    locations = stats.location_counts(episodes)
    episode_count = sum(d.episodes for d in days)

    first, last = _axis(day_range, days, bouts)
    unit = stats.chart_unit(first, last)
    periods = stats.roll_up(days, unit)
    axis = stats.each_period(first, last, unit)
    index = {start: n for n, start in enumerate(axis)}
    peak_by_period = {p.start: p.peak for p in periods}
    # Episodes are counted by the week, or by the month when the pain chart is monthly.
    count_unit = stats.MONTH if unit == stats.MONTH else stats.WEEK
    counts = periods if count_unit == unit else stats.roll_up(days, count_unit)
    count_axis = axis if count_unit == unit else stats.each_period(first, last, count_unit)
    count_by_period = {p.start: p.episodes for p in counts}

    def position(day):
        return index[stats.period_start(day, unit)]

    def clipped(bout):
        return [position(max(bout.start, first)), position(min(bout.last_day, last))]

    cards = [
        ChartCard(
            "pain",
            "Pain over time",
            stats.pain_summary(days, unit),
            [PERIOD_COLUMNS[unit], "Worst pain (0-10)", "Episodes"],
            [[stats.long_period(p.start, unit), str(p.peak), str(p.episodes)] for p in periods],
            PAIN_CAPTIONS[unit],
            note=f"Each dot is {PAIN_DOTS[unit]} worst pain; shaded bands are bouts.",
        ),
        ChartCard(
            "bouts",
            "How long each bout lasted",
            stats.bouts_summary(bouts, threshold),
            [
                "Bout started",
                "Last day",
                "Days",
                "Worst pain",
                "Episodes",
                f"Over {threshold} days",
            ],
            [
                [
                    stats.long_date(b.start),
                    "ongoing" if b.ongoing else stats.long_date(b.last_day),
                    str(b.days),
                    f"{b.peak_severity}/10",
                    str(b.episode_count),
                    "Yes" if b.passed_threshold else "No",
                ]
                for b in bouts
            ],
            f"Length of each bout against the {threshold}-day threshold",
            note=f"The line marks {threshold} days: a bout lasting longer is a reason to see a doctor.",
        ),
        ChartCard(
            "frequency",
            f"Episodes per {count_unit}",
            stats.frequency_summary(counts, len(count_axis), count_unit),
            [PERIOD_COLUMNS[count_unit], "Episodes"],
            [[stats.long_period(p.start, count_unit), str(p.episodes)] for p in counts],
            f"Episodes per {count_unit} ({count_unit}s with none are left out)",
        ),
        ChartCard(
            "triggers",
            "What set it off",
            stats.trigger_summary(triggers, episode_count),
            ["Trigger", "Episodes"],
            [[t.name, str(t.episodes)] for t in triggers],
            "How many episodes noted each trigger",
        ),
        ChartCard(
            "remedies",
            "What helped",
            stats.remedy_summary(remedies),
            ["Remedy", "Average effect", "In words", "Times tried"],
            [[r.name, r.figure, r.words, str(r.tried)] for r in remedies],
            "Average effect of each remedy, from -1 (made it worse) to +2 (much better)",
        ),
        ChartCard(
            "locations",
            "Where the pain was",
            stats.location_summary(locations, episode_count),
            ["Part of the back", "Episodes"],
            [[loc.label, str(loc.episodes)] for loc in locations],
            "Episodes by part of the back",
        ),
    ]
    chart_data = {
        "pain": {
            "unit": unit,
            "labels": [stats.short_period(start, unit) for start in axis],
            "peaks": [peak_by_period.get(start) for start in axis],
            "bouts": [[*clipped(b), b.passed_threshold] for b in bouts],
        },
        "bouts": {
            "labels": [
                stats.short_date(b.start) + (" (ongoing)" if b.ongoing else "") for b in bouts
            ],
            "days": [b.days for b in bouts],
            "passed": [b.passed_threshold for b in bouts],
            "threshold": threshold,
        },
        "frequency": {
            "unit": count_unit,
            "axis": PERIOD_COLUMNS[count_unit],
            "labels": [stats.short_period(start, count_unit) for start in count_axis],
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


def _for_chosen_range(request, name, compute):
    """(the chosen range, ``compute``'s result for it): cached until the journal changes.

    ``compute(user, day_range, tz, today, state)`` works in the person's time zone.
    """
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    choice = choose_range(request, today)
    state = journal_state(request.user)
    result = cached(
        request.user,
        state,
        name,
        (today, choice.day_range),
        lambda: compute(request.user, choice.day_range, tz, today, state),
    )
    return choice, result


@login_required_warn_unsaved
@require_GET
def history(request):
    choice, charts = _for_chosen_range(request, "history", history_charts)
    context = {
        "choice": choice,
        "range_label": describe_range(choice, charts.first_day),
        "charts": charts,
    }
    return render(request, "journal/history.html", context, status=200 if choice.valid else 400)


# --- the doctor's report ----------------------------------------------------------------

LEVEL_HEADLINES = {
    "clear": "No current bout",
    "watch": "Current bout within the threshold",
    "see_doctor": "See a doctor: book an appointment",
    "urgent": "Urgent: a doctor should see this today",
    "emergency": "Emergency: a warning sign needing emergency care",
}
REPORT_NOTES = 8
REPORT_TRIGGERS = 6
# A printed report stays short however long the range: the latest bouts and warning
# signs, and the pain trend in at most this many rows (months, else quarters, else years).
REPORT_BOUTS = 12
REPORT_RED_FLAGS = 20
REPORT_TREND_ROWS = 24


def report_data(user, day_range: stats.DayRange, tz, today, state=None) -> dict:
    """Everything the report shows about the journal (the page adds the range and the time)."""
    episodes = stats.episodes_in_range(Episode.objects.for_user(user), day_range, tz)
    assessment = assess(user, today=today, state=state)
    months = stats.journal_months(episodes, tz)
    totals = stats.totals(months)
    trend_unit = stats.MONTH
    if months:
        trend_unit = stats.trend_unit(months[0].start, months[-1].start, REPORT_TREND_ROWS)
    remedies = stats.remedy_effects(episodes)
    bouts = stats.bouts_in_range(list(assessment.bouts), day_range)
    red_flags = stats.red_flag_days(episodes, tz, limit=REPORT_RED_FLAGS + 1)
    return {
        "assessment": assessment,
        "level_headline": LEVEL_HEADLINES[assessment.level],
        "bouts": bouts,
        "bouts_listed": bouts[-REPORT_BOUTS:],
        "bouts_cut": len(bouts) > REPORT_BOUTS,
        "longest_bout": max(bouts, key=lambda bout: bout.days, default=None),
        "bouts_over": sum(1 for bout in bouts if bout.passed_threshold),
        "threshold_days": assessment.threshold_days,
        "totals": totals,
        "red_flags": red_flags[-REPORT_RED_FLAGS:],
        "more_red_flags": len(red_flags) > REPORT_RED_FLAGS,
        "trend_unit": trend_unit,
        "trend": [
            (stats.long_period(period.start, trend_unit), period)
            for period in stats.roll_up(months, trend_unit)
        ],
        "triggers": stats.trigger_counts(episodes)[:REPORT_TRIGGERS],
        "remedies": remedies,
        "notes": stats.recent_notes(episodes, tz, limit=REPORT_NOTES),
    }


@login_required_warn_unsaved
@require_GET
def report(request):
    choice, data = _for_chosen_range(request, "report", report_data)
    context = {
        **data,
        "choice": choice,
        "range_label": describe_range(choice, data["totals"].first_day),
        "generated_at": timezone.localtime(),
        "timezone_name": str(timezone.get_current_timezone()),
    }
    return render(request, "journal/report.html", context, status=200 if choice.valid else 400)


# --- export -----------------------------------------------------------------------------


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@login_required_warn_unsaved
@require_GET
def export_csv(request):
    tz = timezone.get_current_timezone()
    response = StreamingHttpResponse(
        exports.csv_lines(request.user, tz), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, f"backcare-episodes-{timezone.localdate():%Y-%m-%d}.csv")


@never_cache
@login_required_warn_unsaved
@require_GET
def export_json(request):
    document = exports.export_document(request.user, timezone.get_current_timezone())
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    return _attachment(response, f"backcare-data-{timezone.localdate():%Y-%m-%d}.json")


# --- import -----------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Episodes file (.csv)",
        help_text="A CSV file exported from BackCare, or one with the same columns. Up to 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > exports.MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{exports.MAX_IMPORT_BYTES // 1024 // 1024} MB. Split it into smaller files."
            )
        return upload


def import_message(result: exports.ImportResult) -> str:
    return (
        f"Import finished: {result.imported} imported, {result.duplicates} already in your journal."
    )


COLUMN_HELP = [
    (
        "started_at",
        "When it started: ISO 8601 date and time, e.g. 2026-03-01T08:30:00+00:00. Required.",
    ),
    ("ended_at", "When it eased, in the same format; empty if still going."),
    ("severity", "Worst pain, a whole number from 0 to 10."),
    ("location", "lower, mid, upper or neck."),
    ("side", "left, right, both, centre, or empty."),
    (
        "triggers",
        "Triggers as slugs separated by ;, e.g. heavy-lifting-or-overuse;stress-or-anxiety.",
    ),
    ("red_flags", "Warning signs as slugs separated by ;, e.g. pain-stops-you-sleeping."),
    (
        "remedies",
        "Remedies tried as slug:effect separated by ;, effect -1 (worse), 0 (no change), "
        "1 (a little better) or 2 (much better), e.g. heat:2;light-walking:1.",
    ),
    ("notes", "Free text, up to 2,000 characters."),
]


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def import_episodes(request):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    result = None
    if form.is_bound and form.is_valid():
        result = exports.import_episodes_csv(
            user=request.user,
            raw=form.cleaned_data["file"].read(),
            tz=timezone.get_current_timezone(),
        )
        if result.ok:
            messages.success(request, import_message(result))
            return redirect("journal:episode_list")
    context = {
        "form": form,
        "result": result,
        "columns": COLUMN_HELP,
        "vocabularies": [
            ("Triggers", Trigger.objects.values_list("slug", "name")),
            ("Warning signs (red_flags)", RedFlag.objects.values_list("slug", "name")),
            ("Remedies", Remedy.objects.values_list("slug", "name")),
        ],
    }
    return render(
        request, "journal/import.html", context, status=400 if request.method == "POST" else 200
    )
