"""Calendar periods: days, weeks, months, quarters and years, and how they are named.

Pure functions over dates: no database, no clock. A long range is charted by the week or
the month rather than the day (`chart_unit`): ten years of daily dots cannot be read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class DayRange:
    """Calendar days in the person's time zone, both ends included.

    `start` is None for "all time": no lower bound.
    """

    start: datetime.date | None
    end: datetime.date

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or day >= self.start) and day <= self.end

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        return (self.start is None or last >= self.start) and first <= self.end


class JournalDay(NamedTuple):
    """A calendar day on which at least one episode started: a row from the database."""

    day: datetime.date
    peak: int  # the worst pain of those episodes
    episodes: int
    severity_total: int

    # A day reads as a period of one day, for roll_up() and totals().
    @property
    def start(self) -> datetime.date:
        return self.day

    @property
    def first_day(self) -> datetime.date:
        return self.day

    @property
    def days(self) -> int:
        return 1


class Period(NamedTuple):
    """A day, week, month, quarter or year with at least one episode starting in it."""

    start: datetime.date
    peak: int
    episodes: int
    days: int  # days with an episode starting
    severity_total: int
    first_day: datetime.date  # the first of those days

    @property
    def average(self) -> float:
        return round(self.severity_total / self.episodes, 1)


DAY, WEEK, MONTH, QUARTER, YEAR = "day", "week", "month", "quarter", "year"
# Charts of up to about six months show every day; up to about three years, weeks.
DAILY_CHART_DAYS = 186
WEEKLY_CHART_DAYS = 3 * 366


def chart_unit(first: datetime.date, last: datetime.date) -> str:
    """The period a chart of these days plots, so that it stays readable."""
    days = (last - first).days + 1
    if days <= DAILY_CHART_DAYS:
        return DAY
    return WEEK if days <= WEEKLY_CHART_DAYS else MONTH


def trend_unit(first: datetime.date, last: datetime.date, most: int) -> str:
    """The shortest of month, quarter or year that covers these days in `most` rows."""
    for unit in (MONTH, QUARTER):
        if len(each_period(first, last, unit)) <= most:
            return unit
    return YEAR


def period_start(day: datetime.date, unit: str) -> datetime.date:
    if unit == DAY:
        return day
    if unit == WEEK:
        return day - datetime.timedelta(days=day.weekday())  # weeks start on Monday
    if unit == MONTH:
        return day.replace(day=1)
    if unit == QUARTER:
        return day.replace(month=day.month - (day.month - 1) % 3, day=1)
    if unit == YEAR:
        return day.replace(month=1, day=1)
    raise ValueError(f"Unknown period {unit!r}")


def _next_period(start: datetime.date, unit: str) -> datetime.date:
    if unit in (DAY, WEEK):
        return start + datetime.timedelta(days=1 if unit == DAY else 7)
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[unit]
    year, month = divmod(start.month - 1 + months, 12)
    return start.replace(year=start.year + year, month=month + 1)


def each_period(first: datetime.date, last: datetime.date, unit: str) -> list[datetime.date]:
    """The start of every period from the one holding `first` to the one holding `last`."""
    starts, start = [], period_start(first, unit)
    while start <= last:
        starts.append(start)
        start = _next_period(start, unit)
    return starts


def roll_up(periods: list[JournalDay] | list[Period], unit: str) -> list[Period]:
    """Days (or shorter periods), oldest first, gathered into longer periods; periods
    without any episodes are left out."""
    longer: list[Period] = []
    following = None  # the start of the period after the one being gathered
    for p in periods:
        if following is not None and p.start < following:
            last = longer[-1]
            longer[-1] = Period(
                last.start,
                max(last.peak, p.peak),
                last.episodes + p.episodes,
                last.days + p.days,
                last.severity_total + p.severity_total,
                last.first_day,
            )
        else:
            start = period_start(p.start, unit)
            following = _next_period(start, unit)
            longer.append(Period(start, p.peak, p.episodes, p.days, p.severity_total, p.first_day))
    return longer


# Spelt out here rather than through Django's date formatting, which costs more than the
# rest of the page when a table has hundreds of dates. BackCare is written in English.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: datetime.date) -> str:
    """12 March 2026"""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """12 Mar 2026"""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def long_period(start: datetime.date, unit: str) -> str:
    """How a period is named in a sentence or a table: 12 March 2026 (a day, or the
    Monday a week starts), March 2026, January to March 2026, 2026."""
    if unit in (DAY, WEEK):
        return long_date(start)
    if unit == MONTH:
        return f"{MONTH_NAMES[start.month - 1]} {start.year}"
    if unit == QUARTER:
        return f"{MONTH_NAMES[start.month - 1]} to {MONTH_NAMES[start.month + 1]} {start.year}"
    return str(start.year)


def short_period(start: datetime.date, unit: str) -> str:
    """How a period is named along a chart's axis: 12 Mar 2026, Mar 2026."""
    if unit in (DAY, WEEK):
        return short_date(start)
    if unit == MONTH:
        return f"{MONTH_NAMES[start.month - 1][:3]} {start.year}"
    return long_period(start, unit)
