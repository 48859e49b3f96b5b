"""A quick log kept on the phone while offline, sent later with its time and its key."""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from journal.models import Episode, PainReading

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def send(client, *, key=None, logged_at=None, severity="6", location="lower", **extra):
    """Post a kept log as static/js/offline-log.js does."""
    data = {
        "severity": severity,
        "location": location,
        "client_key": str(key or uuid.uuid4()),
        "logged_at": (logged_at or timezone.now() - timedelta(hours=1)).isoformat(),
        **extra,
    }
    return client.post(reverse("journal:quick_log"), data, **JSON)


def test_a_log_sent_twice_is_stored_once(user_client, user):
    key = uuid.uuid4()
    first = send(user_client, key=key)
    again = send(user_client, key=key)

    assert first.status_code == 201
    assert first.json()["outcome"] == "new"
    assert again.status_code == 200
    assert again.json()["outcome"] == "repeat"
    assert "One episode, not two." in again.json()["message"]
    episode = Episode.objects.get(user=user)
    assert episode.client_key == key
    assert episode.readings.count() == 1


def test_two_people_may_send_the_same_key(client, user, other_user):
    key = uuid.uuid4()
    for person in (user, other_user):
        client.force_login(person)
        assert send(client, key=key).status_code == 201

    assert Episode.objects.filter(user=user, client_key=key).count() == 1
    assert Episode.objects.filter(user=other_user, client_key=key).count() == 1


def test_the_database_refuses_a_key_twice_for_one_person(user, other_user):
    key = uuid.uuid4()
    EpisodeFactory(user=user, client_key=key)
    EpisodeFactory(user=other_user, client_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        EpisodeFactory(user=user, client_key=key)


def test_the_episode_starts_when_it_was_logged_not_when_it_arrived(user_client, user):
    logged_at = (timezone.now() - timedelta(hours=5)).replace(microsecond=0)
    response = send(user_client, logged_at=logged_at)

    episode = Episode.objects.get(user=user)
    assert episode.started_at == logged_at
    assert episode.readings.get().taken_at == logged_at
    local = timezone.localtime(logged_at)
    assert response.json()["message"] == (
        f"Logged: lower back, 6/10, starting at {local:%a %H:%M}."
    )


def test_a_kept_log_joins_the_episode_going_on_then_once(user_client, user):
    episode = EpisodeFactory(
        user=user, location="lower", ended_at=None, started_at=timezone.now() - timedelta(hours=4)
    )
    key = uuid.uuid4()
    logged_at = timezone.now() - timedelta(hours=2)
    for _ in range(2):
        response = send(user_client, key=key, logged_at=logged_at, severity="8")

    assert Episode.objects.filter(user=user).count() == 1
    assert list(episode.readings.values_list("severity", flat=True)) == [5, 8]
    episode.refresh_from_db()
    assert episode.severity == 8
    assert response.json()["outcome"] == "repeat"


def test_a_kept_log_from_before_an_episode_began_moves_its_start_back(user_client, user):
    episode = EpisodeFactory(
        user=user, location="neck", ended_at=None, started_at=timezone.now() - timedelta(hours=1)
    )
    logged_at = (timezone.now() - timedelta(hours=3)).replace(microsecond=0)
    send(user_client, logged_at=logged_at, location="neck", severity="4")

    episode.refresh_from_db()
    assert episode.started_at == logged_at
    assert Episode.objects.filter(user=user).count() == 1
    assert episode.readings.order_by("taken_at").first().taken_at == logged_at


def test_a_kept_log_from_an_episode_since_eased_joins_it(user_client, user):
    started = timezone.now() - timedelta(hours=6)
    episode = EpisodeFactory(
        user=user, location="mid", started_at=started, ended_at=started + timedelta(hours=4)
    )
    send(user_client, logged_at=started + timedelta(hours=1), location="mid", severity="7")

    assert Episode.objects.filter(user=user).count() == 1
    assert episode.readings.count() == 2


@pytest.mark.parametrize(
    ("logged_at", "message"),
    [
        (timedelta(minutes=30), "This log's time is in the future, so it was not saved."),
        (-timedelta(days=8), "kept on your phone for more than 7 days, so it was not saved."),
    ],
    ids=["future", "too-old"],
)
def test_a_kept_log_at_an_unbelievable_time_is_refused(user_client, user, logged_at, message):
    response = send(user_client, logged_at=timezone.now() + logged_at)

    assert response.status_code == 400
    assert message in response.json()["message"]
    assert not Episode.objects.filter(user=user).exists()
    assert not PainReading.objects.exists()


def test_a_phone_clock_a_little_ahead_is_allowed(user_client, user):
    response = send(user_client, logged_at=timezone.now() + timedelta(minutes=2))
    assert response.status_code == 201


def test_an_unreadable_key_is_refused(user_client, user):
    response = user_client.post(
        reverse("journal:quick_log"),
        {"severity": "6", "location": "lower", "client_key": "not-a-key"},
        **JSON,
    )
    assert response.status_code == 400
    assert response.json()["message"] == "The phone's key for this log could not be read."
    assert not Episode.objects.exists()


def test_after_the_session_ended_the_phone_is_told_to_log_in(client, user):
    response = send(client)

    assert response.status_code == 401
    assert response.json()["message"] == "Log in to send the logs kept on this phone."
    assert not Episode.objects.exists()
    # No "what you sent was not saved" waits on the next page: the phone still has it.
    client.force_login(user)
    page = client.get(reverse("journal:dashboard")).content.decode()
    assert "was not saved" not in page


def test_the_form_without_a_script_still_logs_now(user_client, user):
    response = user_client.post(
        reverse("journal:quick_log"), {"severity": "3", "location": "upper"}, follow=True
    )
    assert "Logged: upper back, 3/10, starting now." in response.content.decode()
    assert Episode.objects.get(user=user).client_key is None


def test_a_log_kept_for_someone_else_waits_for_them(user_client, user, other_user):
    response = send(user_client, owner=str(other_user.pk))

    assert response.status_code == 409
    assert "kept on this phone by someone else" in response.json()["message"]
    assert not Episode.objects.exists()
    assert send(user_client, owner=str(user.pk)).status_code == 201
