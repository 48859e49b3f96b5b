"""What the printable report for a doctor says about a range of the journal."""

from __future__ import annotations

from django.utils.text import Truncator

from . import aggregates, charts, periods, summary_calendar
from .assessment import assess
from .models import Episode

REPORT_NOTES = 8
NOTE_CHARACTERS = 280  # a longer note is cut, with an ellipsis
REPORT_TRIGGERS = 6
# A printed report stays short however long the range: the latest bouts and warning
# signs, and the pain trend in at most this many rows (months, else quarters, else years).
REPORT_BOUTS = 12
REPORT_RED_FLAGS = 20
REPORT_TREND_ROWS = 24


def report_data(user, day_range: periods.DayRange, tz, today, state=None) -> dict:
    """Everything the report shows about the journal (the page adds the range and the time)."""
    episodes = aggregates.episodes_in_range(Episode.objects.for_user(user), day_range, tz)
    assessment = assess(user, today=today, state=state)
    bouts = aggregates.bouts_in_range(list(assessment.bouts), day_range)
    listed = bouts[-REPORT_BOUTS:]
    whole = None
    if state is not None:
        whole = summary_calendar.whole_journal(user, day_range, today, state, bouts)
    if whole is not None:
        months = whole.months
        remedies = whole.remedies(user)
        triggers = whole.triggers(user)
        courses = whole.courses[-REPORT_BOUTS:] if listed else []
        red_flags = whole.red_flag_days(REPORT_RED_FLAGS + 1)
    else:
        months = aggregates.journal_months(episodes, tz)
        remedies = aggregates.remedy_effects(episodes)
        triggers = aggregates.trigger_counts(episodes)
        peaks = (
            aggregates.reading_peaks(Episode.objects.for_user(user), listed[0].start, today, tz)
            if listed
            else {}
        )
        courses = [aggregates.pain_course(b, peaks) for b in listed]
        red_flags = aggregates.red_flag_days(episodes, tz, limit=REPORT_RED_FLAGS + 1)
    totals = aggregates.totals(months)
    trend_unit = periods.MONTH
    if months:
        trend_unit = periods.trend_unit(months[0].start, months[-1].start, REPORT_TREND_ROWS)
    trend = [
        (periods.long_period(period.start, trend_unit), period)
        for period in periods.roll_up(months, trend_unit)
    ]
    notes = aggregates.recent_notes(episodes, tz, limit=REPORT_NOTES)
    return {
        "assessment": assessment,
        "level_headline": assessment.level.headline,
        "bouts": bouts,
        "bouts_listed": listed,
        # How the pain went in each bout listed, from its readings: "6 → 2 (eased)".
        "bouts_with_courses": [
            (b, charts.course_words(course)) for b, course in zip(listed, courses, strict=True)
        ],
        "bouts_cut": len(bouts) > REPORT_BOUTS,
        "longest_bout": max(bouts, key=lambda bout: bout.days, default=None),
        "bouts_over": sum(1 for bout in bouts if bout.passed_threshold),
        "threshold_days": assessment.threshold_days,
        "totals": totals,
        "red_flags": red_flags[-REPORT_RED_FLAGS:],
        "more_red_flags": len(red_flags) > REPORT_RED_FLAGS,
        "trend_unit": trend_unit,
        "trend": trend,
        # The tables' rows as (heading, cells), written out by the table_body_rows filter.
        "trend_rows": [
            (label, (period.episodes, f"{period.average}/10", f"{period.peak}/10"))
            for label, period in trend
        ],
        "triggers": triggers[:REPORT_TRIGGERS],
        "remedies": remedies,
        "remedy_rows": [
            (remedy.name, (remedy.tried, remedy.figure, remedy.words)) for remedy in remedies
        ],
        "notes": notes,
        "note_lines": [
            (periods.short_date(note.day), Truncator(note.notes).chars(NOTE_CHARACTERS))
            for note in notes
        ],
    }
