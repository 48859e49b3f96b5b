"""Signing up tells nobody who has an account: one page and one email, whatever the case."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

User = get_user_model()


def sign_up(client, username, email, password="a-long-unusual-passphrase-77"):  # noqa: S107
    return client.post(
        reverse("signup"),
        {
            "username": username,
            "email": email,
            "password1": password,
            "password2": password,
            "timezone": "UTC",
            "consent_health_data": "on",
        },
        follow=True,
    )


def page_text(response):
    """What a person reads: the page without its per-request token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def confirmation_path(message):
    link = next(line for line in message.body.splitlines() if "/confirm/" in line)
    return link[link.index("/accounts/") :].strip()


def test_a_known_address_gets_the_same_page_and_an_email_saying_so(client, user):
    new = sign_up(Client(), "newcomer", "newcomer@example.com")
    known = sign_up(client, "another", user.email.upper())

    assert new.status_code == known.status_code == 200
    assert page_text(new) == page_text(known)
    assert "already" not in page_text(known)
    assert [m.to for m in mail.outbox] == [["newcomer@example.com"], [user.email.upper()]]
    assert "You already have a BackCare account" in mail.outbox[1].subject
    assert "/accounts/password_reset/" in mail.outbox[1].body
    assert not User.objects.filter(username="another").exists()


@pytest.mark.parametrize(
    "wanted",
    ["alex", "ALEX", "\N{CYRILLIC SMALL LETTER A}lex", "\N{GREEK SMALL LETTER ALPHA}lex"],
    ids=["same", "other-case", "cyrillic-a", "greek-alpha"],
)
def test_a_username_that_is_or_looks_taken_is_answered_by_email_only(client, user, wanted):
    response = sign_up(client, wanted, "someone@example.com")

    assert page_text(response) == page_text(sign_up(Client(), "free-name", "free@example.com"))
    message = mail.outbox[0]
    assert message.to == ["someone@example.com"]
    assert "That username is not available" in message.body
    suggestion = re.search(r'"(\w+\d{4})" was free', message.body)
    assert suggestion
    assert not User.objects.filter(username=suggestion[1]).exists()
    assert user.email not in message.body
    assert User.objects.filter(email="someone@example.com").count() == 0


def test_a_confirmation_link_needs_the_password_chosen_at_signup(client, password):
    sign_up(client, "robin", "robin@example.com", password)
    path = confirmation_path(mail.outbox[0])

    wrong = client.post(path, {"password": "someone-elses-guess"})
    assert wrong.status_code == 400
    assert "not the password chosen" in wrong.content.decode()
    assert not User.objects.get(username="robin").is_active

    assert client.post(path, {"password": password}).status_code == 302
    assert User.objects.get(username="robin").is_active


def test_an_unconfirmed_account_cannot_log_in(client, password):
    sign_up(client, "robin", "robin@example.com", password)
    response = client.post(reverse("login"), {"username": "robin", "password": password})
    assert "Please enter a correct username and password" in response.content.decode()


def test_signing_up_again_before_confirming_starts_over(client, password):
    sign_up(client, "robin", "robin@example.com", "first-long-passphrase-11")
    sign_up(client, "robin2", "robin@example.com", password)

    assert list(
        User.objects.filter(email="robin@example.com").values_list("username", flat=True)
    ) == ["robin2"]
    assert client.get(confirmation_path(mail.outbox[0])).status_code == 404
    assert client.post(confirmation_path(mail.outbox[1]), {"password": password}).status_code == 302


def test_signup_emails_are_limited_per_address(client, settings):
    settings.EMAILS_PER_ADDRESS_PER_HOUR = 3
    for number in range(3):
        sign_up(Client(REMOTE_ADDR=f"203.0.113.{number}"), f"robin{number}", "robin@example.com")
    response = sign_up(client, "robin9", "robin@example.com")
    assert response.status_code == 429
    assert "Several emails have just been sent to that address" in response.content.decode()
    assert len(mail.outbox) == 3


def test_signup_and_reset_emails_are_limited_per_network(settings, user):
    settings.EMAILS_PER_IP_PER_HOUR = 4
    network = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(2):
        sign_up(network, f"robin{number}", f"robin{number}@example.com")
        network.post(
            reverse("password_reset"), {"email": user.email if number else "x@example.com"}
        )
    refused = network.post(reverse("password_reset"), {"email": user.email})
    assert refused.status_code == 429
    assert "from your network" in refused.content.decode()
    assert sign_up(network, "robin7", "robin7@example.com").status_code == 429
    sent = len(mail.outbox)
    assert sent == 3  # two sign-ups and the one reset for an address with an account

    assert (
        Client(REMOTE_ADDR="198.51.100.7")
        .post(reverse("password_reset"), {"email": user.email})
        .status_code
        == 302
    )
