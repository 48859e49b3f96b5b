"""Keeping "still going" true: which ongoing episodes need asking, and when one eased.

An episode left "still going" by mistake makes the day count run on for weeks. So an
episode with no word from the person for a day (no reading, no start) is asked about on
the dashboard ("Still going since Tue 08:14?"), and "it eased" offers quick choices for
when, so an episode that eased yesterday is not saved as lasting until today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, OuterRef, QuerySet, Subquery

from .models import PainReading

# An ongoing episode not heard of for longer than this is asked about.
CHECK_AFTER = datetime.timedelta(hours=24)
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def ongoing_episodes(episodes: QuerySet) -> list:
    """The ongoing episodes, newest first, each with its latest reading (`last_reading_at`,
    `last_severity`). One query, however many readings there are; what it returns
    changes only with the journal, so it can be kept under the journal's version."""
    latest = PainReading.objects.filter(episode=OuterRef("pk")).order_by("-taken_at", "-id")
    return list(
        episodes.ongoing()
        .annotate(
            last_reading_at=Max("readings__taken_at"),
            last_severity=Subquery(latest.values("severity")[:1]),
        )
        .order_by("-started_at")
    )


def with_checks(ongoing: list, now: datetime.datetime) -> list:
    """`ongoing_episodes` marked, as of `now`, with when each was last heard of
    (`last_heard`) and whether to ask if it is still going (`needs_check`)."""
    for episode in ongoing:
        heard = max(filter(None, (episode.started_at, episode.last_reading_at)))
        episode.last_heard = heard
        episode.needs_check = now - heard > CHECK_AFTER
    return ongoing


def ongoing_with_checks(episodes: QuerySet, now: datetime.datetime) -> list:
    """The ongoing episodes with their latest reading and whether to ask about them."""
    return with_checks(ongoing_episodes(episodes), now)


@dataclass(frozen=True)
class EaseChoice:
    key: str
    label: str
    value: str  # datetime-local in the person's zone; empty for "just now"


def _next_minute(moment: datetime.datetime) -> datetime.datetime:
    """The moment as a datetime-local input holds it (whole minutes), never earlier."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + datetime.timedelta(minutes=1)


def ease_choices(episode, last_reading_at, now_local: datetime.datetime) -> list[EaseChoice]:
    """The quick answers to "when did it ease?" that fit this episode.

    "Earlier today" and "yesterday" come with a time filled in (two hours ago; this time
    yesterday) that the person can change; neither is offered before the episode started
    or before its last reading.
    """
    tz = now_local.tzinfo
    floor = max(filter(None, (episode.started_at, last_reading_at))).astimezone(tz)
    today = now_local.date()
    choices = [EaseChoice("now", "Just now", "")]
    earlier = _next_minute(max(now_local - datetime.timedelta(hours=2), floor))
    if earlier.date() == today and earlier < now_local:
        choices.append(
            EaseChoice("today", "Earlier today", earlier.strftime(DATETIME_LOCAL_FORMAT))
        )
    yesterday = _next_minute(max(now_local - datetime.timedelta(days=1), floor))
    if yesterday.date() == today - datetime.timedelta(days=1):
        choices.append(
            EaseChoice("yesterday", "Yesterday", yesterday.strftime(DATETIME_LOCAL_FORMAT))
        )
    return choices
