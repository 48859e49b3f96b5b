"""The care assessment: a person's episodes compared with the clinic's rules.

`evaluate` is a pure function over plain values (local calendar dates, no ORM, no
clock), with the bouts from `journal.bouts`, so every rule can be tested as a table with
a fixed `today`. `assess` is the thin wrapper the views call: it reads its inputs through
`journal.assessment_inputs` in a fixed number of queries, and caches the result.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from django.utils import timezone

from guidance.levels import CareLevel
from guidance.models import CareThresholds

from . import assessment_inputs as inputs
from . import summaries
from .assessment_inputs import RiskFactorReport
from .bouts import Bout, EpisodeFacts, RedFlagReport, current_bout, find_bouts, unique_red_flags
from .caching import JournalState, cached, guidance_cached, journal_state

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import Field

CLEAR, WATCH, SEE_DOCTOR = CareLevel.CLEAR, CareLevel.WATCH, CareLevel.SEE_DOCTOR
URGENT, EMERGENCY = CareLevel.URGENT, CareLevel.EMERGENCY
# On the 0-10 scale a rise of two points or more is a real change, not day-to-day noise.
CLEAR_RISE = 2


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _default(name: str) -> int:
    # The defaults live on the model staff edit, and only there.
    field = cast("Field[Any, Any]", CareThresholds._meta.get_field(name))  # a column
    return field.default


@dataclass(frozen=True)
class ThresholdValues:
    see_doctor_after_days: int = _default("see_doctor_after_days")
    symptom_free_gap_days: int = _default("symptom_free_gap_days")
    recurrence_bouts: int = _default("recurrence_bouts")
    recurrence_window_days: int = _default("recurrence_window_days")
    severe_pain_level: int = _default("severe_pain_level")
    severe_pain_days: int = _default("severe_pain_days")
    not_improving_after_days: int = _default("not_improving_after_days")

    @classmethod
    def from_model(cls, care_thresholds: CareThresholds) -> ThresholdValues:
        return cls(
            see_doctor_after_days=care_thresholds.see_doctor_after_days,
            symptom_free_gap_days=care_thresholds.symptom_free_gap_days,
            recurrence_bouts=care_thresholds.recurrence_bouts,
            recurrence_window_days=care_thresholds.recurrence_window_days,
            severe_pain_level=care_thresholds.severe_pain_level,
            severe_pain_days=care_thresholds.severe_pain_days,
            not_improving_after_days=care_thresholds.not_improving_after_days,
        )


@dataclass(frozen=True)
class Reason:
    level: CareLevel
    text: str
    advice: str = ""
    article_url: str | None = None
    red_flag: str = ""  # the warning sign's slug, for a reason that is one


@dataclass(frozen=True)
class Assessment:
    level: CareLevel
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
        urgent = [r for r in self.reasons if r.level.cannot_wait]
        return tuple(sorted(urgent, key=lambda r: r.level.rank, reverse=True))


def _reasons(
    bouts: list[Bout],
    current: Bout | None,
    thresholds: ThresholdValues,
    today: datetime.date,
    article_url: str | None,
    reported_today: tuple[RedFlagReport, ...] = (),
    risk_factors: tuple[RiskFactorReport, ...] = (),
) -> list[Reason]:
    limit = thresholds.see_doctor_after_days
    reasons = []

    if current is not None:
        for flag in current.red_flags:
            reasons.append(
                Reason(
                    CareLevel(flag.urgency),
                    f"You reported: {flag.name}.",
                    flag.advice,
                    red_flag=flag.slug,
                )
            )
    # A sign that cannot wait stays in view for the rest of the day it was reported, even
    # on an episode outside the current bout (logged late, or already over).
    shown = {flag.slug for flag in current.red_flags} if current else set()
    for flag in reported_today:
        if flag.slug not in shown and CareLevel(flag.urgency).cannot_wait:
            shown.add(flag.slug)
            reasons.append(
                Reason(
                    CareLevel(flag.urgency),
                    f"You reported today: {flag.name}.",
                    flag.advice,
                    red_flag=flag.slug,
                )
            )

    if current is not None:
        for factor in risk_factors:
            reasons.append(
                Reason(
                    CareLevel(factor.urgency),
                    f"You told us: {factor.name}.",
                    factor.advice,
                    factor.article_url,
                )
            )
        reasons.extend(_duration_reasons(current, limit))
        reasons.extend(_pain_reasons(current, thresholds))

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
        reason if reason.article_url else replace(reason, article_url=article_url)
        for reason in sorted(reasons, key=lambda r: r.level.rank, reverse=True)
    ]


def _duration_reasons(current: Bout, limit: int) -> list[Reason]:
    if current.days > limit:
        return [
            Reason(
                SEE_DOCTOR,
                f"Your current bout has lasted {_days(current.days)}, longer than {_days(limit)}.",
                "A back spasm that lasts this long should be checked: book an appointment with a doctor.",
            )
        ]
    return [
        Reason(
            WATCH,
            f"Your current bout is on day {current.days} of {limit}.",
            f"If it lasts more than {_days(limit)}, book an appointment with a doctor.",
        )
    ]


def _pain_reasons(current: Bout, thresholds: ThresholdValues) -> list[Reason]:
    """Pain getting worse, pain not improving, and severe pain that goes on."""
    reasons = []
    first, latest = current.pain_course[0][1], current.pain_course[-1][1]
    if latest - first >= CLEAR_RISE:
        reasons.append(
            Reason(
                SEE_DOCTOR,
                f"Your pain has gone up during this bout, from {first} to {latest} out of 10.",
                "Back pain that is getting worse should be checked: book an appointment with a doctor.",
            )
        )
    elif (
        # "No lower than at the start" needs a later measurement than the first; a lone
        # entry is what the still-going check asks about instead.
        len(current.pain_course) > 1
        and current.ongoing
        and current.days > thresholds.not_improving_after_days
        and latest >= first
    ):
        reasons.append(
            Reason(
                SEE_DOCTOR,
                f"After {_days(current.days)}, your pain ({latest} out of 10) is no lower "
                f"than at the start ({first} out of 10).",
                "Pain that is not improving with self-care should be checked: book an "
                "appointment with a doctor.",
            )
        )

    severe = thresholds.severe_pain_level
    allowed = thresholds.severe_pain_days
    if current.severe_days > allowed:
        reasons.append(
            Reason(
                SEE_DOCTOR,
                f"Your pain has been severe ({severe} out of 10 or more) on "
                f"{_days(current.severe_days)}.",
                f"Severe pain that lasts more than {_days(allowed)} should be checked: book "
                "an appointment with a doctor.",
            )
        )
    elif current.peak_severity >= severe:
        reasons.append(
            Reason(
                WATCH,
                f"Your pain reached {current.peak_severity} out of 10.",
                f"If it stays this severe for more than {_days(allowed)}, book an appointment "
                "with a doctor.",
            )
        )
    return reasons


def evaluate(
    episodes: Iterable[EpisodeFacts],
    thresholds: ThresholdValues,
    today: datetime.date,
    article_url: str | None = None,
    risk_factors: Iterable[RiskFactorReport] = (),
) -> Assessment:
    episodes = list(episodes)
    bouts = find_bouts(
        episodes,
        thresholds.symptom_free_gap_days,
        today,
        thresholds.see_doctor_after_days,
        thresholds.severe_pain_level,
    )
    reported_today = unique_red_flags(e for e in episodes if e.reported_day == today)
    return evaluate_bouts(bouts, reported_today, thresholds, today, article_url, risk_factors)


def evaluate_bouts(
    bouts: list[Bout],
    reported_today: tuple[RedFlagReport, ...],
    thresholds: ThresholdValues,
    today: datetime.date,
    article_url: str | None = None,
    risk_factors: Iterable[RiskFactorReport] = (),
) -> Assessment:
    """`evaluate` for bouts already found (`find_bouts`, or a journal's summary)."""
    limit = thresholds.see_doctor_after_days
    current = current_bout(bouts, thresholds.symptom_free_gap_days, today)
    reasons = _reasons(
        bouts, current, thresholds, today, article_url, reported_today, tuple(risk_factors)
    )
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


def assess(
    user: User, today: datetime.date | None = None, state: JournalState | None = None
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
    tz = inputs.zone(state.timezone)
    if today is None:
        today = timezone.localdate(timezone=tz)
    return cached(user, state, "assessment", (today,), lambda: _compute(user, today, tz, state))


def _compute(
    user: User,
    today: datetime.date | None,
    tz: datetime.tzinfo | None = None,
    state: JournalState | None = None,
) -> Assessment:
    if state is None:
        thresholds = ThresholdValues.from_model(CareThresholds.current())
        article_url = inputs.see_a_doctor_url()
    else:
        thresholds = guidance_cached(
            state, "thresholds", lambda: ThresholdValues.from_model(CareThresholds.current())
        )
        # Cached as a list: None would read as "not cached".
        article_url = guidance_cached(state, "see-a-doctor", lambda: [inputs.see_a_doctor_url()])[0]
    tz = tz or inputs.user_timezone(user)
    if today is None:
        today = timezone.localdate(timezone=tz)
    stored = None
    if state is not None:
        stored = summaries.stored_bouts(
            user,
            state,
            thresholds.symptom_free_gap_days,
            thresholds.severe_pain_level,
            thresholds.see_doctor_after_days,
            today,
        )
    if stored is not None and state is not None:
        bouts, reported_today, factor_ids = stored
        factors = guidance_cached(state, "risk-factors", inputs.active_risk_factors)
        return evaluate_bouts(
            bouts,
            reported_today,
            thresholds,
            today,
            article_url,
            [report for pk, report in factors.items() if pk in factor_ids],
        )
    return evaluate(
        inputs.episode_facts(user, tz),
        thresholds,
        today,
        article_url=article_url,
        risk_factors=inputs.risk_factors(user),
    )
