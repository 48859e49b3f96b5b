"""The start-date guard: a start more than a week back is confirmed in words before saving."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.forms import time_ago
from journal.models import Episode

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def data(start, **more):
    return {
        "started_at": local_input(start),
        "ended_at": "",
        "severity": "6",
        "location": "lower",
        **more,
    }


def test_a_start_years_ago_is_not_saved_on_first_submit(user_client, user):
    start = datetime(1926, 3, 2, 21, 0, tzinfo=timezone.get_current_timezone())
    response = user_client.post(reverse("journal:episode_create"), data(start))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Did it really start on Tuesday 2 March 1926" in html
    assert "years ago" in html
    assert 'name="confirm_old_start"' in html
    assert not Episode.objects.filter(user=user).exists()


def test_a_confirmed_old_start_is_saved(user_client, user):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=40)
    response = user_client.post(
        reverse("journal:episode_create"), data(start, confirm_old_start="on")
    )
    assert response.status_code == 302
    assert Episode.objects.get(user=user).started_at == start


@pytest.mark.parametrize(("days", "saved"), [(6, True), (8, False)], ids=["6-days", "8-days"])
def test_the_guard_starts_after_seven_days(user_client, user, days, saved):
    start = timezone.now() - timedelta(days=days)
    user_client.post(reverse("journal:episode_create"), data(start))
    assert Episode.objects.filter(user=user).exists() is saved


def test_the_checkbox_is_only_shown_when_asked(user_client):
    html = user_client.get(reverse("journal:episode_create")).content.decode()
    assert 'name="confirm_old_start"' not in html


def test_moving_a_start_far_back_on_an_edit_asks_too(user_client, user):
    episode = EpisodeFactory(user=user)
    old = episode.started_at
    response = user_client.post(
        reverse("journal:episode_update", args=[episode.pk]),
        data(timezone.now() - timedelta(days=400), ended_at=local_input(episode.ended_at)),
    )
    assert response.status_code == 400
    assert "months ago" in response.content.decode() or "year ago" in response.content.decode()
    episode.refresh_from_db()
    assert episode.started_at == old


def test_an_old_episode_edited_without_moving_its_start_is_not_asked(user_client, user):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=90)
    episode = EpisodeFactory(user=user, started_at=start)
    response = user_client.post(
        reverse("journal:episode_update", args=[episode.pk]),
        data(start, ended_at=local_input(episode.ended_at), severity="3"),
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.severity == 3


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "1 day ago"),
        (9, "9 days ago"),
        (21, "3 weeks ago"),
        (640, "21 months ago"),
        (36527, "100 years ago"),
    ],
)
def test_how_long_ago_reads_as_a_person_says_it(days, words):
    now = timezone.now()
    assert time_ago(now - timedelta(days=days), now) == words
