"""Cached journal data is keyed by the journal's version: every change gives a new one."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from guidance.models import CareThresholds, RedFlag
from journal import csv_format, imports, services
from journal.models import Episode, RemedyUse

from .conftest import chart_data
from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
    bulk_history,
)

pytestmark = pytest.mark.django_db

HISTORY = reverse("journal:history")
REPORT = reverse("journal:report")


def version(user):
    return Profile.objects.get(user=user).journal_version


@pytest.fixture
def episode(user):
    return EpisodeFactory(user=user)


def _bulk_add(episode):
    draft = SimpleNamespace(
        started_at=timezone.now(),
        ended_at=None,
        severity=3,
        location="neck",
        side="",
        notes="",
        trigger_ids=[],
        red_flag_ids=[],
        remedy_effects={},
    )
    services.episodes_bulk_add(user=episode.user, drafts=[draft])


def _import(episode):
    started = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    raw = f"{','.join(csv_format.CSV_COLUMNS_BEFORE_READINGS)}\n{started},,4,mid,,,,,\n".encode()
    result = imports.import_episodes_csv(user=episode.user, raw=raw, tz=datetime.UTC)
    assert result.imported == 1, result.errors


def _with_trigger(episode):
    episode.triggers.add(TriggerFactory())


def _with_remedy(episode):
    RemedyUseFactory(episode=episode, effect=0)


def _remedy(episode):
    return RemedyUse.objects.get(episode=episode).remedy


def _nothing(episode):
    pass


# name: (what the journal has first, the change): every way the app writes to a journal.
CHANGES = {
    "new episode": (
        _nothing,
        lambda e, save: save(
            Episode(user=e.user, started_at=timezone.now(), severity=4, location="mid")
        ),
    ),
    "quick log": (
        _nothing,
        lambda e, save: services.episode_quick_log(user=e.user, severity=6, location="neck"),
    ),
    "edited": (_nothing, lambda e, save: save(e, severity=9)),
    "deleted": (_nothing, lambda e, save: services.episode_delete(episode=e)),
    "ended": (_nothing, lambda e, save: services.episode_end(episode=e)),
    "trigger added": (_nothing, lambda e, save: save(e, triggers=[TriggerFactory()])),
    "triggers removed": (_with_trigger, lambda e, save: save(e, triggers=[])),
    "red flag added": (_nothing, lambda e, save: save(e, red_flags=[RedFlagFactory()])),
    "remedy tried": (_nothing, lambda e, save: save(e, remedies={RemedyFactory(): 2})),
    "remedy effect changed": (_with_remedy, lambda e, save: save(e, remedies={_remedy(e): 2})),
    "remedy removed": (_with_remedy, lambda e, save: save(e, remedies={_remedy(e): None})),
    "bulk added": (_nothing, lambda e, save: _bulk_add(e)),
    "imported": (_nothing, lambda e, save: _import(e)),
    "journal emptied": (_nothing, lambda e, save: services.episodes_delete_all(user=e.user)),
    "demo data seeded": (
        _nothing,
        lambda e, save: call_command(
            "seed_demo", username=e.user.username, days=30, stdout=StringIO()
        ),
    ),
}


@pytest.mark.parametrize(("prepare", "change"), CHANGES.values(), ids=CHANGES.keys())
def test_every_change_to_a_journal_gives_it_a_new_version(
    user, other_user, episode, save_through_form, prepare, change
):
    prepare(episode)
    before, others_before = version(user), version(other_user)

    change(episode, save_through_form)

    assert version(user) != before
    assert version(other_user) == others_before


# Each write and its new version are one transaction: if the version cannot be replaced,
# the write does not happen either.
ATOMIC_WRITES = {
    "saved": lambda e, save: save(e, severity=9),
    "quick log": lambda e, save: services.episode_quick_log(
        user=e.user, severity=6, location="neck"
    ),
    "ended": lambda e, save: services.episode_end(episode=e),
    "deleted": lambda e, save: services.episode_delete(episode=e),
    "bulk added": lambda e, save: _bulk_add(e),
    "emptied": lambda e, save: services.episodes_delete_all(user=e.user),
}


@pytest.mark.parametrize("write", ATOMIC_WRITES.values(), ids=ATOMIC_WRITES.keys())
def test_a_write_whose_version_fails_is_not_saved(monkeypatch, episode, save_through_form, write):
    def fail(*user_ids, **what_changed):
        raise RuntimeError("version not replaced")

    monkeypatch.setattr(services, "journal_changed", fail)
    before = list(Episode.objects.values_list("id", "severity", "ended_at"))

    with pytest.raises(RuntimeError):
        write(episode, save_through_form)

    assert list(Episode.objects.values_list("id", "severity", "ended_at")) == before


def test_deleting_an_account_does_not_rewrite_its_profile_once_per_episode(user):
    bulk_history(user, 40, last_start=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        services.account_delete(user=user)
    assert not [q for q in queries if q["sql"].startswith('UPDATE "journal_profile"')]
    assert not Episode.objects.exists()


# --- Through the pages: a cached page never shows yesterday's journal -------------------


def _log_now(client, severity="6", location="neck"):
    response = client.post(
        reverse("journal:quick_log"), {"severity": severity, "location": location}
    )
    assert response.status_code == 302


def test_history_shows_an_episode_logged_after_it_was_cached(user_client, user):
    EpisodeFactory(user=user, location="lower")
    assert chart_data(user_client.get(f"{HISTORY}?range=all"))["locations"]["labels"] == [
        "Lower back"
    ]

    _log_now(user_client, location="neck")

    data = chart_data(user_client.get(f"{HISTORY}?range=all"))
    assert sorted(data["locations"]["labels"]) == ["Lower back", "Neck"]


def test_history_follows_a_deleted_episode(user_client, user):
    keep = EpisodeFactory(user=user, location="lower")
    gone = EpisodeFactory(user=user, location="upper")
    assert len(chart_data(user_client.get(f"{HISTORY}?range=all"))["locations"]["labels"]) == 2

    user_client.post(reverse("journal:episode_delete", args=[gone.pk]))

    data = chart_data(user_client.get(f"{HISTORY}?range=all"))
    assert data["locations"]["labels"] == [keep.get_location_display()]


def test_history_shows_a_trigger_renamed_by_staff(user_client, user):
    trigger = TriggerFactory(name="Long drive")
    EpisodeFactory(user=user, triggers=[trigger])
    assert chart_data(user_client.get(HISTORY))["triggers"]["labels"] == ["Long drive"]

    trigger.name = "Long car journey"
    trigger.save()  # as the admin does: a new history entry

    assert chart_data(user_client.get(HISTORY))["triggers"]["labels"] == ["Long car journey"]


def test_report_shows_a_new_episode_and_notes_after_it_was_cached(
    user_client, user, save_through_form
):
    EpisodeFactory(user=user, notes="First note in the journal.")
    assert "First note in the journal." in user_client.get(REPORT).content.decode()

    episode = EpisodeFactory(user=user, notes="Second note, added later.")
    page = user_client.get(REPORT).content.decode()
    assert "Second note, added later." in page

    save_through_form(episode, notes="Second note, corrected.")
    page = user_client.get(REPORT).content.decode()
    assert "Second note, corrected." in page
    assert "Second note, added later." not in page


DASHBOARD = reverse("journal:dashboard")


def test_dashboard_follows_thresholds_changed_by_a_bulk_update(user_client, user):
    EpisodeFactory(user=user, started_at=timezone.now() - datetime.timedelta(days=2), ended_at=None)
    assert "of 14" in user_client.get(DASHBOARD).content.decode()

    CareThresholds.objects.filter(pk=1).update(see_doctor_after_days=7)

    page = user_client.get(DASHBOARD).content.decode()
    assert "of 7" in page
    assert "of 14" not in page


def test_dashboard_follows_a_red_flag_changed_by_a_bulk_update(user_client, user):
    flag = RedFlagFactory(urgency="emergency")
    EpisodeFactory(user=user, ended_at=None, red_flags=[flag])
    assert user_client.get(DASHBOARD).context["assessment"].level == "emergency"

    RedFlag.objects.filter(pk=flag.pk).update(urgency="see_doctor")

    assert user_client.get(DASHBOARD).context["assessment"].level == "see_doctor"


def test_report_time_is_the_time_of_each_request_not_of_the_cache(user_client, user):
    EpisodeFactory(user=user)
    first = user_client.get(REPORT).context["generated_at"]
    second = user_client.get(REPORT).context["generated_at"]
    assert second > first


def test_cached_charts_never_cross_to_another_person(client, user, other_user):
    EpisodeFactory(user=user, location="neck")
    EpisodeFactory(user=other_user, location="upper")
    Profile.objects.filter(user=other_user).update(
        journal_version=Profile.objects.get(user=user).journal_version
    )
    client.force_login(user)
    assert chart_data(client.get(HISTORY))["locations"]["labels"] == ["Neck"]
    client.force_login(other_user)
    assert chart_data(client.get(HISTORY))["locations"]["labels"] == ["Upper back"]


@pytest.mark.parametrize("page", [HISTORY, REPORT], ids=["history", "report"])
def test_a_second_view_reads_one_small_query_beyond_the_login(user_client, user, page):
    bulk_history(user, 200, last_start=timezone.now() - datetime.timedelta(days=1))
    user_client.get(f"{page}?range=all")

    with CaptureQueriesContext(connection) as queries:
        response = user_client.get(f"{page}?range=all")

    assert response.status_code == 200
    # Session, user, the profile's time zone, the journal's version.
    assert len(queries) == 4, [q["sql"][:80] for q in queries]
