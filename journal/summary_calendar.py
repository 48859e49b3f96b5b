"""The calendar half of a journal's summary: days, months and counts over all of it.

`calendar_figures` works them out from the episodes when the summary is rebuilt
(journal.summaries); the history and the report of the whole journal read them back
(`whole_journal`) instead of grouping every episode again. Triggers and remedies are
kept by id and named when read, so a rename by staff or by the person shows at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Sum

from guidance.models import RedFlag, Remedy, Trigger

from . import summaries
from .aggregates import (
    LocationCount,
    RedFlagDay,
    RemedyEffect,
    VocabularyCount,
    ranked_remedies,
    ranked_triggers,
    with_reading_peaks,
)
from .bouts import Bout, EpisodeFacts
from .caching import JournalState, guidance_cached
from .local_days import LocalDate
from .models import (
    Episode,
    PersonalRemedy,
    PersonalRemedyUse,
    PersonalTrigger,
    RemedyUse,
)
from .periods import MONTH, DayRange, JournalDay, Period, roll_up
from .personal import OWN_PREFIX
from .summary_figures import daily_reading_peaks, usable_on

DAY_SEPARATOR, FIELD_SEPARATOR = ";", ","


def _period_row(period: Period) -> list:
    start, peak, episodes, days, total, first_day = period
    return [start.toordinal(), peak, episodes, days, total, first_day.toordinal()]


def _period(row: list) -> Period:
    start, peak, episodes, days, total, first_day = row
    day = datetime.date.fromordinal
    return Period(day(start), peak, episodes, days, total, day(first_day))


def calendar_figures(episodes: Sequence[EpisodeFacts]) -> dict:
    """Each day with an episode starting or a pain reading, the months, and the pain
    chart of the whole journal by the month."""
    started: dict[datetime.date, list[int]] = {}
    for episode in episodes:
        count, total, peak = started.get(episode.start_day, (0, 0, 0))
        started[episode.start_day] = [
            count + 1,
            total + episode.severity,
            max(peak, episode.severity),
        ]
    read = daily_reading_peaks(episodes)
    days = [
        JournalDay(day, peak, count, total) for day, (count, total, peak) in sorted(started.items())
    ]
    first = days[0].day if days else None
    pain_days = with_reading_peaks(
        days, {day: peak for day, peak in read.items() if first is not None and day >= first}
    )
    worst = max(pain_days, key=lambda d: (d.peak, d.day), default=None)
    return {
        # One string, so that reading the summary does not parse every day; the history
        # splits it only for a chart drawn by the day or the week.
        "days": DAY_SEPARATOR.join(
            FIELD_SEPARATOR.join(
                str(value) if value is not None else ""
                for value in (day.toordinal(), *started.get(day, (0, 0, None)), read.get(day))
            )
            for day in sorted(started.keys() | read.keys())
        ),
        "last_start": days[-1].day.toordinal() if days else None,
        "months": [_period_row(p) for p in roll_up(days, MONTH)],
        "pain_months": [_period_row(p) for p in roll_up(pain_days, MONTH)],
        "worst": [worst.day.toordinal(), worst.peak] if worst else None,
        "latest_reading": max(read, default=datetime.date.min).toordinal() if read else None,
    }


def counted_figures(user_id: int, tz: datetime.tzinfo) -> dict:
    """How often each trigger, remedy and part of the back came up in all the episodes."""

    def pairs(rows):
        return [list(row) for row in rows.order_by()]

    mine = {"episode__user_id": user_id}
    return {
        "triggers": pairs(
            Episode.triggers.through.objects.filter(**mine)
            .values("trigger_id")
            .annotate(n=Count("id"))
            .values_list("trigger_id", "n")
        ),
        "own_triggers": pairs(
            Episode.personal_triggers.through.objects.filter(**mine)
            .values("personaltrigger_id")
            .annotate(n=Count("id"))
            .values_list("personaltrigger_id", "n")
        ),
        "remedies": pairs(
            RemedyUse.objects.filter(**mine)
            .values("remedy_id")
            .annotate(total=Sum("effect"), tried=Count("id"))
            .values_list("remedy_id", "total", "tried")
        ),
        "own_remedies": pairs(
            PersonalRemedyUse.objects.filter(**mine)
            .values("remedy_id")
            .annotate(total=Sum("effect"), tried=Count("id"))
            .values_list("remedy_id", "total", "tried")
        ),
        # Each warning sign on each day an episode reporting it started: [day, id, times].
        "red_flag_days": [
            [day.toordinal(), pk, times]
            for day, pk, times in Episode.red_flags.through.objects.filter(**mine)
            .annotate(day=LocalDate("episode__started_at", tzinfo=tz))
            .order_by()
            .values("day", "redflag_id")
            .annotate(times=Count("id"))
            .values_list("day", "redflag_id", "times")
        ],
        "locations": pairs(
            Episode.objects.filter(user_id=user_id)
            .values("location")
            .annotate(n=Count("id"))
            .values_list("location", "n")
        ),
    }


def _own_names(entries, counts: list) -> dict[int, tuple[str, str]]:
    """{id: (own:Name, Name)} of the person's own entries counted."""
    if not counts:
        return {}
    rows = entries.filter(pk__in=[pk for pk, *_ in counts]).values_list("pk", "name")
    return {pk: (OWN_PREFIX + name, name) for pk, name in rows}


def _vocabulary(state: JournalState, model) -> dict[int, tuple[str, str]]:
    """{id: (slug, name)} of every trigger or remedy, kept until guidance changes."""
    return guidance_cached(
        state,
        f"names:{model._meta.label}",
        lambda: {
            pk: (slug, name) for pk, slug, name in model.objects.values_list("pk", "slug", "name")
        },
    )


@dataclass(frozen=True)
class WholeJournal:
    """The whole journal's figures as the history and the report use them."""

    calendar: dict
    courses: list
    state: JournalState  # each bout's pain, first day to last, from the daily worst readings

    def _days(self) -> list[tuple[int, int, int, int | None, int | None]]:
        """(day, episodes started, their total pain, their worst, the worst reading)."""
        rows = []
        for item in self.calendar["days"].split(DAY_SEPARATOR) if self.calendar["days"] else []:
            day, count, total, peak, read = item.split(FIELD_SEPARATOR)
            rows.append(
                (
                    int(day),
                    int(count),
                    int(total),
                    int(peak) if peak else None,
                    int(read) if read else None,
                )
            )
        return rows

    def started_days(self) -> list[JournalDay]:
        return [
            JournalDay(datetime.date.fromordinal(day), peak, count, total)
            for day, count, total, peak, _ in self._days()
            if count
        ]

    def reading_peaks(self, first: datetime.date, last: datetime.date) -> dict:
        low, high = first.toordinal(), last.toordinal()
        return {
            datetime.date.fromordinal(day): peak
            for day, _, _, _, peak in self._days()
            if peak is not None and low <= day <= high
        }

    @property
    def months(self) -> list[Period]:
        return [_period(row) for row in self.calendar["months"]]

    @property
    def pain_months(self) -> list[Period]:
        return [_period(row) for row in self.calendar["pain_months"]]

    @property
    def first_day(self) -> datetime.date | None:
        months = self.calendar["months"]
        return datetime.date.fromordinal(months[0][5]) if months else None

    @property
    def last_start(self) -> datetime.date | None:
        last = self.calendar["last_start"]
        return datetime.date.fromordinal(last) if last is not None else None

    @property
    def episode_count(self) -> int:
        return sum(row[2] for row in self.calendar["months"])

    def triggers(self, user) -> list[VocabularyCount]:
        reviewed = _vocabulary(self.state, Trigger)
        own = _own_names(PersonalTrigger.objects.for_user(user), self.calendar["own_triggers"])
        return ranked_triggers(
            [
                VocabularyCount(*names[pk], n)
                for names, counts in ((reviewed, "triggers"), (own, "own_triggers"))
                for pk, n in self.calendar[counts]
            ]
        )

    def remedies(self, user) -> list[RemedyEffect]:
        reviewed = _vocabulary(self.state, Remedy)
        own = _own_names(PersonalRemedy.objects.for_user(user), self.calendar["own_remedies"])
        return ranked_remedies(
            [
                RemedyEffect(*names[pk], total, tried)
                for names, counts in ((reviewed, "remedies"), (own, "own_remedies"))
                for pk, total, tried in self.calendar[counts]
            ]
        )

    def red_flag_days(self, limit: int) -> list[RedFlagDay]:
        """As `aggregates.red_flag_days`: the latest `limit` signs reported, oldest first."""
        reported = self.calendar["red_flag_days"]
        flags = RedFlag.objects.in_bulk({pk for _, pk, _ in reported}) if reported else {}
        latest = sorted(
            reported,
            key=lambda row: (row[0], flags[row[1]].order, flags[row[1]].name),
            reverse=True,
        )[:limit]
        return [
            RedFlagDay(
                datetime.date.fromordinal(day),
                flags[pk].slug,
                flags[pk].name,
                flags[pk].urgency,
                times,
            )
            for day, pk, times in latest
        ][::-1]

    def locations(self) -> list[LocationCount]:
        labels = dict(Episode.Location.choices)
        rows = [
            LocationCount(loc, labels.get(loc, loc), n) for loc, n in self.calendar["locations"]
        ]
        return sorted(rows, key=lambda row: (-row.episodes, row.location))


def whole_journal(
    user, day_range: DayRange, today: datetime.date, state: JournalState, bouts: list[Bout]
) -> WholeJournal | None:
    """The summary's figures for the range "all time" up to `today`, or None when the
    range is another or the summary does not fit the day or these `bouts` (the
    assessment's)."""
    if day_range.start is not None or day_range.end != today:
        return None
    row = summaries.summary_row(user, state)
    if row is None or row["timezone"] != state.timezone or not row["calendar"]:
        return None
    calendar, figures = row["calendar"], row["figures"]
    if not usable_on(figures, today):
        return None
    stored = figures["bouts"]
    # Each bout's course is read from its days: the same bouts, the same courses.
    spans = [(b["start"], None if b["ongoing"] else b["ended"]) for b in stored]
    found = [(b.start.toordinal(), None if b.ongoing else b.last_day.toordinal()) for b in bouts]
    if spans != found:
        return None
    return WholeJournal(
        calendar, [tuple(b["course"]) if b["course"] else None for b in stored], state
    )
