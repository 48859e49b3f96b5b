"""Aggregates for the history charts and the doctor's report.

Every function takes a queryset that is already scoped to one person (start from
`Episode.objects.for_user(user)`) and runs one grouped query in the database, so a page
costs the same number of queries whether the journal holds ten episodes or ten thousand.
Days and months are calendar periods in the time zone passed in (the person's own),
grouped by the database (`LocalDate`, `LocalMonth`); weeks, quarters and years are rolled
up here from at most one row per day or month.

A long range is charted by the week or the month rather than the day (`chart_unit`): ten
years of daily dots cannot be read, and the page would carry thousands of table rows.

The `*_summary` functions turn aggregates into the one-sentence text that goes above
each chart and stands in for it for anyone who cannot see the chart.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db import connections
from django.db.models import Count, F, Max, Min, QuerySet, Sum

from guidance.models import RedFlag

from .assessment import Bout
from .local_days import LocalDate, LocalMonth
from .models import Episode, RemedyUse

# --- ranges -----------------------------------------------------------------------------


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


def _midnight(day: datetime.date, tz: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def episodes_in_range(episodes: QuerySet, day_range: DayRange, tz: datetime.tzinfo) -> QuerySet:
    """The episodes that started on a day inside the range, in the person's calendar."""
    if day_range.start is not None:
        episodes = episodes.filter(started_at__gte=_midnight(day_range.start, tz))
    return episodes.filter(started_at__lt=_midnight(day_range.end + datetime.timedelta(days=1), tz))


# --- aggregates -------------------------------------------------------------------------


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


@dataclass(frozen=True)
class VocabularyCount:
    slug: str
    name: str
    episodes: int


@dataclass(frozen=True)
class RemedyEffect:
    """How well a remedy helped, from every time it was tried: each time is -1 (made it
    worse), 0, 1 or 2 (much better)."""

    slug: str
    name: str
    total: int  # the effects added up
    tried: int

    @property
    def average(self) -> Decimal:
        """The average effect to one decimal place, rounded once from the exact value.

        Every page shows this figure, so the history and the report always agree. Halves
        round away from zero (29/20 = 1.45 is 1.5), as people round by hand.
        """
        rounded = (Decimal(self.total) / self.tried).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return rounded if rounded else abs(rounded)  # never "-0.0"

    @property
    def figure(self) -> str:
        """The average as pages print it: +1.5, \N{MINUS SIGN}0.5."""
        return signed(self.average)

    @property
    def words(self) -> str:
        return effect_words(self.average)


@dataclass(frozen=True)
class LocationCount:
    location: str
    label: str
    episodes: int


@dataclass(frozen=True)
class RedFlagDay:
    day: datetime.date
    slug: str
    name: str
    urgency: str
    times: int

    @property
    def urgency_label(self) -> str:
        return RedFlag.Urgency(self.urgency).label


@dataclass(frozen=True)
class DatedNote:
    day: datetime.date
    notes: str


@dataclass(frozen=True)
class Totals:
    episodes: int
    days: int
    average: float | None
    peak: int | None
    first_day: datetime.date | None


def _as_date(value) -> datetime.date | None:
    # SQLite hands back a day as text, PostgreSQL as a date.
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _plain_rows(rows: QuerySet) -> list[tuple]:
    """The rows of a values_list() query as the database driver returns them.

    Django's per-value converters cost more than the query itself over a few thousand
    rows; callers convert the one or two values that need it.
    """
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def journal_days(episodes: QuerySet, tz: datetime.tzinfo) -> list[JournalDay]:
    """Each day with an episode starting on it, oldest first: the worst pain, how many
    episodes and their total pain."""
    rows = (
        episodes.annotate(day=LocalDate("started_at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(peak=Max("severity"), count=Count("id"), severity_total=Sum("severity"))
        .order_by("day")
        .values_list("day", "peak", "count", "severity_total")
    )
    return [
        JournalDay(_as_date(day), peak, count, total)
        for day, peak, count, total in _plain_rows(rows)
    ]


def journal_months(episodes: QuerySet, tz: datetime.tzinfo) -> list[Period]:
    """Each calendar month with an episode starting in it, oldest first: the worst and
    total pain, how many episodes, on how many days, and the first of those days."""
    rows = (
        episodes.annotate(month=LocalMonth("started_at", tzinfo=tz))
        .order_by()
        .values("month")
        .annotate(
            peak=Max("severity"),
            count=Count("id"),
            days=Count(LocalDate("started_at", tzinfo=tz), distinct=True),
            severity_total=Sum("severity"),
            first_day=LocalDate(Min("started_at"), tzinfo=tz),
        )
        .order_by("month")
        .values_list("month", "peak", "count", "days", "severity_total", "first_day")
    )
    return [Period(*row) for row in rows]


def totals(periods: list[JournalDay] | list[Period]) -> Totals:
    """Episodes, days with an episode starting, average and worst pain."""
    if not periods:
        return Totals(0, 0, None, None, None)
    episodes = sum(p.episodes for p in periods)
    return Totals(
        episodes,
        sum(p.days for p in periods),
        round(sum(p.severity_total for p in periods) / episodes, 1),
        max(p.peak for p in periods),
        periods[0].first_day,
    )


# The counts below join from the person's episodes rather than asking for rows whose
# episode is "in" them: SQLite then walks the episodes once instead of first building
# the list of their ids.


def trigger_counts(episodes: QuerySet) -> list[VocabularyCount]:
    """How many episodes named each trigger, most common first."""
    rows = (
        episodes.filter(triggers__isnull=False)
        .order_by()
        .values("triggers__slug", "triggers__name")
        .annotate(count=Count("id"))
        .order_by("-count", "triggers__name")
    )
    return [VocabularyCount(r["triggers__slug"], r["triggers__name"], r["count"]) for r in rows]


def remedy_effects(episodes: QuerySet) -> list[RemedyEffect]:
    """Each remedy's average effect and how often it was tried, most helpful first.

    Ranked by the average as shown (one decimal), then by the times tried, so a chart,
    its table and its summary sentence put the same remedy first.
    """
    rows = (
        episodes.filter(remedy_uses__isnull=False)
        .order_by()
        .values(slug=F("remedy_uses__remedy__slug"), name=F("remedy_uses__remedy__name"))
        .annotate(total=Sum("remedy_uses__effect"), tried=Count("remedy_uses"))
    )
    remedies = [RemedyEffect(r["slug"], r["name"], r["total"], r["tried"]) for r in rows]
    return sorted(remedies, key=lambda r: (-r.average, -r.tried, r.name))


def effect_words(average: Decimal | float) -> str:
    """An average effect in words: the nearest of the answers people give."""
    nearest = min(RemedyUse.Effect, key=lambda effect: abs(effect.value - average))
    return nearest.label


def location_counts(episodes: QuerySet) -> list[LocationCount]:
    """Episodes per part of the back, most common first."""
    labels = dict(Episode.Location.choices)
    rows = (
        episodes.order_by()
        .values("location")
        .annotate(count=Count("id"))
        .order_by("-count", "location")
    )
    return [
        LocationCount(r["location"], labels.get(r["location"], r["location"]), r["count"])
        for r in rows
    ]


def red_flag_days(
    episodes: QuerySet, tz: datetime.tzinfo, limit: int | None = None
) -> list[RedFlagDay]:
    """Each warning sign reported, with the day of the episode it was reported on, oldest
    first; with a `limit`, the latest `limit` of them."""
    rows = (
        episodes.filter(red_flags__isnull=False)
        .annotate(day=LocalDate("started_at", tzinfo=tz))
        .order_by()
        .values_list(
            "day",
            "red_flags__slug",
            "red_flags__name",
            "red_flags__urgency",
            "red_flags__order",
        )
        .annotate(times=Count("id"))
        .order_by("-day", "-red_flags__order", "-red_flags__name")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        RedFlagDay(day, slug, name, urgency, times) for day, slug, name, urgency, _, times in rows
    ][::-1]


def recent_notes(episodes: QuerySet, tz: datetime.tzinfo, limit: int = 8) -> list[DatedNote]:
    """The latest episodes' notes, newest first."""
    rows = (
        episodes.exclude(notes="")
        .annotate(day=LocalDate("started_at", tzinfo=tz))
        .order_by("-started_at", "-id")
        .values_list("day", "notes")[:limit]
    )
    return [DatedNote(day, notes) for day, notes in rows]


def bouts_in_range(bouts: list[Bout], day_range: DayRange) -> list[Bout]:
    return [bout for bout in bouts if day_range.overlaps(bout.start, bout.last_day)]


# --- days, weeks, months ----------------------------------------------------------------

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


# --- summaries --------------------------------------------------------------------------

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """Small numbers as words, the way they read in a sentence: 'two of your 5 bouts'."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


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


def signed(value: Decimal | float) -> str:
    return f"{value:+.1f}".replace("-", "\N{MINUS SIGN}")


def pain_summary(days: list[JournalDay], unit: str = DAY) -> str:
    if not days:
        return "You recorded no episodes in this range."
    worst = max(days, key=lambda d: (d.peak, d.day))  # the most recent of the worst days
    episodes = sum(d.episodes for d in days)
    summary = (
        f"Your worst day was {long_date(worst.day)} ({worst.peak}/10); "
        f"you recorded {plural(episodes, 'episode')} on {plural(len(days), 'day')}."
    )
    if unit != DAY:
        summary += f" The chart shows the worst pain of each {unit}."
    return summary


def bouts_summary(bouts: list[Bout], threshold_days: int) -> str:
    if not bouts:
        return "There were no bouts in this range."
    limit = plural(threshold_days, "day")
    longest = max(bout.days for bout in bouts)
    if len(bouts) == 1:
        verdict = "longer than" if bouts[0].passed_threshold else "within"
        so_far = " so far" if bouts[0].ongoing else ""
        return f"Your one bout lasted {plural(longest, 'day')}{so_far}, {verdict} the {threshold_days}-day threshold."
    past = sum(1 for bout in bouts if bout.passed_threshold)
    if past == 0:
        lead = f"None of your {len(bouts)} bouts"
    elif past == len(bouts):
        lead = f"All {len(bouts)} of your bouts"
    else:
        lead = f"{number_word(past).capitalize()} of your {len(bouts)} bouts"
    return f"{lead} lasted longer than {limit}; the longest lasted {plural(longest, 'day')}."


def frequency_summary(periods: list[Period], period_count: int, unit: str = WEEK) -> str:
    """How often episodes came: per week, or per month over a long range."""
    if not periods:
        return "You recorded no episodes in this range."
    total = sum(p.episodes for p in periods)
    busiest = max(periods, key=lambda p: (p.episodes, p.start))
    average = total / max(period_count, 1)
    which = (
        f"starting {long_date(busiest.start)}" if unit == WEEK else long_period(busiest.start, unit)
    )
    return (
        f"You averaged {average:.1f} episodes a {unit}; the busiest {unit}, "
        f"{which}, had {busiest.episodes}."
    )


def trigger_summary(triggers: list[VocabularyCount], episode_count: int) -> str:
    if not triggers:
        return "You did not note any triggers in this range."
    top = [t for t in triggers if t.episodes == triggers[0].episodes]
    of = f"{top[0].episodes} of {plural(episode_count, 'episode')}"
    if len(top) > 1:
        return (
            f"Your most common triggers were {and_list([t.name for t in top])}, each noted in {of}."
        )
    return f"Your most common trigger was {top[0].name}, noted in {of}."


def _effect_over_tries(remedy: RemedyEffect) -> str:
    if remedy.tried == 1:
        return f"{remedy.figure} the one time you tried it"
    return f"on average {remedy.figure} over {plural(remedy.tried, 'try', 'tries')}"


def remedy_summary(remedies: list[RemedyEffect]) -> str:
    """Names the remedy the chart and table put first (`remedy_effects` ranks them).

    A remedy tried once that happened to help is weaker evidence than one tried often, so
    the sentence says when the first was tried only once, and which of those tried more
    than once helped most.
    """
    if not remedies:
        return "You did not record any remedies in this range."
    best = remedies[0]
    if best.average <= 0:
        return (
            "None of the remedies you tried helped on average; "
            f"the best was {best.name} ({_effect_over_tries(best)})."
        )
    summary = (
        f"{best.name} helped most: {_effect_over_tries(best)}, "
        "on a scale from \N{MINUS SIGN}1 (made it worse) to +2 (much better)."
    )
    if best.tried == 1:
        tried_again = next((r for r in remedies if r.tried > 1 and r.average > 0), None)
        if tried_again:
            summary += (
                f" Of the remedies you tried more than once, {tried_again.name} helped most "
                f"({_effect_over_tries(tried_again)})."
            )
        else:
            summary += " One try is little to go on."
    return summary


def location_summary(locations: list[LocationCount], episode_count: int) -> str:
    if not locations:
        return "You recorded no episodes in this range."
    top = [loc for loc in locations if loc.episodes == locations[0].episodes]
    where = and_list([loc.label.lower() for loc in top])
    if episode_count == 1:
        return f"Your one episode was in the {where}."
    if len(locations) == 1:
        return f"All {episode_count} episodes were in the {where}."
    if len(top) > 1:
        return f"The {where} came up equally often: {top[0].episodes} of {episode_count} episodes each."
    return f"The {where} came up most often: {top[0].episodes} of {episode_count} episodes."
