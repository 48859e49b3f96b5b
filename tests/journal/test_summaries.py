"""The journal summary: how severe days split for an episode still going, when a summary
is not used, and the command that builds summaries for journals written before them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from guidance.models import CareThresholds
from journal.bouts import EpisodeFacts, open_severe_days, severe_days_of
from journal.caching import journal_state
from journal.models import JournalSummary
from journal.summaries import stored_bouts

from .conftest import assert_pages_read_the_summary_as_the_episodes
from .factories import RemedyFactory, TriggerFactory, bulk_history

START = datetime.date(2026, 3, 2)
offsets = st.integers(min_value=-3, max_value=20)


@given(
    readings=st.lists(st.tuples(offsets, st.integers(0, 10)), max_size=6),
    severity=st.integers(0, 10),
    level=st.integers(1, 10),
    later=st.integers(0, 15),
)
def test_an_open_episodes_severe_days_are_its_split_on_any_later_day(
    readings, severity, level, later
):
    readings = tuple(
        sorted(
            ((START + datetime.timedelta(days=n), pain) for n, pain in readings), key=lambda r: r[0]
        )
    )
    episode = EpisodeFacts(START, None, severity, readings=readings)
    fixed, carried_from = open_severe_days(episode, level)
    today = max([START, *(day for day, _ in readings)]) + datetime.timedelta(days=later)

    carried = set()
    while carried_from is not None and carried_from <= today:
        carried.add(carried_from)
        carried_from += datetime.timedelta(days=1)
    assert severe_days_of(episode, today, level) == fixed | carried


def bouts_from_summary(user):
    thresholds = CareThresholds.current()
    return stored_bouts(
        user,
        journal_state(user),
        thresholds.symptom_free_gap_days,
        thresholds.severe_pain_level,
        thresholds.see_doctor_after_days,
        timezone.localdate(),
    )


@pytest.mark.django_db
def test_the_command_builds_a_summary_for_a_journal_written_before_summaries(user):
    bulk_history(user, 30, last_start=timezone.now() - datetime.timedelta(hours=4))
    JournalSummary.objects.all().delete()  # as after upgrading: no summary yet
    assert bouts_from_summary(user) is None

    out = io.StringIO()
    call_command("rebuild_journal_summaries", stdout=out)

    assert "Rebuilt" in out.getvalue()
    bouts, *_ = bouts_from_summary(user)
    assert [bout.episode_count for bout in bouts] == [30]


@pytest.mark.django_db
def test_a_summary_counted_under_other_thresholds_is_not_used(user):
    bulk_history(user, 3, last_start=timezone.now() - datetime.timedelta(hours=4))
    assert bouts_from_summary(user) is not None
    thresholds = CareThresholds.current()
    thresholds.symptom_free_gap_days += 1
    thresholds.save()

    assert bouts_from_summary(user) is None


@pytest.mark.django_db
def test_years_of_history_read_from_the_summary_match_the_episodes(user):
    # Over three years: the history's pain chart is drawn by the month.
    bulk_history(
        user,
        260,
        last_start=timezone.now() - datetime.timedelta(hours=4),
        every=datetime.timedelta(days=5),
        triggers=TriggerFactory.create_batch(2),
        remedies=RemedyFactory.create_batch(3),
    )
    assert_pages_read_the_summary_as_the_episodes(user, timezone.localdate())


@pytest.mark.django_db
def test_the_command_rebuilds_only_the_summaries_that_no_longer_fit(user, make_user):
    other = make_user("other-person")
    for person in (user, other):
        bulk_history(person, 5, last_start=timezone.now() - datetime.timedelta(hours=4))
    out = io.StringIO()
    call_command("rebuild_journal_summaries", stdout=out)
    assert out.getvalue().strip() == "Rebuilt 0 journal summaries."

    thresholds = CareThresholds.current()
    thresholds.symptom_free_gap_days += 1  # staff change the gap: every summary is unfit
    thresholds.save()
    JournalSummary.objects.filter(user=other).delete()
    assert bouts_from_summary(user) is None

    call_command("rebuild_journal_summaries", stdout=out)
    assert out.getvalue().strip().endswith("Rebuilt 2 journal summaries.")
    assert bouts_from_summary(user) is not None
    assert bouts_from_summary(other) is not None
