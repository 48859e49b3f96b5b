"""A journal's bouts worked out once, as plain JSON values, and read back for any later day.

Pure functions, no ORM and no clock. `bout_figures` groups all of a person's episodes
into bouts as if no day had ended yet (an episode still going lasts for ever), and keeps
for each bout what the assessment needs in a form that does not depend on the day it is
read: the day an ongoing bout's severe pain is carried from, rather than a count of
days. `read_bouts` turns the figures back into the `Bout`s `find_bouts` gives for a
given `today`, provided `usable_on` says that day is not before anything recorded.

Days are stored as ordinals (`date.toordinal()`); warning signs by id, with the position
of the first episode that reported them, so staff renaming or reordering them changes
nothing stored.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterable, Sequence

from .bouts import (
    Bout,
    EpisodeFacts,
    RedFlagReport,
    group_episodes,
    open_severe_days,
    severe_days_of,
)

# What a figures document holds; a document written under another version is rebuilt.
FIGURES_VERSION = 1


def _ordinal(day: datetime.date | None) -> int | None:
    return day.toordinal() if day is not None else None


def _latest(days: Iterable[datetime.date | None]) -> int | None:
    return max((day.toordinal() for day in days if day is not None), default=None)


def daily_reading_peaks(episodes: Sequence[EpisodeFacts]) -> dict[datetime.date, int]:
    """The worst pain read on each day with a reading."""
    read: dict[datetime.date, int] = {}
    for episode in episodes:
        for day, severity in episode.readings:
            read[day] = max(severity, read.get(day, severity))
    return read


def _pain_course(members: list[EpisodeFacts]) -> list:
    course = sorted(
        (reading for e in members for reading in (e.readings or ((e.start_day, e.severity),))),
        key=lambda reading: reading[0],
    )
    (first_day, first), (last_day, last) = course[0], course[-1]
    return [first_day.toordinal(), first, last_day.toordinal(), last, len(course)]


def _course(
    members: list[EpisodeFacts], read: dict[datetime.date, int], read_days: list[datetime.date]
) -> list | None:
    """The worst reading (anyone's) on the bout's first and last days with one, as
    `aggregates.pain_course` reads it (`read_days`: the days of `read` in order)."""
    ends = [e.end_day for e in members]
    last = datetime.date.max if None in ends else max(day for day in ends if day is not None)
    low = bisect.bisect_left(read_days, members[0].start_day)
    high = bisect.bisect_right(read_days, last)
    return [read[read_days[low]], read[read_days[high - 1]]] if high > low else None


def _severe(members: list[EpisodeFacts], severe_level: int) -> list:
    """[severe days before any carried pain, the day carrying starts or None, how many of
    the first are on or after that day]."""
    fixed: set[datetime.date] = set()
    carried_from: datetime.date | None = None
    for episode in members:
        if episode.end_day is not None:
            fixed |= severe_days_of(episode, episode.end_day, severe_level)
            continue
        days, start = open_severe_days(episode, severe_level)
        fixed |= days
        if start is not None and (carried_from is None or start < carried_from):
            carried_from = start
    after = sum(1 for day in fixed if carried_from is not None and day >= carried_from)
    return [len(fixed), _ordinal(carried_from), after]


def bout_figures(
    episodes: Sequence[EpisodeFacts],
    red_flag_ids: Sequence[Sequence[int]],
    gap_days: int,
    severe_level: int,
) -> dict:
    """The figures of `episodes` (in the order they started; `red_flag_ids` alongside)."""
    position = {id(episode): n for n, episode in enumerate(episodes)}
    read = daily_reading_peaks(episodes)
    read_days = sorted(read)
    bouts = []
    for members, _ in group_episodes(episodes, gap_days, datetime.date.max):
        flags: dict[int, int] = {}
        for episode in members:
            for flag_id in red_flag_ids[position[id(episode)]]:
                flags.setdefault(flag_id, position[id(episode)])
        bouts.append(
            {
                "start": members[0].start_day.toordinal(),
                "ended": _latest(e.end_day for e in members),
                "ongoing": any(e.end_day is None for e in members),
                "peak": max(e.severity for e in members),
                "episodes": len(members),
                "red_flags": [[flag_id, rank] for flag_id, rank in flags.items()],
                "pain": _pain_course(members),
                "severe": _severe(members, severe_level),
                "course": _course(members, read, read_days),
            }
        )
    flagged = [(n, e, ids) for n, (e, ids) in enumerate(zip(episodes, red_flag_ids, strict=True))]
    flagged = [(n, e, ids) for n, e, ids in flagged if ids]
    reported = _latest(e.reported_day for _, e, _ in flagged)
    reported_flags: dict[int, int] = {}
    for n, episode, ids in flagged:
        if _ordinal(episode.reported_day) == reported:
            for flag_id in ids:
                reported_flags.setdefault(flag_id, n)
    return {
        "version": FIGURES_VERSION,
        "bouts": bouts,
        "reported_day": reported,
        "reported_flags": [[flag_id, rank] for flag_id, rank in reported_flags.items()],
        # A day before any of these is read the slow way: the figures assume nothing
        # recorded lies after the day they are read for.
        "latest": _latest(
            [e.start_day for e in episodes]
            + [e.end_day for e in episodes]
            + [day for e in episodes for day, _ in e.readings]
        ),
    }


def usable_on(figures: dict, today: datetime.date) -> bool:
    latest = figures.get("latest")
    return figures.get("version") == FIGURES_VERSION and (
        latest is None or latest <= today.toordinal()
    )


FlagLookup = Callable[[list], tuple[RedFlagReport, ...]]


def _day(ordinal: int) -> datetime.date:
    return datetime.date.fromordinal(ordinal)


def _severe_days(severe: list, today: datetime.date) -> int:
    fixed, carried_from, fixed_after = severe
    if carried_from is None:
        return fixed
    return fixed + max(0, today.toordinal() - carried_from + 1) - fixed_after


def read_bouts(
    figures: dict, today: datetime.date, threshold_days: int, flags: FlagLookup
) -> list[Bout]:
    """The bouts as `find_bouts` finds them on `today` (which `usable_on` allows), with
    `flags` turning [[id, rank], ...] into the warning signs in the order reported."""
    bouts = []
    for stored in figures["bouts"]:
        start = _day(stored["start"])
        last_day = today if stored["ongoing"] else _day(stored["ended"])
        days = (last_day - start).days + 1
        first_day, first, latest_day, latest, readings = stored["pain"]
        course: tuple[tuple[datetime.date, int], ...] = ((_day(first_day), first),)
        if readings > 1:
            course += ((_day(latest_day), latest),)
        bouts.append(
            Bout(
                start=start,
                last_day=last_day,
                ongoing=stored["ongoing"],
                days=days,
                peak_severity=stored["peak"],
                episode_count=stored["episodes"],
                red_flags=flags(stored["red_flags"]),
                passed_threshold=days > threshold_days,
                pain_course=course,
                severe_days=_severe_days(stored["severe"], today),
            )
        )
    return bouts


def reported_on(figures: dict, today: datetime.date, flags: FlagLookup) -> tuple:
    """The warning signs of the episodes last saved on `today`."""
    if figures["reported_day"] != today.toordinal():
        return ()
    return flags(figures["reported_flags"])
