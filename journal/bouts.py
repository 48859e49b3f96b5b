"""Bouts: a person's episodes grouped into runs with no long symptom-free gap.

Pure functions over plain values (local calendar dates, no ORM, no clock), so the
grouping can be tested as a table with a fixed `today`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from guidance.levels import CareLevel


@dataclass(frozen=True)
class RedFlagReport:
    slug: str
    name: str
    urgency: str
    advice: str

    @property
    def level(self) -> CareLevel:
        return CareLevel(self.urgency)

    @property
    def label(self) -> str:
        """The sign with its urgency in words, as tables list it."""
        return f"{self.level.badge}: {self.name}"


@dataclass(frozen=True)
class EpisodeFacts:
    """An episode reduced to what the rules need, in the person's own calendar days."""

    start_day: datetime.date
    end_day: datetime.date | None  # None while the episode is still going
    severity: int
    red_flags: tuple[RedFlagReport, ...] = ()
    reported_day: datetime.date | None = None  # the day it was last saved
    # Its pain readings, oldest first: (day, severity). Without any, its worst pain on the
    # day it started stands in.
    readings: tuple[tuple[datetime.date, int], ...] = ()


@dataclass(frozen=True)
class Bout:
    start: datetime.date
    last_day: datetime.date
    ongoing: bool
    days: int
    peak_severity: int
    episode_count: int
    red_flags: tuple[RedFlagReport, ...]
    passed_threshold: bool
    # The bout's pain readings in the order they were taken: (day, severity). A bout read
    # back from a journal's summary holds only the first and the latest of them.
    pain_course: tuple[tuple[datetime.date, int], ...] = ()
    # Calendar days on which an episode's pain was at or above the severe level, from its
    # readings (severe_days_of).
    severe_days: int = 0


def _last_symptom_day(episode: EpisodeFacts, today: datetime.date) -> datetime.date:
    # An end typed in the future cannot have been lived yet; today is as far as it goes.
    if episode.end_day is None:
        return today
    return min(episode.end_day, today)


def unique_red_flags(episodes: Iterable[EpisodeFacts]) -> tuple[RedFlagReport, ...]:
    # The same sign ticked on several episodes of a bout is one thing to tell the person.
    seen: dict[str, RedFlagReport] = {}
    for episode in episodes:
        for flag in episode.red_flags:
            seen.setdefault(flag.slug, flag)
    return tuple(seen.values())


def _pain_course(episodes: list[EpisodeFacts], today: datetime.date) -> tuple:
    readings = [
        reading
        for episode in episodes
        for reading in (episode.readings or ((episode.start_day, episode.severity),))
        if reading[0] <= today
    ]
    # Stable: readings of one day keep the order they were taken in, episode by episode.
    return tuple(sorted(readings, key=lambda reading: reading[0]))


def _days(first: datetime.date, last: datetime.date) -> Iterable[datetime.date]:
    return (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))


def severe_days_of(
    episode: EpisodeFacts, today: datetime.date, severe_level: int
) -> set[datetime.date]:
    """The days of an episode on which its pain was severe (at or above `severe_level`).

    With readings, each day is judged by its own: a day with readings is severe when one
    of them is; a day without any carries the pain of the latest reading before it (the
    pain is taken to stay as it was last read until the next reading says otherwise).
    Days before the first reading, and readings after today, count for nothing. An
    episode without readings is severe on every day when its worst pain is.
    """
    last = _last_symptom_day(episode, today)
    if not episode.readings:
        if episode.severity < severe_level:
            return set()
        return set(_days(episode.start_day, last))
    worst_by_day: dict[datetime.date, int] = {}
    for day, severity in episode.readings:
        worst_by_day[day] = max(severity, worst_by_day.get(day, severity))
    latest_by_day: dict[datetime.date, int] = {}
    for day, severity in episode.readings:  # oldest first: the last one of a day wins
        latest_by_day[day] = severity
    severe: set[datetime.date] = set()
    carried: int | None = None
    for day in _days(episode.start_day, last):
        pain: int | None
        if day in worst_by_day:
            pain, carried = worst_by_day[day], latest_by_day[day]
        else:
            pain = carried
        if pain is not None and pain >= severe_level:
            severe.add(day)
    return severe


def _make_bout(
    episodes: list[EpisodeFacts],
    last_day: datetime.date,
    threshold_days: int,
    today: datetime.date,
    severe_level: int,
) -> Bout:
    start = episodes[0].start_day
    days = (last_day - start).days + 1
    severe_days: set[datetime.date] = set()
    for episode in episodes:
        severe_days |= severe_days_of(episode, today, severe_level)
    return Bout(
        start=start,
        last_day=last_day,
        ongoing=any(e.end_day is None for e in episodes),
        days=days,
        peak_severity=max(e.severity for e in episodes),
        episode_count=len(episodes),
        red_flags=unique_red_flags(episodes),
        passed_threshold=days > threshold_days,
        pain_course=_pain_course(episodes, today),
        severe_days=len(severe_days),
    )


def group_episodes(
    episodes: Iterable[EpisodeFacts], gap_days: int, today: datetime.date
) -> list[tuple[list[EpisodeFacts], datetime.date]]:
    """The episodes that started by `today`, in bouts, oldest first: (its episodes, its
    last symptom day).

    The gap is measured from the bout's latest symptom day, not from the previous
    episode's end, because an early long episode can outlast the short ones after it.
    `today` may be `datetime.date.max`: an episode still going then lasts for ever.
    """
    # A start after today is a typing slip or a clock problem, not a symptom yet. The sort
    # is stable, so episodes of one day keep the order they were given in (start time).
    past = sorted((e for e in episodes if e.start_day <= today), key=lambda e: e.start_day)
    groups: list[tuple[list[EpisodeFacts], datetime.date]] = []
    for episode in past:
        last_day = _last_symptom_day(episode, today)
        if groups and (episode.start_day - groups[-1][1]).days <= gap_days:
            members, bout_last_day = groups[-1]
            members.append(episode)
            groups[-1] = (members, max(bout_last_day, last_day))
        else:
            groups.append(([episode], last_day))
    return groups


def find_bouts(
    episodes: Iterable[EpisodeFacts],
    gap_days: int,
    today: datetime.date,
    threshold_days: int,
    severe_level: int = 11,
) -> list[Bout]:
    """Group episodes into bouts, oldest first (see `group_episodes`)."""
    return [
        _make_bout(members, last_day, threshold_days, today, severe_level)
        for members, last_day in group_episodes(episodes, gap_days, today)
    ]


def open_severe_days(
    episode: EpisodeFacts, severe_level: int
) -> tuple[set[datetime.date], datetime.date | None]:
    """An episode still going, split for `severe_days_of` on any later day: (the severe
    days up to its latest reading, the day from which every day is severe, or None).

    For a `today` on or after its start and its latest reading, `severe_days_of` gives
    the first set with every day from the second one up to `today` added.
    """
    if not episode.readings:
        return set(), episode.start_day if episode.severity >= severe_level else None
    last_read = max(day for day, _ in episode.readings)
    if last_read < episode.start_day:
        return set(), None  # no reading on or after its first day: nothing to carry
    fixed = severe_days_of(replace(episode, end_day=last_read), last_read, severe_level)
    latest = [severity for day, severity in episode.readings if day == last_read][-1]
    carried_from = last_read + datetime.timedelta(days=1) if latest >= severe_level else None
    return fixed, carried_from


def current_bout(bouts: list[Bout], gap_days: int, today: datetime.date) -> Bout | None:
    # Bouts are disjoint and sorted, so the latest one is the only candidate: a spasm
    # that stopped a day or two ago may come back into the same bout.
    if not bouts:
        return None
    latest = bouts[-1]
    if latest.ongoing or (today - latest.last_day).days <= gap_days:
        return latest
    return None
