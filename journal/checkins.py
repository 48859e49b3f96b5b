"""Check-ins: who is due one now, and which kind, each in their own time zone.

A person who turned check-ins on is due once their local clock has passed their check-in
time, while they are in a current bout, and when no check-in has been written for their
local date yet. Counting by local date, not by hours since the last one, is what keeps a
daylight-saving change from skipping a day or sending two.

Which kind, in this order: the heads-up two days before the see-a-doctor mark of an
ongoing bout; the one "still going?" reminder for an episode not heard of for over a day;
else the daily check-in.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Profile
from guidance.models import CareThresholds

from .assessment import assess
from .assessment_inputs import zone
from .bouts import Bout
from .models import CheckinSent, Episode
from .still_going import ongoing_with_checks

logger = logging.getLogger(__name__)

Kind = CheckinSent.Kind

# The heads-up goes on the day this many days before the bout passes the threshold:
# day 12 of 14.
HEADS_UP_DAYS_BEFORE = 2


def heads_up_day(threshold_days: int) -> int:
    return threshold_days - HEADS_UP_DAYS_BEFORE


def choose_kind(bout: Bout | None, threshold_days: int, unasked_episode: int | None) -> str | None:
    """The kind of today's check-in, or None outside a bout. ``unasked_episode`` is an
    ongoing episode not heard of for over a day and not reminded about yet."""
    if bout is None:
        return None
    if bout.ongoing and bout.days == heads_up_day(threshold_days):
        return Kind.HEADS_UP
    if unasked_episode is not None:
        return Kind.STILL_GOING
    return Kind.DAILY


def past_checkin_time(now_local: datetime.datetime, at: datetime.time) -> bool:
    """Whether the local clock has reached the check-in time today. On the day clocks go
    forward past it, the first time after the gap counts."""
    return now_local.time() >= at


def _unasked_episode(user, now: datetime.datetime) -> int | None:
    asked = CheckinSent.objects.filter(user=user, kind=Kind.STILL_GOING).values("episode_id")
    ongoing = ongoing_with_checks(Episode.objects.for_user(user).exclude(pk__in=asked), now)
    waiting = [episode for episode in ongoing if episode.needs_check]
    return waiting[0].pk if waiting else None


def due_checkin(profile: Profile, now: datetime.datetime) -> CheckinSent | None:
    """Today's check-in for this person if one is due now (not saved), else None."""
    now_local = now.astimezone(zone(profile.timezone))
    if not past_checkin_time(now_local, profile.checkin_time):
        return None
    today = now_local.date()
    if CheckinSent.objects.filter(user=profile.user, local_date=today).exists():
        return None
    assessment = assess(profile.user, today)
    unasked = _unasked_episode(profile.user, now)
    kind = choose_kind(assessment.current_bout, assessment.threshold_days, unasked)
    if kind is None:
        return None
    return CheckinSent(
        user=profile.user,
        kind=kind,
        local_date=today,
        episode_id=unasked if kind == Kind.STILL_GOING else None,
    )


def checkin_profiles(now: datetime.datetime):
    """Everyone who asked for check-ins by at least one way and may be in a bout: with an
    episode going on, or one that ended within the symptom-free gap (a day more covers
    any time zone). The assessment then says for sure; this keeps it from running for
    everyone else every few minutes."""
    gap = CareThresholds.current().symptom_free_gap_days + 1
    recent = Episode.objects.filter(user=OuterRef("user")).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=now - datetime.timedelta(days=gap))
    )
    return (
        Profile.objects.filter(checkins_on=True, user__is_active=True)
        .filter(Q(checkin_by_email=True) | Q(checkin_by_push=True))
        .filter(Exists(recent))
        .select_related("user")
        .order_by("pk")
    )


def enqueue_due_checkins(now: datetime.datetime | None = None) -> list[CheckinSent]:
    """Write a row for each check-in due now and queue its sending, in one transaction
    each: the unique row per person and local date is the claim, so a second run at
    the same time (or later the same day) queues nothing more."""
    from .tasks import send_checkin  # the task module sends; this one only decides

    now = now or timezone.now()
    queued = []
    for profile in checkin_profiles(now):
        checkin = due_checkin(profile, now)
        if checkin is None:
            continue
        try:
            with transaction.atomic():
                checkin.save()
                send_checkin.enqueue(checkin.pk)
        except IntegrityError:
            logger.info(
                "Check-in for user %s on %s already claimed.", profile.user_id, checkin.local_date
            )
            continue
        queued.append(checkin)
    return queued
