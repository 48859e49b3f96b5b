"""Cached journal data is keyed by the journal's version: every change gives a new one."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from journal import services
from journal.models import Episode, RemedyUse

from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
    bulk_history,
)
from .test_history_views import chart_data

pytestmark = pytest.mark.django_db

HISTORY = reverse("journal:history")
REPORT = reverse("journal:report")


def version(user):
    return Profile.objects.get(user=user).journal_version


@pytest.fixture
def episode(user):
    return EpisodeFactory(user=user)


def _edit(episode):
    episode.severity = 9
    episode.save()


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


def _with_trigger(episode):
    episode.triggers.add(TriggerFactory())


def _with_remedy(episode):
    RemedyUseFactory(episode=episode, effect=0)


def _change_effect(episode):
    use = RemedyUse.objects.get(episode=episode)
    use.effect = 2
    use.save()


def _nothing(episode):
    pass


# name: (what the journal has first, the change)
CHANGES = {
    "new episode": (_nothing, lambda e: EpisodeFactory(user=e.user)),
    "edited": (_nothing, _edit),
    "deleted": (_nothing, lambda e: e.delete()),
    "ended": (_nothing, lambda e: services.episode_end(episode=e)),
    "trigger added": (_nothing, lambda e: e.triggers.add(TriggerFactory())),
    "trigger added from its side": (_nothing, lambda e: TriggerFactory().episodes.add(e)),
    "trigger removed": (_with_trigger, lambda e: e.triggers.remove(*e.triggers.all())),
    "triggers cleared": (_with_trigger, lambda e: e.triggers.clear()),
    "cleared from the trigger's side": (
        _with_trigger,
        lambda e: e.triggers.get().episodes.clear(),
    ),
    "red flag added": (_nothing, lambda e: e.red_flags.add(RedFlagFactory())),
    "remedy tried": (_nothing, lambda e: RemedyUseFactory(episode=e, remedy=RemedyFactory())),
    "remedy effect changed": (_with_remedy, _change_effect),
    "remedy removed": (_with_remedy, lambda e: RemedyUse.objects.get(episode=e).delete()),
    "bulk added (import)": (_nothing, _bulk_add),
}


@pytest.mark.parametrize(("prepare", "change"), CHANGES.values(), ids=CHANGES.keys())
def test_every_change_to_a_journal_gives_it_a_new_version(
    user, other_user, episode, prepare, change
):
    prepare(episode)
    before, others_before = version(user), version(other_user)

    change(episode)

    assert version(user) != before
    assert version(other_user) == others_before


def test_deleting_an_account_does_not_rewrite_its_profile_once_per_episode(user):
    bulk_history(user, 40, last_start=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        user.delete()
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


def test_report_shows_a_new_episode_and_notes_after_it_was_cached(user_client, user):
    EpisodeFactory(user=user, notes="First note in the journal.")
    assert "First note in the journal." in user_client.get(REPORT).content.decode()

    episode = EpisodeFactory(user=user, notes="Second note, added later.")
    page = user_client.get(REPORT).content.decode()
    assert "Second note, added later." in page

    episode.notes = "Second note, corrected."
    episode.save()
    page = user_client.get(REPORT).content.decode()
    assert "Second note, corrected." in page
    assert "Second note, added later." not in page


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
