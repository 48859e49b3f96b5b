"""Password guessing: the real address behind a proxy, per-username slow-down that spares
the owner's own device, a per-address limit, overlong usernames, and password re-entry."""

import time

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.client_ip import client_ip
from accounts.login_limits import KNOWN_DEVICE_COOKIE

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
LOGIN = reverse("login")


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1


def from_address(forwarded_for, remote=PROXY):
    """A browser whose requests reach the site through the proxy at `remote`."""
    return Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("behind", "hops", "forwarded", "expected"),
    [
        (False, 1, "203.0.113.9", PROXY),
        (True, 1, "203.0.113.9", "203.0.113.9"),
        (True, 1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        (True, 2, "198.51.100.7, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (True, 2, "203.0.113.9", PROXY),
        (True, 1, "", PROXY),
        (True, 1, "not-an-address", PROXY),
        (True, 1, "2001:db8::1", "2001:db8::1"),
    ],
    ids=[
        "no-proxy-header-ignored",
        "one-proxy",
        "client-written-entries-ignored",
        "two-proxies",
        "too-few-entries",
        "no-header",
        "garbage",
        "ipv6",
    ],
)
def test_client_address(settings, behind, hops, forwarded, expected):
    settings.BEHIND_PROXY = behind
    settings.TRUSTED_PROXY_COUNT = hops
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_the_proxy_guessing_elsewhere_does_not_lock_the_owner_out(
    axes_on, behind_proxy, user, password
):
    attacker = from_address("203.0.113.9")
    for _ in range(5):
        log_in(attacker, user.username, "wrong")
    assert log_in(attacker, user.username, password).status_code == 429
    # Writing the owner's address into the header does not help: the proxy's entry counts.
    spoofing = from_address("198.51.100.7, 203.0.113.9")
    assert log_in(spoofing, user.username, password).status_code == 429

    owner = from_address("198.51.100.7")
    response = log_in(owner, user.username, password)
    assert response.status_code == 302
    assert logged_in(owner)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_without_the_proxy_setting_the_header_cannot_dodge_the_lockout(axes_on, user, password):
    for number in range(5):
        log_in(from_address(f"203.0.113.{number}"), user.username, "wrong")
    assert log_in(from_address("203.0.113.99"), user.username, password).status_code == 429


def test_guessing_one_username_from_many_addresses_is_slowed(
    behind_proxy, settings, user, password
):
    settings.LOGIN_SLOWDOWN_AFTER = 10
    for number in range(10):
        assert (
            log_in(from_address(f"203.0.113.{number}"), user.username, "wrong").status_code == 200
        )

    stranger = from_address("203.0.113.50")
    response = log_in(stranger, user.username, password)
    assert response.status_code == 429
    assert "slowed down" in response.content.decode()
    assert "try again in 1 minute" in response.content.decode()
    assert not logged_in(stranger)


def test_the_slow_down_allows_one_try_per_wait_and_the_wait_doubles(
    behind_proxy, settings, user, password
):
    settings.LOGIN_SLOWDOWN_AFTER = 3
    settings.LOGIN_SLOWDOWN_FIRST_WAIT_SECONDS = 1
    for number in range(3):
        log_in(from_address(f"203.0.113.{number}"), user.username, "wrong")
    assert log_in(from_address("203.0.113.10"), user.username, "wrong").status_code == 429
    time.sleep(1.1)
    assert log_in(from_address("203.0.113.11"), user.username, "wrong").status_code == 200
    # That failure doubled the wait to 2 seconds.
    time.sleep(1.1)
    assert log_in(from_address("203.0.113.12"), user.username, password).status_code == 429
    time.sleep(1)
    assert log_in(from_address("203.0.113.13"), user.username, password).status_code == 302


def test_the_owners_own_device_is_not_slowed(behind_proxy, settings, user, password):
    settings.LOGIN_SLOWDOWN_AFTER = 10
    phone = from_address("198.51.100.7")
    log_in(phone, user.username, password)
    assert KNOWN_DEVICE_COOKIE in phone.cookies
    phone.post(reverse("logout"))

    for number in range(30):
        log_in(from_address(f"203.0.113.{number}"), user.username, "wrong")
    assert log_in(from_address("203.0.113.99"), user.username, password).status_code == 429

    response = log_in(phone, user.username, password)
    assert response.status_code == 302
    assert logged_in(phone)
    # Its login gives the guessers no fresh tries.
    assert log_in(from_address("203.0.113.98"), user.username, password).status_code == 429


def test_a_forged_known_device_cookie_does_not_help(behind_proxy, settings, user, password):
    settings.LOGIN_SLOWDOWN_AFTER = 2
    for number in range(2):
        log_in(from_address(f"203.0.113.{number}"), user.username, "wrong")
    forger = from_address("203.0.113.9")
    forger.cookies[KNOWN_DEVICE_COOKIE] = '["alex"]'
    assert log_in(forger, user.username, password).status_code == 429


def test_one_address_guessing_across_usernames_is_stopped(
    behind_proxy, settings, make_user, password
):
    settings.LOGIN_IP_FAILURE_LIMIT = 20
    people = [make_user() for _ in range(6)]
    guesser = from_address("203.0.113.9")
    for attempt in range(20):
        log_in(guesser, people[attempt % 5].username, "wrong")
    response = log_in(guesser, people[5].username, password)
    assert response.status_code == 429
    assert "from your network" in response.content.decode()
    assert not logged_in(guesser)

    elsewhere = from_address("198.51.100.7")
    assert log_in(elsewhere, people[5].username, password).status_code == 302


@pytest.mark.parametrize("length", [151, 256, 100_000])
def test_an_overlong_username_is_a_wrong_login_and_stores_nothing(axes_on, client, length):
    response = log_in(client, "x" * length, "whatever")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's column limit")
def test_an_overlong_username_is_no_500_on_postgresql(axes_on, client):
    assert log_in(client, "x" * 300, "whatever").status_code == 200


@pytest.mark.parametrize(
    ("url_name", "form"),
    [
        (
            "accounts:password_change",
            {
                "old_password": "wrong",
                "new_password1": "n3w-long-pass!",
                "new_password2": "n3w-long-pass!",
            },
        ),
        ("accounts:account_delete", {"password": "wrong"}),
    ],
    ids=["password-change", "delete-account"],
)
def test_five_wrong_password_reentries_end_the_session(
    axes_on, user_client, user, password, url_name, form
):
    url = reverse(url_name)
    for _ in range(4):
        assert user_client.post(url, form).status_code == 200
    response = user_client.post(url, form, follow=True)
    assert "You were logged out after 5 wrong passwords" in response.content.decode()
    assert not logged_in(user_client)
    assert get_user_model().objects.filter(pk=user.pk).exists()
    user.refresh_from_db()
    assert user.check_password(password)
    # Counted with the login limits: this username and address pair is now locked.
    assert log_in(user_client, user.username, password).status_code == 429
