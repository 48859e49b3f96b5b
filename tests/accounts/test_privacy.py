"""The privacy notice: plain words, figures that follow the settings, linked where it
matters; and security.txt."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.privacy import CONSENT_VERSION, NOTICE
from guidance.readability import PLAIN_GRADE, grade_level

pytestmark = pytest.mark.django_db


def notice_text(html: str) -> str:
    """The notice as a reader reads it: headings, paragraphs and list items apart."""
    body = html.split("data-privacy-notice>", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<li[^>]*>", "\n- ", body)
    body = re.sub(r"</(p|h1|h2|ul)>", "\n\n", body)
    return re.sub(r"<[^>]+>", " ", body)


def test_the_notice_is_written_plainly(client):
    html = client.get(reverse("privacy")).content.decode()
    text = notice_text(html)
    assert "Who can see it" in text
    assert grade_level(text) <= PLAIN_GRADE


def test_the_notice_says_its_version_and_date(client):
    html = client.get(reverse("privacy")).content.decode()
    assert f"Version {NOTICE.version}, {NOTICE.day:%-d %B %Y}" in html
    assert NOTICE.version >= CONSENT_VERSION


def test_the_notice_names_every_cookie_the_site_sets(client, settings):
    html = client.get(reverse("privacy")).content.decode()
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "backcare_device"):
        assert f"<code>{name}</code>" in html


@pytest.mark.parametrize(
    ("setting", "value", "shown"),
    [
        ("LOGIN_LOG_DAYS", 45, "kept for 45 days"),
        ("SHARE_LINK_GRACE_DAYS", 9, "deleted 9 days later"),
        ("BACKUP_KEEP_DAYS", 21, "deleted after 21 days"),
        ("SESSION_COOKIE_AGE", 3 * 24 * 60 * 60, "after 3 days"),
    ],
    ids=["login-records", "share-links", "backups", "session-length"],
)
def test_the_notice_figures_follow_the_settings(client, settings, setting, value, shown):
    assert shown not in client.get(reverse("privacy")).content.decode()
    setattr(settings, setting, value)
    assert shown in client.get(reverse("privacy")).content.decode()


def test_the_notice_is_linked_from_every_page_signup_and_settings(user_client):
    link = f'href="{reverse("privacy")}"'
    anyone = Client()
    assert link in anyone.get(reverse("home")).content.decode()
    assert link in anyone.get(reverse("signup")).content.decode()
    assert link in user_client.get(reverse("accounts:account_settings")).content.decode()


def test_security_txt_gives_contact_and_expiry_from_settings(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@backcare.example"
    settings.SECURITY_TXT_EXPIRES = "2027-06-30T00:00:00Z"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@backcare.example" in lines
    assert "Expires: 2027-06-30T00:00:00Z" in lines
