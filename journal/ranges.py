"""The range of days the history and the report look at: presets, or the person's own dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils import timezone

from . import periods
from .plausible import EARLIEST_DAY, LATEST_DAY

PRESETS = {"30": 30, "90": 90, "365": 365, "all": None}
PRESET_LABELS = {"30": "30 days", "90": "90 days", "365": "A year", "all": "All"}
PRESET_TITLES = {"30": "Past 30 days", "90": "Past 90 days", "365": "Past year"}
DEFAULT_PRESET = "90"
CUSTOM = "custom"
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
            raise forms.ValidationError(
                f"Choose a date between {EARLIEST_DAY.year} and {LATEST_DAY.year}."
            )
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

    def day_range(self, today: datetime.date) -> periods.DayRange:
        if self.preset == CUSTOM:
            return periods.DayRange(self.cleaned_data["start"], self.cleaned_data["end"] or today)
        return preset_range(self.preset, today)

    def query(self) -> str:
        """The range as a query string, to carry it over to the report and back."""
        if self.preset == CUSTOM:
            params = {"start": self.cleaned_data["start"].isoformat()}
            if self.cleaned_data["end"]:
                params["end"] = self.cleaned_data["end"].isoformat()
            return urlencode(params)
        return urlencode({"range": self.preset})


def preset_range(key: str, today: datetime.date) -> periods.DayRange:
    days = PRESETS[key]
    if days is None:
        return periods.DayRange(None, today)
    return periods.DayRange(today - datetime.timedelta(days=days - 1), today)


@dataclass
class RangeChoice:
    """What the range controls show: the chosen range, or the default after bad input."""

    form: HistoryRangeForm
    preset: str
    day_range: periods.DayRange
    query: str
    valid: bool
    presets: list[dict] = field(default_factory=list)


def choose_range(params, today: datetime.date) -> RangeChoice:
    """The range asked for in ``params`` (a request's GET, or a share link's range)."""
    form = HistoryRangeForm(params)
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
    return describe_days(choice.day_range, first_day, PRESET_TITLES.get(choice.preset))


def describe_days(
    day_range: periods.DayRange, first_day: datetime.date | None, title: str | None = None
) -> str:
    """The range in words ("Past 30 days: 9 February 2026 to 10 March 2026"); the dates
    alone without a title."""
    end = periods.long_date(day_range.end)
    if day_range.start is None:
        if first_day is None:
            return "All time"
        return f"All time: {periods.long_date(first_day)} to {end}"
    start = periods.long_date(day_range.start)
    if title:
        return f"{title}: {start} to {end}"
    return f"{start} to {end}"
