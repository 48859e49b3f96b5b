"""Helpers shared by the journal's tests."""

import datetime
import re

import pytest
from django.utils import timezone

from journal import services, summary_calendar
from journal.assessment import assess
from journal.assessment_inputs import zone
from journal.caching import journal_state
from journal.forms import EpisodeForm
from journal.history import history_charts
from journal.models import Episode
from journal.periods import DayRange
from journal.report import report_data

from .factories import RedFlagFactory, RemedyFactory, TriggerFactory, bulk_history


def save_episode(episode, *, triggers=None, red_flags=None, remedies=None, **fields):
    """Save an episode as its form does, through services.episode_save.

    ``remedies`` maps a remedy to its effect, or to None for "not tried".
    """
    data = {
        "started_at": timezone.localtime(episode.started_at).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": timezone.localtime(episode.ended_at).strftime("%Y-%m-%dT%H:%M")
        if episode.ended_at
        else "",
        "severity": episode.severity,
        "location": episode.location,
        "side": episode.side,
        "notes": episode.notes,
    }
    if episode.pk:
        triggers = episode.triggers.all() if triggers is None else triggers
        red_flags = episode.red_flags.all() if red_flags is None else red_flags
    data["triggers"] = [trigger.pk for trigger in triggers or []]
    data["red_flags"] = [flag.pk for flag in red_flags or []]
    if episode.pk:
        for use in episode.remedy_uses.all():
            data[EpisodeForm.remedy_field_name(use.remedy)] = use.effect
    for remedy, effect in (remedies or {}).items():
        data[EpisodeForm.remedy_field_name(remedy)] = "" if effect is None else effect
    data.update(fields)
    form = EpisodeForm(data, instance=episode)
    assert form.is_valid(), form.errors
    return services.episode_save(user=episode.user, form=form)


@pytest.fixture
def save_through_form():
    """``save_through_form(episode, severity=9, triggers=[...], remedies={remedy: 2})``:
    save an episode, new or old, the way the episode form does."""
    return save_episode


def days_ago(n, hour=10):
    """`hour` o'clock, `n` days ago, in the current time zone."""
    today = timezone.localdate()
    return timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=n), datetime.time(hour))
    )


def chart_data(response):
    """The numbers a history or shared report page's charts are drawn from, keyed by chart
    (None when it has none); tests/journal/test_chart_drawings.py checks each drawing
    shows them."""
    charts = response.context["charts"]
    return charts.data if charts.cards else None


def assert_no_inline_code(html):
    """Nothing a strict content security policy would block: no inline script or style."""
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+\s*=", html)


def history_of(user, count):
    """`count` episodes, four hours apart, with triggers, a warning sign and remedies."""
    flags = [RedFlagFactory()]
    bulk_history(
        user,
        count,
        last_start=timezone.now() - datetime.timedelta(hours=4),
        every=datetime.timedelta(hours=4),
        triggers=[TriggerFactory(), TriggerFactory()],
        red_flags=flags,
        remedies=[RemedyFactory(), RemedyFactory()],
    )


def snapshot(user):
    """A person's history as plain values, to compare two journals."""
    episodes = (
        Episode.objects.for_user(user)
        .prefetch_related("triggers", "red_flags", "remedy_uses__remedy")
        .order_by("started_at")
    )
    return [
        (
            e.started_at,
            e.ended_at,
            e.severity,
            e.location,
            e.side,
            e.notes,
            sorted(t.slug for t in e.triggers.all()),
            sorted(f.slug for f in e.red_flags.all()),
            sorted((u.remedy.slug, u.effect) for u in e.remedy_uses.all()),
        )
        for e in episodes
    ]


def assert_pages_read_the_summary_as_the_episodes(user, today):
    """The history and report of the whole journal are the same read from the summary
    (given the journal's state) as from the episodes (given none)."""
    state = journal_state(user)
    tz = zone(state.timezone)
    whole = DayRange(None, today)
    bouts = list(assess(user, today=today, state=state).bouts)
    assert summary_calendar.whole_journal(user, whole, today, state, bouts)
    with timezone.override(tz):
        assert history_charts(user, whole, tz, today, state) == history_charts(
            user, whole, tz, today
        )
        assert report_data(user, whole, tz, today, state) == report_data(user, whole, tz, today)
