"""Time zones that are real places, logging in with a username in any case, and the
last-attempt warning. (Signing up with a name taken in another case: tests/accounts.)"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.timezones import place_names, timezone_choices

User = get_user_model()
pytestmark = pytest.mark.django_db


def test_the_time_zone_list_holds_real_places_and_utc_once():
    names = place_names()
    assert names.count("UTC") == 1
    assert "Europe/London" in names and "Asia/Kolkata" in names
    for alias in (
        "localtime",
        "Factory",
        "UCT",
        "Zulu",
        "Universal",
        "GMT",
        "Etc/UTC",
        "Etc/GMT+5",
        "US/Eastern",
    ):
        assert alias not in names


def test_a_zone_saved_before_the_list_stays_for_its_owner():
    assert ("US/Eastern", "US/Eastern") in timezone_choices("US/Eastern")
    assert ("US/Eastern", "US/Eastern") not in timezone_choices()


def test_signup_offers_only_the_listed_zones(client):
    html = client.get(reverse("signup")).content.decode()
    assert 'value="Europe/London"' in html
    assert 'value="Etc/GMT+5"' not in html
    assert 'value="localtime"' not in html


@pytest.mark.parametrize("typed", ["alice", "ALICE", "Alice"])
def test_login_takes_the_username_in_any_case(client, make_user, password, typed):
    user = make_user("Alice")
    response = client.post(reverse("login"), {"username": typed, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_in_another_case_is_still_refused(client, make_user):
    make_user("Alice")
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_warns_when_one_attempt_is_left(client, settings, make_user):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.5
    make_user("Alice")
    first = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert "One attempt left" not in first.content.decode()
    second = client.post(reverse("login"), {"username": "ALICE", "password": "wrong"})
    html = second.content.decode()
    assert "One attempt left" in html
    assert "locked for 30 minutes" in html
    third = client.post(reverse("login"), {"username": "Alice", "password": "wrong"})
    assert third.status_code == 429  # the case of the name does not buy more attempts
