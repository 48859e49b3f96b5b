"""The optional "About you" questions: private answers that change the assessment."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.models import RiskFactor
from journal import services

pytestmark = pytest.mark.django_db

ABOUT_YOU = reverse("accounts:about_you")
DASHBOARD = reverse("journal:dashboard")


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(ABOUT_YOU)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_page_asks_each_active_question(user_client):
    html = user_client.get(ABOUT_YOU).content.decode()

    for factor in RiskFactor.objects.active():
        assert factor.question in html
    for factor in RiskFactor.objects.filter(active=False):
        assert factor.question not in html


def test_answers_are_saved_and_shown_again(user_client, user):
    cancer = RiskFactor.objects.get(slug="history-of-cancer")

    response = user_client.post(ABOUT_YOU, {"risk_factors": [cancer.pk]})

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert list(user.profile.risk_factors.all()) == [cancer]
    assert user.profile.about_you_answered_at is not None
    html = user_client.get(ABOUT_YOU).content.decode()
    ticked = re.findall(r'<input type="checkbox"[^>]*\bchecked\b[^>]*>', html)
    assert len(ticked) == 1
    assert f'value="{cancer.pk}"' in ticked[0]


def test_an_unknown_answer_is_refused_and_nothing_saved(user_client, user):
    response = user_client.post(ABOUT_YOU, {"risk_factors": ["999999"]})

    assert response.status_code == 200
    assert "Choose only from the questions listed." in response.content.decode()
    user.profile.refresh_from_db()
    assert user.profile.risk_factors.count() == 0
    assert user.profile.about_you_answered_at is None


def test_the_dashboard_offers_the_questions_until_answered_or_skipped(user_client, user):
    assert "A few questions about you" in user_client.get(DASHBOARD).content.decode()

    user_client.post(ABOUT_YOU, {"skip": "1"})

    assert "A few questions about you" not in user_client.get(DASHBOARD).content.decode()
    user.profile.refresh_from_db()
    assert user.profile.risk_factors.count() == 0


def test_an_answer_changes_the_dashboard_at_once(user_client, user):
    services.episode_quick_log(user=user, severity=4, location="lower")
    assert "See a doctor today" not in user_client.get(DASHBOARD).content.decode()  # cached
    cancer = RiskFactor.objects.get(slug="history-of-cancer")

    user_client.post(ABOUT_YOU, {"risk_factors": [cancer.pk]})

    html = user_client.get(DASHBOARD).content.decode()
    assert "See a doctor today" in html
    assert f"You told us: {cancer.name}." in html


def test_answers_are_private(user_client, user, other_user):
    cancer = RiskFactor.objects.get(slug="history-of-cancer")
    other_user.profile.risk_factors.add(cancer)
    other_user.profile.about_you_answered_at = timezone.now()
    other_user.profile.save()

    html = user_client.get(ABOUT_YOU).content.decode()

    assert "checked" not in html
    user.profile.refresh_from_db()
    assert user.profile.risk_factors.count() == 0


def test_a_retired_question_keeps_its_earlier_answer(user_client, user):
    retired = RiskFactor.objects.get(slug="history-of-cancer")
    user.profile.risk_factors.add(retired)
    RiskFactor.objects.filter(pk=retired.pk).update(active=False)

    user_client.post(ABOUT_YOU, {"risk_factors": []})

    assert list(user.profile.risk_factors.all()) == [retired]


def test_settings_links_the_questions(user_client):
    html = user_client.get(reverse("accounts:account_settings")).content.decode()

    assert f'href="{ABOUT_YOU}"' in html
