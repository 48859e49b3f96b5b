"""The page a check-in opens: one tap adds how bad it is now, or ends the episode."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import CheckinSent, Episode

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

CHECKIN = reverse("journal:checkin")


def ongoing(user, hours_ago=2):
    return EpisodeFactory(
        user=user, ended_at=None, started_at=timezone.now() - datetime.timedelta(hours=hours_ago)
    )


def test_a_tap_on_a_number_adds_a_reading(user_client, user):
    episode = ongoing(user)
    page = user_client.get(CHECKIN).content.decode()
    assert "How is your back today?" in page
    reading_url = reverse("journal:reading_add", args=[episode.pk])
    assert f'action="{reading_url}"' in page
    response = user_client.post(reading_url, {"severity": 7}, follow=True)
    assert "Added: 7/10 now." in response.content.decode()
    assert list(episode.readings.values_list("severity", flat=True).order_by("taken_at")) == [5, 7]


def test_its_gone_ends_the_episode(user_client, user):
    episode = ongoing(user)
    end_url = reverse("journal:episode_end", args=[episode.pk])
    assert f'action="{end_url}"' in user_client.get(CHECKIN).content.decode()
    user_client.post(end_url)
    episode.refresh_from_db()
    assert episode.ended_at is not None


def test_with_nothing_open_it_says_so_and_offers_the_quick_log(user_client, user):
    page = user_client.get(CHECKIN).content.decode()
    assert "Nothing is open in your journal right now" in page
    assert f'action="{reverse("journal:quick_log")}"' in page


def test_the_heads_up_says_what_day_it_is(user_client, user):
    ongoing(user, hours_ago=24 * 11)  # started 11 days ago: today is day 12
    CheckinSent.objects.create(
        user=user, kind=CheckinSent.Kind.HEADS_UP, local_date=timezone.localdate()
    )
    page = user_client.get(CHECKIN).content.decode()
    assert "Day 12: if it is not better in two days, book a doctor's appointment" in page


def test_another_persons_episode_is_not_shown_and_cannot_be_answered(user_client, other_user):
    theirs = ongoing(other_user)
    page = user_client.get(CHECKIN).content.decode()
    assert "Nothing is open in your journal right now" in page
    reading_url = reverse("journal:reading_add", args=[theirs.pk])
    assert user_client.post(reading_url, {"severity": 3}).status_code == 404
    assert user_client.post(reverse("journal:episode_end", args=[theirs.pk])).status_code == 404
    assert Episode.objects.get(pk=theirs.pk).ended_at is None


def test_the_page_needs_login(client):
    response = client.get(CHECKIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
