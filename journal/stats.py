"""Aggregates for the history charts and the doctor's report.

Every function takes a queryset that is already scoped to one person (start from
`Episode.objects.for_user(user)`) and runs one grouped query in the database, so a page
costs the same number of queries whether the journal holds ten episodes or ten thousand.
Days, weeks and months are calendar periods in the time zone passed in (the person's
own), truncated by the database.

The `*_summary` functions turn aggregates into the one-sentence text that goes above
each chart and stands in for it for anyone who cannot see the chart.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Min, QuerySet
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils import dateformat, timezone

from guidance.models import CareThresholds, RedFlag

from .assessment import Bout, EpisodeFacts, ThresholdValues, find_bouts
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


@dataclass(frozen=True)
class DailyPeak:
    day: datetime.date
    peak: int
    episodes: int


@dataclass(frozen=True)
class PeriodCount:
    start: datetime.date
    episodes: int


@dataclass(frozen=True)
class VocabularyCount:
    slug: str
    name: str
    episodes: int


@dataclass(frozen=True)
class RemedyEffect:
    slug: str
    name: str
    average: float  # -1 (made it worse) to 2 (much better)
    tried: int


@dataclass(frozen=True)
class LocationCount:
    location: str
    label: str
    episodes: int


@dataclass(frozen=True)
class MonthSeverity:
    month: datetime.date  # the first of the month
    episodes: int
    average: float
    peak: int


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


def _as_date(value) -> datetime.date:
    # Trunc to a week or month gives an aware datetime already in the time zone asked for.
    return value.date() if isinstance(value, datetime.datetime) else value


def daily_peaks(episodes: QuerySet, tz: datetime.tzinfo) -> list[DailyPeak]:
    """For each day with an episode starting on it: the worst pain and how many episodes."""
    rows = (
        episodes.annotate(day=TruncDate("started_at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(peak=Max("severity"), count=Count("id"))
        .order_by("day")
    )
    return [DailyPeak(row["day"], row["peak"], row["count"]) for row in rows]


def weekly_counts(episodes: QuerySet, tz: datetime.tzinfo) -> list[PeriodCount]:
    """Episodes per week (weeks start on Monday), only the weeks that had any."""
    rows = (
        episodes.annotate(week=TruncWeek("started_at", tzinfo=tz))
        .order_by()
        .values("week")
        .annotate(count=Count("id"))
        .order_by("week")
    )
    return [PeriodCount(_as_date(row["week"]), row["count"]) for row in rows]


def trigger_counts(episodes: QuerySet) -> list[VocabularyCount]:
    """How many episodes named each trigger, most common first."""
    rows = (
        Episode.triggers.through.objects.filter(episode__in=episodes)
        .order_by()
        .values("trigger__slug", "trigger__name")
        .annotate(count=Count("id"))
        .order_by("-count", "trigger__name")
    )
    return [VocabularyCount(r["trigger__slug"], r["trigger__name"], r["count"]) for r in rows]


def remedy_effects(episodes: QuerySet) -> list[RemedyEffect]:
    """Each remedy's average effect and how often it was tried, most helpful first."""
    rows = (
        RemedyUse.objects.filter(episode__in=episodes)
        .order_by()
        .values("remedy__slug", "remedy__name")
        .annotate(average=Avg("effect"), tried=Count("id"))
        .order_by("-average", "-tried", "remedy__name")
    )
    return [
        RemedyEffect(
            r["remedy__slug"], r["remedy__name"], round(float(r["average"]), 2), r["tried"]
        )
        for r in rows
    ]


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


def monthly_severity(episodes: QuerySet, tz: datetime.tzinfo) -> list[MonthSeverity]:
    """Average and peak pain per calendar month, oldest first."""
    rows = (
        episodes.annotate(month=TruncMonth("started_at", tzinfo=tz))
        .order_by()
        .values("month")
        .annotate(count=Count("id"), average=Avg("severity"), peak=Max("severity"))
        .order_by("month")
    )
    return [
        MonthSeverity(_as_date(r["month"]), r["count"], round(float(r["average"]), 1), r["peak"])
        for r in rows
    ]


def red_flag_days(episodes: QuerySet, tz: datetime.tzinfo) -> list[RedFlagDay]:
    """Each warning sign reported, with the day of the episode it was reported on."""
    rows = (
        Episode.red_flags.through.objects.filter(episode__in=episodes)
        .annotate(day=TruncDate("episode__started_at", tzinfo=tz))
        .order_by()
        .values("day", "redflag__slug", "redflag__name", "redflag__urgency", "redflag__order")
        .annotate(times=Count("id"))
        .order_by("day", "redflag__order", "redflag__name")
    )
    return [
        RedFlagDay(
            r["day"], r["redflag__slug"], r["redflag__name"], r["redflag__urgency"], r["times"]
        )
        for r in rows
    ]


def recent_notes(episodes: QuerySet, tz: datetime.tzinfo, limit: int = 8) -> list[DatedNote]:
    """The latest episodes' notes, newest first."""
    rows = (
        episodes.exclude(notes="")
        .annotate(day=TruncDate("started_at", tzinfo=tz))
        .order_by("-started_at", "-id")
        .values_list("day", "notes")[:limit]
    )
    return [DatedNote(day, notes) for day, notes in rows]


def totals(episodes: QuerySet, tz: datetime.tzinfo) -> Totals:
    """Episodes, distinct days with an episode starting, average and peak pain."""
    row = episodes.order_by().aggregate(
        episodes=Count("id"),
        days=Count(TruncDate("started_at", tzinfo=tz), distinct=True),
        average=Avg("severity"),
        peak=Max("severity"),
        first=Min("started_at"),
    )
    average = round(float(row["average"]), 1) if row["average"] is not None else None
    first_day = timezone.localtime(row["first"], tz).date() if row["first"] else None
    return Totals(row["episodes"], row["days"], average, row["peak"], first_day)


def thresholds() -> ThresholdValues:
    return ThresholdValues.from_model(CareThresholds.current())


def all_bouts(
    episodes: QuerySet, tz: datetime.tzinfo, today: datetime.date, limits: ThresholdValues
) -> list[Bout]:
    """Every bout in the person's journal, oldest first, from one query.

    Pass all of the person's episodes, not only a range: a bout that began before the
    range still counts its full length.
    """
    rows = (
        episodes.annotate(
            start_day=TruncDate("started_at", tzinfo=tz),
            end_day=TruncDate("ended_at", tzinfo=tz),
        )
        .order_by()
        .values_list("start_day", "end_day", "severity")
    )
    facts = [EpisodeFacts(start, end, severity) for start, end, severity in rows]
    return find_bouts(facts, limits.symptom_free_gap_days, today, limits.see_doctor_after_days)


def bouts_in_range(bouts: list[Bout], day_range: DayRange) -> list[Bout]:
    return [bout for bout in bouts if day_range.overlaps(bout.start, bout.last_day)]


# --- filling the gaps ---------------------------------------------------------------


def each_day(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def each_week(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return each_day(week_start(first), week_start(last))[::7]


# --- summaries --------------------------------------------------------------------------

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """Small numbers as words, the way they read in a sentence: 'two of your 5 bouts'."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def long_date(day: datetime.date) -> str:
    return dateformat.format(day, "j F Y")


def short_date(day: datetime.date) -> str:
    return dateformat.format(day, "j M Y")


def signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "\N{MINUS SIGN}")


def pain_summary(days: list[DailyPeak]) -> str:
    if not days:
        return "You recorded no episodes in this range."
    worst = max(days, key=lambda d: (d.peak, d.day))  # the most recent of the worst days
    episodes = sum(d.episodes for d in days)
    return (
        f"Your worst day was {long_date(worst.day)} ({worst.peak}/10); "
        f"you recorded {plural(episodes, 'episode')} on {plural(len(days), 'day')}."
    )


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


def weekly_summary(weeks: list[PeriodCount], week_count: int) -> str:
    if not weeks:
        return "You recorded no episodes in this range."
    total = sum(w.episodes for w in weeks)
    busiest = max(weeks, key=lambda w: (w.episodes, w.start))
    average = total / max(week_count, 1)
    return (
        f"You averaged {average:.1f} episodes a week; the busiest week, "
        f"starting {long_date(busiest.start)}, had {busiest.episodes}."
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


def remedy_summary(remedies: list[RemedyEffect]) -> str:
    if not remedies:
        return "You did not record any remedies in this range."
    # A remedy tried once that happened to help is weaker evidence than one tried often.
    best = next((r for r in remedies if r.tried > 1), remedies[0])
    tries = plural(best.tried, "try", "tries")
    if best.average <= 0:
        return (
            f"None of the remedies you tried helped on average; the best was {best.name} "
            f"({signed(best.average)} over {tries})."
        )
    return (
        f"{best.name} helped most: on average {signed(best.average)} over {tries}, "
        "on a scale from \N{MINUS SIGN}1 (made it worse) to +2 (much better)."
    )


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
