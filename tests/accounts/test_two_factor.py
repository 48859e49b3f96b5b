"""Two-step login: staff set it up on their first visit to the admin and use it after;
anyone may turn it on in Settings. Codes are worked out here from the device's key, as
an authenticator app would."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_need_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True


def code_for(device, later=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():0{device.digits}d}"


def log_in(client, username, password, login_url=None):
    return client.post(
        login_url or reverse("login"), {"username": username, "password": password}, follow=True
    )


@pytest.fixture
def staff(password):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", password)


def test_staff_set_up_a_second_factor_before_the_admin_and_use_it_next_time(staff, password):
    browser = Client()
    arrived = log_in(browser, "editor", password, reverse("admin:login") + "?next=/admin/")
    assert arrived.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))
    html = arrived.content.decode()
    assert "<svg" in html  # the QR code, drawn on the server
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    key = re.search(r'<code class="user-select-all">([A-Z2-7]+)</code>', html)[1]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert device.config_url.count(key) == 1

    wrong = browser.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400
    time.sleep(1.1)  # after a wrong code django-otp waits a second before the next
    done = browser.post(
        reverse("accounts:two_factor_setup") + "?next=/admin/",
        {"code": code_for(device), "next": "/admin/"},
    )
    recovery_codes = re.findall(r"<li>(\w+)</li>", done.content.decode())
    assert len(recovery_codes) == 10
    assert browser.get("/admin/").status_code == 200

    # Next time: password, then a code (here one of the recovery codes, each works once).
    again = Client()
    asked = log_in(again, "editor", password, reverse("admin:login") + "?next=/admin/")
    assert "Enter your code" in asked.content.decode()
    assert again.get("/admin/").status_code == 302
    refused = again.post(reverse("accounts:two_factor_verify"), {"code": "12345678"})
    assert "That code is not right" in refused.content.decode()
    time.sleep(1.1)
    verified = again.post(
        reverse("accounts:two_factor_verify"), {"code": recovery_codes[0], "next": "/admin/"}
    )
    assert verified.url == "/admin/"
    assert again.get("/admin/").status_code == 200

    third = Client()
    log_in(third, "editor", password)
    third.post(reverse("accounts:two_factor_verify"), {"code": recovery_codes[0]})
    assert third.get("/admin/").status_code == 302  # that recovery code was used up


def test_staff_cannot_reach_the_admin_on_a_password_alone(staff, password):
    browser = Client()
    log_in(browser, "editor", password, reverse("admin:login"))
    response = browser.get("/admin/guidance/article/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor_setup"))


def test_a_journal_user_may_turn_it_on_in_settings_and_is_then_asked_for_a_code(user, password):
    browser = Client()
    log_in(browser, user.username, password)
    settings_page = browser.get(reverse("accounts:account_settings")).content.decode()
    assert "Turn on two-step login" in settings_page
    browser.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    browser.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    assert (
        "On: after your password"
        in browser.get(reverse("accounts:account_settings")).content.decode()
    )

    phone = Client()
    log_in(phone, user.username, password)
    blocked = phone.get(reverse("journal:dashboard"))
    assert blocked.status_code == 302
    assert blocked.url.startswith(reverse("accounts:two_factor_verify"))
    device.refresh_from_db()
    phone.post(reverse("accounts:two_factor_verify"), {"code": code_for(device, later=30)})
    assert phone.get(reverse("journal:dashboard")).status_code == 200


def test_users_without_two_factor_are_not_asked(user_client):
    assert user_client.get(reverse("journal:dashboard")).status_code == 200
