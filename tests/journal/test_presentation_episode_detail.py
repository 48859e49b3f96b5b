"""An episode's warning signs say how urgent each one is, in words as well as colour."""

import re

import pytest

from guidance.models import RedFlag

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

# From the starting content guidance loads: one sign of each urgency, the first long.
EMERGENCY = "Numbness, tingling or weakness in both legs"
URGENT = "Fever or feeling very unwell with back pain"
SEE_DOCTOR = "Numbness, tingling or weakness in one arm or leg"


def warning_signs(html):
    """(urgency class, text) of each warning-sign badge, tags stripped."""
    badges = re.findall(
        r'<span class="badge red-flag-badge red-flag-([a-z_]+)">(.*?)</span></li>', html
    )
    return [(urgency, re.sub(r"<[^>]+>", "", text)) for urgency, text in badges]


def test_each_warning_sign_names_its_urgency_in_words(user_client, user):
    flags = RedFlag.objects.filter(name__in=[EMERGENCY, URGENT, SEE_DOCTOR])
    episode = EpisodeFactory(user=user, red_flags=list(flags))

    html = user_client.get(episode.get_absolute_url()).content.decode()

    assert warning_signs(html) == [
        ("emergency", f"Emergency: {EMERGENCY}"),
        ("urgent", f"Urgent: {URGENT}"),
        ("see_doctor", f"See a doctor: {SEE_DOCTOR}"),
    ]
    assert "text-bg-danger" not in html  # no longer one red for every urgency


def test_an_episode_without_warning_signs_says_none_were_reported(user_client, user):
    episode = EpisodeFactory(user=user)

    html = user_client.get(episode.get_absolute_url()).content.decode()

    assert "None reported" in html
    assert "red-flag-badge" not in html
