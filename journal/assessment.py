"""The care assessment: a person's episodes compared with the clinic's rules.

`evaluate` and `find_bouts` are pure functions over plain values (local calendar dates,
no ORM, no clock) so every rule can be tested as a table with a fixed `today`. `assess`
is the thin ORM wrapper the views call; its query count does not grow with the journal.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.urls import NoReverseMatch
from django.utils import timezone

from guidance.models import Article, CareThresholds

from .caching import JournalState, cached, journal_state
from .local_days import LocalDate
from .models import Episode

# Lowest to highest; a level's index is its rank, and RedFlag urgencies use the same words.
LEVELS = ("clear", "watch", "see_doctor", "urgent", "emergency")
CLEAR, WATCH, SEE_DOCTOR, URGENT, EMERGENCY = LEVELS


def _rank(level: str) -> int:
    return LEVELS.index(level)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _default(name: str) -> int:
    # The defaults live on the model staff edit, and only there.
    return CareThresholds._meta.get_field(name).default


@dataclass(frozen=True)
class ThresholdValues:
    see_doctor_after_days: int = _default("see_doctor_after_days")
    symptom_free_gap_days: int = _default("symptom_free_gap_days")
    recurrence_bouts: int = _default("recurrence_bouts")
    recurrence_window_days: int = _default("recurrence_window_days")
    severe_pain_level: int = _default("severe_pain_level")

    @classmethod
    def from_model(cls, care_thresholds: CareThresholds) -> ThresholdValues:
        return cls(
            see_doctor_after_days=care_thresholds.see_doctor_after_days,
            symptom_free_gap_days=care_thresholds.symptom_free_gap_days,
            recurrence_bouts=care_thresholds.recurrence_bouts,
            recurrence_window_days=care_thresholds.recurrence_window_days,
            severe_pain_level=care_thresholds.severe_pain_level,
        )


@dataclass(frozen=True)
class RedFlagReport:
    slug: str
    name: str
    urgency: str
    advice: str


@dataclass(frozen=True)
class EpisodeFacts:
    """An episode reduced to what the rules need, in the person's own calendar days."""

    start_day: datetime.date
    end_day: datetime.date | None  # None while the episode is still going
    severity: int
    red_flags: tuple[RedFlagReport, ...] = ()


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


@dataclass(frozen=True)
class Reason:
    level: str
    text: str
    advice: str = ""
    article_url: str | None = None


@dataclass(frozen=True)
class Assessment:
    level: str
    bout_start: datetime.date | None
    bout_days: int | None
    days_left: int | None
    reasons: tuple[Reason, ...]
    current_bout: Bout | None
    threshold_days: int
    bouts: tuple[Bout, ...]

    @property
    def progress_percent(self) -> int:
        if not self.bout_days or self.threshold_days <= 0:
            return 0
        return min(100, round(self.bout_days * 100 / self.threshold_days))

    @property
    def red_flag_reasons(self) -> tuple[Reason, ...]:
        """The reasons that cannot wait for an appointment; shown apart, as alerts."""
        urgent = [r for r in self.reasons if _rank(r.level) >= _rank(URGENT)]
        return tuple(sorted(urgent, key=lambda r: _rank(r.level), reverse=True))


def _last_symptom_day(episode: EpisodeFacts, today: datetime.date) -> datetime.date:
    # An end typed in the future cannot have been lived yet; today is as far as it goes.
    if episode.end_day is None:
        return today
    return min(episode.end_day, today)


def _unique_red_flags(episodes: Iterable[EpisodeFacts]) -> tuple[RedFlagReport, ...]:
    # The same sign ticked on several episodes of a bout is one thing to tell the person.
    seen: dict[str, RedFlagReport] = {}
    for episode in episodes:
        for flag in episode.red_flags:
            seen.setdefault(flag.slug, flag)
    return tuple(seen.values())


def _make_bout(episodes: list[EpisodeFacts], last_day: datetime.date, threshold_days: int) -> Bout:
    start = episodes[0].start_day
    days = (last_day - start).days + 1
    return Bout(
        start=start,
        last_day=last_day,
        ongoing=any(e.end_day is None for e in episodes),
        days=days,
        peak_severity=max(e.severity for e in episodes),
        episode_count=len(episodes),
        red_flags=_unique_red_flags(episodes),
        passed_threshold=days > threshold_days,
    )


def find_bouts(
    episodes: Iterable[EpisodeFacts],
    gap_days: int,
    today: datetime.date,
    threshold_days: int,
) -> list[Bout]:
    """Group episodes into bouts, oldest first.

    The gap is measured from the bout's latest symptom day, not from the previous
    episode's end, because an early long episode can outlast the short ones after it.
    """
    # A start after today is a typing slip or a clock problem, not a symptom yet.
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
    return [_make_bout(members, last_day, threshold_days) for members, last_day in groups]


def _current_bout(bouts: list[Bout], gap_days: int, today: datetime.date) -> Bout | None:
    # Bouts are disjoint and sorted, so the latest one is the only candidate: a spasm
    # that stopped a day or two ago may come back into the same bout.
    if not bouts:
        return None
    latest = bouts[-1]
    if latest.ongoing or (today - latest.last_day).days <= gap_days:
        return latest
    return None


def _reasons(
    bouts: list[Bout],
    current: Bout | None,
    thresholds: ThresholdValues,
    today: datetime.date,
    article_url: str | None,
) -> list[Reason]:
    limit = thresholds.see_doctor_after_days
    reasons = []

    if current is not None:
        for flag in current.red_flags:
            reasons.append(Reason(flag.urgency, f"You reported: {flag.name}.", flag.advice))

        if current.days > limit:
            reasons.append(
                Reason(
                    SEE_DOCTOR,
                    f"Your current bout has lasted {_days(current.days)}, longer than {_days(limit)}.",
                    "A back spasm that lasts this long should be checked: book an appointment with a doctor.",
                )
            )
        else:
            reasons.append(
                Reason(
                    WATCH,
                    f"Your current bout is on day {current.days} of {limit}.",
                    f"If it lasts more than {_days(limit)}, book an appointment with a doctor.",
                )
            )

        if current.peak_severity >= thresholds.severe_pain_level:
            reasons.append(
                Reason(
                    SEE_DOCTOR,
                    f"Your pain reached {current.peak_severity} out of 10; "
                    f"{thresholds.severe_pain_level} or more is severe.",
                    "Pain this strong is worth a doctor's visit, however early in the bout.",
                )
            )

    window = thresholds.recurrence_window_days
    recent = sum(1 for bout in bouts if (today - bout.start).days < window)
    if recent >= thresholds.recurrence_bouts:
        reasons.append(
            Reason(
                SEE_DOCTOR,
                f"{recent} separate bouts started in the last {_days(window)}.",
                "Spasms that keep coming back despite self-care are worth discussing with a doctor.",
            )
        )

    # sorted() is stable, so within a level the order above (what the person reported
    # first) is kept.
    return [
        replace(reason, article_url=article_url)
        for reason in sorted(reasons, key=lambda r: _rank(r.level), reverse=True)
    ]


def evaluate(
    episodes: Iterable[EpisodeFacts],
    thresholds: ThresholdValues,
    today: datetime.date,
    article_url: str | None = None,
) -> Assessment:
    limit = thresholds.see_doctor_after_days
    bouts = find_bouts(episodes, thresholds.symptom_free_gap_days, today, limit)
    current = _current_bout(bouts, thresholds.symptom_free_gap_days, today)
    reasons = _reasons(bouts, current, thresholds, today, article_url)
    level = reasons[0].level if reasons else CLEAR
    return Assessment(
        level=level,
        bout_start=current.start if current else None,
        bout_days=current.days if current else None,
        days_left=max(0, limit - current.days) if current else None,
        reasons=tuple(reasons),
        current_bout=current,
        threshold_days=limit,
        bouts=tuple(bouts),
    )


def _zone(name: str) -> datetime.tzinfo:
    """The named zone, or UTC for a name the system no longer knows."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def _user_timezone(user) -> datetime.tzinfo:
    # getattr also covers a user without a profile row: Django's missing-related error
    # is an AttributeError.
    profile = getattr(user, "profile", None)
    # A zone dropped from the system's tz database must not take the dashboard down.
    return _zone(profile.timezone) if profile is not None else datetime.UTC


def _see_a_doctor_url() -> str | None:
    article = Article.objects.warning_signs_page()
    if article is None:
        return None
    try:
        return article.get_absolute_url()
    except NoReverseMatch:
        return None


def assess(
    user, today: datetime.date | None = None, state: JournalState | None = None
) -> Assessment:
    """The assessment for one person, in their own time zone.

    A fixed number of queries whatever the size of the journal: episodes and their red
    flags are read as plain values in one query each, never per episode. The result is
    cached until anything it rests on changes (journal.caching), so a dashboard reloaded
    with a long history costs one small query. Pass ``state`` when the caller has read it.
    """
    state = state or journal_state(user)
    if state is None:
        return _compute(user, today)
    tz = _zone(state.timezone)
    if today is None:
        today = timezone.localdate(timezone=tz)
    return cached(user, state, "assessment", (today,), lambda: _compute(user, today, tz))


def _compute(user, today: datetime.date | None, tz: datetime.tzinfo | None = None) -> Assessment:
    thresholds = ThresholdValues.from_model(CareThresholds.current())
    tz = tz or _user_timezone(user)
    if today is None:
        today = timezone.localdate(timezone=tz)

    episodes = Episode.objects.for_user(user)
    flags_by_episode: dict[int, list[RedFlagReport]] = {}
    # Filtering on the owned queryset keeps red flags behind the same ownership gate.
    flag_rows = (
        Episode.red_flags.through.objects.filter(episode__in=episodes)
        .order_by("redflag__order", "redflag__name")
        .values_list(
            "episode_id", "redflag__slug", "redflag__name", "redflag__urgency", "redflag__advice"
        )
    )
    for episode_id, slug, name, urgency, advice in flag_rows:
        flags_by_episode.setdefault(episode_id, []).append(
            RedFlagReport(slug=slug, name=name, urgency=urgency, advice=advice)
        )

    # The database works out each day in the person's zone (journal.local_days).
    rows = episodes.annotate(
        start_day=LocalDate("started_at", tzinfo=tz), end_day=LocalDate("ended_at", tzinfo=tz)
    ).values_list("id", "start_day", "end_day", "severity")
    facts = [
        EpisodeFacts(
            start_day=start_day,
            end_day=end_day,
            severity=severity,
            red_flags=tuple(flags_by_episode.get(episode_id, ())),
        )
        for episode_id, start_day, end_day, severity in rows
    ]
    return evaluate(facts, thresholds, today, article_url=_see_a_doctor_url())
