"""Consent to store health information: at signup, and once for accounts from before."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.consent import CONSENT_REQUIRED
from accounts.models import Profile
from accounts.privacy import NOTICE

pytestmark = pytest.mark.django_db

User = get_user_model()


def signup_form(**changes):
    return {
        "username": "robin",
        "email": "robin@example.com",
        "password1": "a-long-unusual-passphrase-77",
        "password2": "a-long-unusual-passphrase-77",
        "timezone": "UTC",
        "consent_health_data": "on",
        **changes,
    }


def test_the_consent_box_is_not_ticked_and_links_the_notice(client):
    html = client.get(reverse("signup")).content.decode()
    box = next(tag for tag in html.split("<input") if 'name="consent_health_data"' in tag)
    assert 'type="checkbox"' in box
    assert "checked" not in box
    assert f'href="{reverse("privacy")}"' in html


def test_signup_without_consent_is_refused_and_nothing_is_stored(client):
    form = signup_form()
    del form["consent_health_data"]
    response = client.post(reverse("signup"), form)
    assert response.status_code == 200
    assert CONSENT_REQUIRED in response.content.decode()
    assert not User.objects.filter(username="robin").exists()
    assert not Profile.objects.filter(user__username="robin").exists()
    assert mail.outbox == []


def test_signup_stores_the_time_and_version_agreed_to(client):
    before = timezone.now()
    client.post(reverse("signup"), signup_form())
    profile = Profile.objects.get(user__username="robin")
    assert profile.health_data_consent_version == NOTICE.version
    assert before <= profile.health_data_consent_at <= timezone.now()
    assert len(mail.outbox) == 1


@pytest.fixture
def earlier_client(client, django_user_model, password):
    """Someone who signed up before consent was asked."""
    person = django_user_model.objects.create_user("early", "early@example.com", password)
    client.force_login(person)
    return client


def test_an_earlier_account_is_asked_before_its_journal_and_then_reaches_it(earlier_client):
    asked = earlier_client.get(reverse("journal:history"))
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("accounts:consent"))
    page = earlier_client.get(asked["Location"])
    assert 'name="consent_health_data"' in page.content.decode()

    agreed = earlier_client.post(
        asked["Location"], {"consent_health_data": "on", "next": reverse("journal:history")}
    )
    assert agreed["Location"] == reverse("journal:history")
    profile = Profile.objects.get(user__username="early")
    assert profile.health_data_consent_version == NOTICE.version
    assert profile.health_data_consent_at is not None
    assert earlier_client.get(reverse("journal:history")).status_code == 200


def test_agreeing_needs_the_box_ticked(earlier_client):
    response = earlier_client.post(reverse("accounts:consent"), {})
    assert response.status_code == 200
    assert Profile.objects.get(user__username="early").health_data_consent_at is None


def test_declining_offers_the_downloads_then_deletion(earlier_client):
    html = earlier_client.post(reverse("accounts:consent"), {"decline": "1"}).content.decode()
    for name in ("journal:export_csv", "journal:export_json", "journal:export_fhir"):
        assert f'href="{reverse(name)}"' in html
    assert html.index(reverse("journal:export_json")) < html.index(
        reverse("accounts:account_delete")
    )
    assert Profile.objects.get(user__username="early").health_data_consent_at is None
    # The downloads work without agreeing, so the data can leave before the account does.
    assert earlier_client.get(reverse("journal:export_json")).status_code == 200


def test_a_notice_change_that_needs_consent_asks_again(user_client, user, monkeypatch):
    assert user_client.get(reverse("journal:dashboard")).status_code == 200
    monkeypatch.setattr("accounts.consent.CONSENT_VERSION", NOTICE.version + 1)
    assert user_client.get(reverse("journal:dashboard")).status_code == 302


def test_the_next_address_must_be_on_this_site(earlier_client):
    response = earlier_client.post(
        reverse("accounts:consent"),
        {"consent_health_data": "on", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("journal:dashboard")
