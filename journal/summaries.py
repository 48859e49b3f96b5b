"""Each person's journal summary: rebuilt with every change to the journal, read by the
assessment instead of every episode.

`journal_changed` is what every write calls inside its transaction (journal.services,
the time zone and "About you" settings): it gives the journal a new version for the
caches (journal.caching) and rebuilds the summary from the episodes, so a reader sees the
old episodes with the old summary or the new ones with the new. A summary that does not
fit the moment it is read (counted in another time zone, under other thresholds, or on a
day before something recorded) is not used: the assessment then reads the episodes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef

from accounts.models import Profile
from guidance.models import CareThresholds, RedFlag

from . import caching, csv_lines, summary_calendar, summary_figures
from .assessment_inputs import episode_facts_and_flag_ids, zone
from .bouts import Bout, RedFlagReport
from .models import JournalSummary


def journal_changed(*user_ids: int, episodes: Iterable[int] | None = None) -> None:
    """Give these people's journals a new version and rebuild their summaries.

    Call it inside the transaction that changes the episodes (or the time zone). The
    stored CSV lines of `episodes` (ids: those whose row changed or that are new) are
    written again now, for one person; with None (the default) every stored line of
    these people is deleted, to be written by their next export.
    """
    caching.journal_changed(*user_ids)
    if episodes is not None and len(user_ids) == 1:
        csv_lines.write_ahead(user_ids[0], list(episodes))
    else:
        csv_lines.forget(user_ids, episodes)
    for user_id in user_ids:
        rebuild(user_id)


def rebuild(user_id: int) -> None:
    """Work the person's summary out again from all of their episodes."""
    values = summary_values(user_id)
    if values is None:
        JournalSummary.objects.filter(user_id=user_id).delete()
        return
    JournalSummary.objects.update_or_create(user_id=user_id, defaults=values)


def summary_values(user_id: int) -> dict | None:
    """The fields of the person's summary, worked out from scratch (None: no profile)."""
    zone_name = Profile.objects.filter(user_id=user_id).values_list("timezone", flat=True).first()
    if zone_name is None:
        return None
    thresholds = CareThresholds.current()
    gap, severe = thresholds.symptom_free_gap_days, thresholds.severe_pain_level
    tz = zone(zone_name)
    facts, flag_ids = episode_facts_and_flag_ids(get_user_model()(pk=user_id), tz)
    return {
        "timezone": zone_name,
        "symptom_free_gap_days": gap,
        "severe_pain_level": severe,
        "figures": {
            **summary_figures.bout_figures(facts, flag_ids, gap, severe),
            # What the person said yes to on "About you" (saving it rebuilds this).
            "risk_factors": list(
                Profile.risk_factors.through.objects.filter(profile__user_id=user_id)
                .order_by("riskfactor_id")
                .values_list("riskfactor_id", flat=True)
            ),
        },
        "calendar": {
            **summary_calendar.calendar_figures(facts),
            **summary_calendar.counted_figures(user_id, tz),
        },
    }


def unfit_user_ids() -> list[int]:
    """Whose summary is missing or no longer fits: counted in another time zone, or under
    other thresholds (staff changed them), or from before summaries existed."""
    thresholds = CareThresholds.current()
    fitting = JournalSummary.objects.filter(
        user_id=OuterRef("user_id"),
        timezone=OuterRef("timezone"),
        symptom_free_gap_days=thresholds.symptom_free_gap_days,
        severe_pain_level=thresholds.severe_pain_level,
    )
    return list(
        Profile.objects.exclude(Exists(fitting))
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def rebuild_all(everyone: bool = False) -> int:
    """Rebuild the summaries that do not fit (after an upgrade, or a change to the
    thresholds), or with ``everyone`` all of them; how many were rebuilt."""
    if everyone:
        user_ids = list(Profile.objects.order_by("user_id").values_list("user_id", flat=True))
    else:
        user_ids = unfit_user_ids()
    for user_id in user_ids:
        with transaction.atomic():
            journal_changed(user_id)  # a new version too: nothing read before is reused
    return len(user_ids)


def _flag_lookup(figures: dict):
    ids = {flag_id for bout in figures["bouts"] for flag_id, _ in bout["red_flags"]}
    ids |= {flag_id for flag_id, _ in figures["reported_flags"]}
    flags = RedFlag.objects.in_bulk(ids) if ids else {}

    def reports(pairs: list) -> tuple[RedFlagReport, ...]:
        # In the order the episodes reported them; one episode's in the admin's order.
        ranked = sorted(
            (rank, flags[flag_id].order, flags[flag_id].name, flag_id, flags[flag_id])
            for flag_id, rank in pairs
        )
        return tuple(
            RedFlagReport(slug=flag.slug, name=flag.name, urgency=flag.urgency, advice=flag.advice)
            for *_, flag in ranked
        )

    return reports


def summary_row(user, state: caching.JournalState) -> dict | None:
    """The person's summary as stored, read once for each version of their journal."""

    def read() -> list:
        rows = JournalSummary.objects.filter(user_id=user.pk).values(
            "timezone", "symptom_free_gap_days", "severe_pain_level", "figures", "calendar"
        )
        return list(rows[:1])  # a list, so that "no summary" is cached too

    rows = caching.cached(user, state, "summary", (), read)
    return rows[0] if rows else None


def stored_bouts(
    user,
    state: caching.JournalState,
    gap_days: int,
    severe_level: int,
    threshold_days: int,
    today: datetime.date,
) -> tuple[list[Bout], tuple[RedFlagReport, ...], list[int]] | None:
    """(the bouts, the warning signs reported today, the ids of the risk factors the
    person said yes to) from the summary, or None where the summary does not fit."""
    row = summary_row(user, state)
    if row is None or (
        row["timezone"],
        row["symptom_free_gap_days"],
        row["severe_pain_level"],
    ) != (state.timezone, gap_days, severe_level):
        return None
    figures = row["figures"]
    if not summary_figures.usable_on(figures, today):
        return None
    flags = _flag_lookup(figures)
    bouts = summary_figures.read_bouts(figures, today, threshold_days, flags)
    return bouts, summary_figures.reported_on(figures, today, flags), figures["risk_factors"]
