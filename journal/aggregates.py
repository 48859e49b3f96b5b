"""Database aggregates over one person's episodes for the history charts and the report.

Every function takes a queryset that is already scoped to one person (start from
`Episode.objects.for_user(user)`) and runs one grouped query in the database, so a page
costs the same number of queries whether the journal holds ten episodes or ten thousand.
Days and months are calendar periods in the time zone passed in (the person's own),
grouped by the database (`LocalDate`, `LocalMonth`); weeks, quarters and years are rolled
up from them (journal.periods).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, QuerySet, Sum, TextField, Value
from django.db.models.functions import Concat

from guidance.models import RedFlag

from .bouts import Bout
from .local_days import LocalDate, LocalMonth, as_date, plain_rows
from .models import Episode, PainReading, RemedyUse
from .periods import DayRange, JournalDay, Period
from .personal import OWN_PREFIX


def _midnight(day: datetime.date, tz: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def episodes_in_range(episodes: QuerySet, day_range: DayRange, tz: datetime.tzinfo) -> QuerySet:
    """The episodes that started on a day inside the range, in the person's calendar."""
    if day_range.start is not None:
        episodes = episodes.filter(started_at__gte=_midnight(day_range.start, tz))
    return episodes.filter(started_at__lt=_midnight(day_range.end + datetime.timedelta(days=1), tz))


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
        JournalDay(as_date(day), peak, count, total) for day, peak, count, total in plain_rows(rows)
    ]


def reading_peaks(
    episodes: QuerySet,
    first: datetime.date | None,
    last: datetime.date,
    tz: datetime.tzinfo,
) -> dict[datetime.date, int]:
    """The worst pain read on each day from `first` (None: from the beginning) to `last`,
    from the readings of `episodes` (already scoped to one person): how the pain went on
    each day of a bout, not only on the day an episode started."""
    readings = PainReading.objects.filter(
        episode__in=episodes,
        taken_at__lt=_midnight(last + datetime.timedelta(days=1), tz),
    )
    if first is not None:
        readings = readings.filter(taken_at__gte=_midnight(first, tz))
    rows = (
        readings.annotate(day=LocalDate("taken_at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(peak=Max("severity"))
        .values_list("day", "peak")
    )
    return {as_date(day): peak for day, peak in plain_rows(rows)}


def with_reading_peaks(days: list[JournalDay], peaks: dict[datetime.date, int]) -> list[JournalDay]:
    """Days to plot the worst pain on: each day with an episode starting or a reading, its
    peak the worst reading that day (episodes counted on the day they started)."""
    by_day = {d.day: d for d in days}
    merged = []
    for day in sorted(by_day.keys() | peaks.keys()):
        started = by_day.get(day)
        peak = peaks.get(day, started.peak if started else 0)
        if started:
            merged.append(started._replace(peak=peak))
        else:
            merged.append(JournalDay(day, peak, 0, 0))
    return merged


def pain_course(bout: Bout, peaks: dict[datetime.date, int]) -> tuple[int, int] | None:
    """The worst pain on the first and on the last day of a bout that has readings."""
    days = sorted(day for day in peaks if bout.start <= day <= bout.last_day)
    return (peaks[days[0]], peaks[days[-1]]) if days else None


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
    """How many episodes named each trigger, reviewed or the person's own, most common
    first (one query: the two counts are joined by UNION ALL)."""
    reviewed = (
        episodes.filter(triggers__isnull=False)
        .order_by()
        .values_list("triggers__slug", "triggers__name")
        .annotate(count=Count("id"))
    )
    own = (
        episodes.filter(personal_triggers__isnull=False)
        .order_by()
        .values_list(_own_slug("personal_triggers__name"), "personal_triggers__name")
        .annotate(count=Count("id"))
    )
    return ranked_triggers([VocabularyCount(*row) for row in reviewed.union(own, all=True)])


def ranked_triggers(triggers: list[VocabularyCount]) -> list[VocabularyCount]:
    """Most common first, then by name."""
    return sorted(triggers, key=lambda t: (-t.episodes, t.name.casefold(), t.slug))


def remedy_effects(episodes: QuerySet) -> list[RemedyEffect]:
    """Each remedy's average effect and how often it was tried, the reviewed ones and the
    person's own, most helpful first.

    Ranked by the average as shown (one decimal), then by the times tried, so a chart,
    its table and its summary sentence put the same remedy first.
    """
    reviewed = (
        episodes.filter(remedy_uses__isnull=False)
        .order_by()
        .values_list("remedy_uses__remedy__slug", "remedy_uses__remedy__name")
        .annotate(total=Sum("remedy_uses__effect"), tried=Count("remedy_uses"))
    )
    own = (
        episodes.filter(personal_remedy_uses__isnull=False)
        .order_by()
        .values_list(
            _own_slug("personal_remedy_uses__remedy__name"), "personal_remedy_uses__remedy__name"
        )
        .annotate(total=Sum("personal_remedy_uses__effect"), tried=Count("personal_remedy_uses"))
    )
    return ranked_remedies([RemedyEffect(*row) for row in reviewed.union(own, all=True)])


def ranked_remedies(remedies: list[RemedyEffect]) -> list[RemedyEffect]:
    """Most helpful first (by the average as shown), then the most tried."""
    return sorted(remedies, key=lambda r: (-r.average, -r.tried, r.name))


def _own_slug(name_field: str):
    """What stands for a person's own entry where a slug goes: own:Name (journal.personal)."""
    return Concat(Value(OWN_PREFIX), name_field, output_field=TextField())


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


def signed(value: Decimal | float) -> str:
    return f"{value:+.1f}".replace("-", "\N{MINUS SIGN}")
