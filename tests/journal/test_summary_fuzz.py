"""Random sequences of writes keep each journal's summary, and its CSV export, equal to
ones worked out afresh.

Creates, edits, deletes, readings, ends, warning signs, CSV imports and time-zone changes
go through the app's own service functions and views; after each sequence the stored
summary must equal a rebuild from the episodes, and the assessment read from it must
equal the one worked out from every episode, today and on later days. Sequences with
exports in between (which store each episode's CSV line) and staff renaming a warning
sign must export the same file as one written from the episodes alone.
"""

import dataclasses
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.models import CareThresholds, RedFlag
from journal import services, summaries
from journal.assessment import ThresholdValues, _compute, evaluate
from journal.assessment_inputs import (
    episode_facts_and_flag_ids,
    risk_factors,
    see_a_doctor_url,
    zone,
)
from journal.caching import journal_state
from journal.exports import csv_written_afresh
from journal.forms import EpisodeForm
from journal.imports import import_episodes_csv
from journal.models import Episode, JournalSummary

from .conftest import assert_pages_read_the_summary_as_the_episodes
from .factories import RedFlagFactory

pytestmark = pytest.mark.django_db

ZONES = ["UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"]
HEADER = "started_at,ended_at,severity,location,side,triggers,red_flags,remedies,notes\n"

index = st.integers(min_value=0, max_value=30)
severity = st.integers(min_value=0, max_value=10)
hours_ago = st.integers(min_value=1, max_value=24 * 30)
write = st.one_of(
    st.tuples(st.just("create"), hours_ago, st.none() | st.integers(0, 200), severity, index),
    st.tuples(st.just("edit"), index, severity, st.integers(-72, 72)),
    st.tuples(st.just("reading"), index, severity, st.integers(0, 100)),
    st.tuples(st.just("end"), index, st.integers(0, 100)),
    st.tuples(st.just("delete"), index),
    st.tuples(st.just("flags"), index, index),
    st.tuples(st.just("quick"), severity, st.sampled_from(["lower", "neck"])),
    st.tuples(st.just("import"), hours_ago, st.integers(1, 48), severity, index),
    st.tuples(st.just("zone"), st.sampled_from(ZONES)),
)
# Staff renaming a warning sign changes what the CSV export says of the episodes with it.
write_or_rename = st.one_of(write, st.tuples(st.just("rename_flag"), index))


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _save(episode, **fields):
    """Through the episode form, as the episode pages save; a refused form saves nothing."""
    data = {
        "started_at": _local(episode.started_at),
        "ended_at": _local(episode.ended_at) if episode.ended_at else "",
        "severity": episode.severity,
        "location": episode.location or "lower",
        "side": "",
        "notes": "",
        "red_flags": [flag.pk for flag in episode.red_flags.all()] if episode.pk else [],
    }
    data.update(fields)
    form = EpisodeForm(data, instance=episode)
    if form.is_valid():
        services.episode_save(user=episode.user, form=form)


def _apply(client, user, flags, step):
    now = timezone.now()
    episodes = list(Episode.objects.for_user(user).order_by("started_at", "id"))

    def pick(n):
        return episodes[n % len(episodes)] if episodes else None

    kind, *args = step
    if kind == "create":
        back, lasted, pain, flag = args
        start = now - datetime.timedelta(hours=back)
        end = None if lasted is None else min(now, start + datetime.timedelta(hours=lasted))
        _save(
            Episode(user=user, started_at=start, ended_at=end, severity=pain, location="lower"),
            red_flags=[flags[flag % len(flags)].pk] if flag % 3 == 0 else [],
        )
    elif kind == "import":
        back, lasted, pain, flag = args
        start = now - datetime.timedelta(hours=back)
        end = start + datetime.timedelta(hours=lasted)
        sign = flags[flag % len(flags)].slug if flag % 2 else ""
        row = f"{start.isoformat()},{min(end, now).isoformat()},{pain},mid,,,{sign},,\n"
        import_episodes_csv(user=user, raw=(HEADER + row).encode(), tz=datetime.UTC)
    elif kind == "rename_flag":  # by staff, in the admin
        flag = flags[args[0] % len(flags)]
        flag.slug = f"{flag.slug[:40]}-{args[0]}"
        flag.save()
    elif kind == "quick":
        services.episode_quick_log(user=user, severity=args[0], location=args[1])
    elif kind == "zone":
        response = client.post(
            reverse("accounts:account_settings"),
            {"timezone": args[0], "first_name": "", "last_name": ""},
        )
        assert response.status_code == 302
    elif (episode := pick(args[0])) is None:
        return
    elif kind == "edit":
        start = episode.started_at + datetime.timedelta(hours=args[2])
        _save(episode, severity=args[1], started_at=_local(min(start, now)))
    elif kind == "reading":
        when = min(now, episode.started_at + datetime.timedelta(hours=args[2]))
        services.reading_add(episode=episode, severity=args[1], when=when)
    elif kind == "end" and episode.is_ongoing:
        when = min(now, episode.started_at + datetime.timedelta(hours=args[1]))
        services.episode_end(episode=episode, when=when)
    elif kind == "delete":
        services.episode_delete(episode=episode)
    elif kind == "flags":
        services.episode_add_red_flags(episode=episode, red_flags=[flags[args[1] % len(flags)]])


def _export(client) -> str:
    return b"".join(client.get(reverse("journal:export_csv")).streaming_content).decode()


def _comparable(assessment):
    """An assessment with each bout's pain course cut to its first and latest reading,
    as a summary keeps it."""

    def cut(bout):
        if bout is None:
            return None
        course = bout.pain_course
        return dataclasses.replace(bout, pain_course=course[:1] + course[1:][-1:])

    return dataclasses.replace(
        assessment,
        current_bout=cut(assessment.current_bout),
        bouts=tuple(cut(bout) for bout in assessment.bouts),
    )


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(write, min_size=1, max_size=8))
def test_the_summary_always_equals_one_worked_out_afresh(client, make_user, steps):
    user = make_user()
    client.force_login(user)
    flags = [
        RedFlagFactory(urgency=RedFlag.Urgency.URGENT, order=2),
        RedFlagFactory(urgency=RedFlag.Urgency.SEE_DOCTOR, order=1),
    ]
    for step in steps:
        _apply(client, user, flags, step)

    user.refresh_from_db()
    zone_name = user.profile.timezone
    thresholds = CareThresholds.current()
    facts, _ = episode_facts_and_flag_ids(user, zone(zone_name))
    stored = JournalSummary.objects.filter(user=user).first()
    if stored is None:  # no write got through: nothing to sum up
        assert facts == []
        return
    afresh = summaries.summary_values(user.pk)
    assert stored.timezone == afresh["timezone"] == zone_name
    assert (stored.figures, stored.calendar) == (afresh["figures"], afresh["calendar"])

    today = timezone.localdate(timezone=zone(zone_name))
    values = ThresholdValues.from_model(thresholds)
    for later in (0, 1, 3, 20):
        day = today + datetime.timedelta(days=later)
        # Nothing recorded lies in the future, so the summary is the one read.
        assert summaries.stored_bouts(
            user,
            journal_state(user),
            values.symptom_free_gap_days,
            values.severe_pain_level,
            14,
            day,
        )
        from_summary = _compute(user, day, zone(zone_name), journal_state(user))
        from_episodes = evaluate(facts, values, day, see_a_doctor_url(), risk_factors(user))
        assert _comparable(from_summary) == _comparable(from_episodes)

    assert_pages_read_the_summary_as_the_episodes(user, today)


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    before=st.lists(write_or_rename, min_size=1, max_size=5),
    after=st.lists(write_or_rename, min_size=1, max_size=5),
)
def test_the_csv_export_always_equals_one_written_afresh(client, make_user, before, after):
    user = make_user()
    client.force_login(user)
    flags = [RedFlagFactory(), RedFlagFactory()]

    def written_afresh():
        user.profile.refresh_from_db()
        return "".join(csv_written_afresh(user, zone(user.profile.timezone)))

    for step in before:
        _apply(client, user, flags, step)
    # This export stores each episode's line, which the writes after it must not leave stale.
    assert _export(client) == written_afresh()
    for step in after:
        _apply(client, user, flags, step)

    assert _export(client) == written_afresh()
