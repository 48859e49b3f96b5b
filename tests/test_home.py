import re

import pytest
from django.urls import reverse

from guidance.models import Article, RedFlag
from tests.guidance.factories import ArticleFactory, RedFlagFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def test_home_says_what_backcare_is_and_offers_sign_up(client):
    html = client.get(HOME).content.decode()

    assert "<h1" in html
    assert "private journal" in html
    assert f'href="{reverse("journal:episode_create")}">Log an episode</a>' in html
    assert f'href="{reverse("signup")}">Sign up</a>' in html
    assert f'href="{reverse("login")}">Log in</a>' in html
    assert f'href="{reverse("guidance:index")}"' in html
    assert f'href="{reverse("journal:dashboard")}"' in html


def test_home_for_a_logged_in_person_opens_the_journal(user_client):
    html = user_client.get(HOME).content.decode()

    assert "Open your journal" in html
    assert ">Sign up</a>" not in html
    assert "Log an episode" in html


def test_home_links_to_each_guidance_section(client):
    html = client.get(HOME).content.decode()

    for section, label in Article.Section.choices:
        first = Article.objects.published().filter(section=section).in_reading_order().first()
        assert f'href="{first.get_absolute_url()}">{label}</a>' in html


def test_home_does_not_link_to_drafts(client):
    Article.objects.filter(section=Article.Section.OUTLOOK).delete()
    draft = ArticleFactory(section=Article.Section.OUTLOOK, status=Article.Status.DRAFT)

    html = client.get(HOME).content.decode()

    assert draft.get_absolute_url() not in html
    assert ">Outlook</a>" not in html


def test_home_lists_emergency_signs_from_the_red_flags(client):
    RedFlagFactory(name="A brand new emergency sign", urgency=RedFlag.Urgency.EMERGENCY)
    RedFlagFactory(name="A routine sign", urgency=RedFlag.Urgency.SEE_DOCTOR)

    html = client.get(HOME).content.decode()

    assert "call your emergency number now" in html.lower()
    assert "A brand new emergency sign" in html
    assert "A routine sign" not in html


def test_home_has_no_inline_script(client):
    html = client.get(HOME).content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag
    assert not re.search(r"\s(on[a-z]+|style)=", html)


def test_in_pain_right_now_comes_first_with_self_care_and_warning_signs(client):
    html = client.get(HOME).content.decode()
    main = html[html.index("<main") :]

    first_heading = re.search(r"<h1[^>]*>(.*?)</h1>", main, re.S).group(1)
    assert first_heading.strip() == "In pain right now?"
    card = main[: main.index("</section>")]
    assert 'href="/guidance/self-care-at-home/"' in card
    assert 'href="/guidance/when-to-see-a-doctor/#warning-signs"' in card
    assert "Log it now" not in card  # the quick log is for people with a journal


def test_logged_in_home_offers_the_quick_log_in_the_first_card(user_client):
    html = user_client.get(HOME).content.decode()
    main = html[html.index("<main") :]
    card = main[: main.index("</section>")]

    assert 'action="/journal/log-now/"' in card
    assert 'name="severity"' in card
    assert "Log it now" in card


def test_quick_log_from_home_is_stored(user_client, user):
    response = user_client.post(
        "/journal/log-now/", {"severity": "6", "location": "lower"}, follow=True
    )

    assert response.status_code == 200
    assert user.episodes.get().severity == 6
