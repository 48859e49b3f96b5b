"""Check-ins in Settings, and the one-click unsubscribe link in every check-in email."""

import datetime
import time

import pytest
from django.core import signing
from django.urls import reverse

from accounts.models import Profile
from accounts.unsubscribe import (
    LINK_MAX_AGE_SECONDS,
    SALT,
    unsubscribe_token,
    unsubscribe_url,
)

pytestmark = pytest.mark.django_db


def settings_data(**checkins):
    data = {"timezone": "Europe/London", "first_name": "", "last_name": ""}
    data.update({f"checkins-{name}": value for name, value in checkins.items()})
    return data


def test_check_ins_are_off_until_turned_on(user_client, user):
    assert Profile.objects.get(user=user).checkins_on is False
    page = user_client.get(reverse("accounts:account_settings")).content.decode()
    assert "Check-ins" in page and 'value="19:00"' in page
    response = user_client.post(
        reverse("accounts:account_settings"),
        settings_data(checkins_on="on", checkin_time="07:45", checkin_by_email="on"),
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.checkins_on, profile.checkin_time) == (True, datetime.time(7, 45))
    assert (profile.checkin_by_email, profile.checkin_by_push) == (True, False)


@pytest.mark.parametrize(
    ("checkins", "message"),
    [
        ({"checkins_on": "on", "checkin_time": "25:00", "checkin_by_email": "on"}, "like 19:00"),
        ({"checkins_on": "on", "checkin_time": "7pm", "checkin_by_email": "on"}, "like 19:00"),
        ({"checkins_on": "on", "checkin_time": "19:00"}, "by email, as a notification, or both"),
    ],
    ids=["hour-25", "not-hh-mm", "no-way-chosen"],
)
def test_bad_check_in_settings_save_nothing(user_client, user, checkins, message):
    response = user_client.post(reverse("accounts:account_settings"), settings_data(**checkins))
    assert response.status_code == 200
    assert message in response.content.decode()
    profile = Profile.objects.get(user=user)
    assert (profile.checkins_on, profile.timezone) == (False, "UTC")


def turn_on_email(user):
    Profile.objects.filter(user=user).update(checkins_on=True, checkin_by_email=True)


def test_one_click_unsubscribe_works_without_login(client, user):
    turn_on_email(user)
    response = client.post(
        unsubscribe_url(user).removeprefix("http://127.0.0.1:8000"),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert "no more check-in emails" in response.content.decode()
    assert Profile.objects.get(user=user).checkin_by_email is False


def test_opening_the_link_asks_first_and_changes_nothing(client, user):
    turn_on_email(user)
    response = client.get(reverse("checkin_unsubscribe", args=[unsubscribe_token(user)]))
    assert response.status_code == 200
    assert "Stop check-in emails" in response.content.decode()
    assert Profile.objects.get(user=user).checkin_by_email is True


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps(1, salt="another.purpose"),
        signing.dumps("alex", salt=SALT),
    ],
    ids=["garbage", "other-salt", "not-a-user-id"],
)
def test_a_bad_unsubscribe_link_is_a_clear_404(client, user, token):
    turn_on_email(user)
    for method in (client.get, client.post):
        response = method(reverse("checkin_unsubscribe", args=[token]))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert Profile.objects.get(user=user).checkin_by_email is True


class SignerFromLongAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - LINK_MAX_AGE_SECONDS - 60)


def test_an_expired_unsubscribe_link_is_refused(client, user):
    turn_on_email(user)
    token = SignerFromLongAgo(salt=SALT).sign_object(user.pk, compress=True)
    response = client.post(reverse("checkin_unsubscribe", args=[token]))
    assert response.status_code == 404
    assert Profile.objects.get(user=user).checkin_by_email is True
