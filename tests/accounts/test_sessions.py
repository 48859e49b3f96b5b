"""Settings at a glance: where you are logged in, recent logins, and what is held."""

from datetime import timedelta

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import device_name, rough_place
from tests.journal.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (FIREFOX_WINDOWS, "Firefox on Windows"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (CHROME_ANDROID, "Chrome on Android"),
        ("", "Unknown device"),
    ],
    ids=["firefox-windows", "safari-iphone", "chrome-android", "nothing"],
)
def test_device_names_are_short(user_agent, name):
    assert device_name(user_agent) == name


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("203.0.113.77", "203.0.113.x"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        (None, "Unknown"),
        ("not an address", "Unknown"),
    ],
    ids=["ipv4", "ipv6", "none", "garbage"],
)
def test_rough_place_drops_the_last_part(address, place):
    assert rough_place(address) == place


def log_in(user, password, user_agent, address):
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    assert client.post(reverse("login"), {"username": user.username, "password": password})
    return client


def test_settings_lists_each_session_with_device_and_rough_place(user, password):
    log_in(user, password, SAFARI_IPHONE, "198.51.100.23")
    here = log_in(user, password, FIREFOX_WINDOWS, "203.0.113.77")
    html = here.get(reverse("accounts:account_settings")).content.decode()
    assert "Safari on iPhone" in html
    assert "198.51.100.x" in html
    assert "Firefox on Windows" in html
    assert "198.51.100.23" not in html


def test_log_out_everywhere_else_ends_the_other_sessions_only(user, other_user, password):
    phone = log_in(user, password, SAFARI_IPHONE, "198.51.100.23")
    laptop = log_in(user, password, FIREFOX_WINDOWS, "198.51.100.24")
    here = log_in(user, password, CHROME_ANDROID, "203.0.113.77")
    someone_else = log_in(other_user, password, FIREFOX_WINDOWS, "192.0.2.1")

    response = here.post(reverse("accounts:end_other_sessions"))
    assert response["Location"] == reverse("accounts:account_settings")

    for ended in (phone, laptop):
        assert ended.get(reverse("journal:dashboard")).status_code == 302
    assert here.get(reverse("journal:dashboard")).status_code == 200
    assert someone_else.get(reverse("journal:dashboard")).status_code == 200
    assert Session.objects.count() == 2


def test_log_out_everywhere_else_only_takes_post(user_client):
    response = user_client.get(reverse("accounts:end_other_sessions"))
    assert response.status_code == 405


def test_last_seen_is_refreshed_after_a_few_minutes(user, password, monkeypatch):
    client = log_in(user, password, FIREFOX_WINDOWS, "203.0.113.77")
    session = Session.objects.get().get_decoded()["device_note"]
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr("accounts.sessions.timezone.now", lambda: later)
    client.get(reverse("journal:dashboard"))
    refreshed = Session.objects.get().get_decoded()["device_note"]
    assert refreshed["seen"] == later.isoformat() != session["seen"]


def test_settings_lists_recent_logins_and_failures_of_this_account(user_client, user, other_user):
    now = timezone.now()
    AccessLog.objects.create(
        username=user.username.upper(), ip_address="203.0.113.5", attempt_time=now
    )
    AccessFailureLog.objects.create(
        username=user.username, ip_address="198.51.100.9", attempt_time=now, locked_out=False
    )
    AccessLog.objects.create(username=user.username, ip_address="192.0.2.44", attempt_time=now)
    AccessLog.objects.filter(ip_address="192.0.2.44").update(attempt_time=now - timedelta(days=31))
    AccessLog.objects.create(username=other_user.username, ip_address="192.0.2.99")

    html = user_client.get(reverse("accounts:account_settings")).content.decode()
    assert "203.0.113.5" in html
    assert "198.51.100.9" in html
    assert "192.0.2.44" not in html
    assert "192.0.2.99" not in html


def test_settings_sums_up_what_is_held(user_client, user):
    EpisodeFactory(user=user)
    EpisodeFactory(user=user)
    html = user_client.get(reverse("accounts:account_settings")).content.decode()
    assert "holds 2 episodes, 2 pain readings, 0 share links and 0 two-step login devices" in html
