"""History and report show how the pain went within bouts, from the readings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import aggregates, charts
from journal.assessment import Bout

from .conftest import chart_data
from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def easing_bout(user):
    """A four-day episode read at 7, 8, 5 and 2 on its four days."""
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) - datetime.timedelta(
        days=6
    )
    day = datetime.timedelta(days=1)
    return EpisodeFactory(
        user=user,
        started_at=start,
        ended_at=start + 3 * day + datetime.timedelta(hours=2),
        readings=[(start, 7), (start + day, 8), (start + 2 * day, 5), (start + 3 * day, 2)],
    )


def test_history_plots_the_worst_reading_of_each_day(user_client, easing_bout):
    response = user_client.get(reverse("journal:history"), {"range": "30"})
    html = response.content.decode()
    peaks = chart_data(response)["pain"]["peaks"]
    assert [p for p in peaks if p is not None] == [7, 8, 5, 2]
    assert "7 \N{RIGHTWARDS ARROW} 2 (eased)" in html


def test_the_report_says_how_the_pain_went_in_each_bout(user_client, easing_bout):
    html = user_client.get(reverse("journal:report"), {"range": "30"}).content.decode()
    assert "Pain, first day to last" in html
    assert "7 \N{RIGHTWARDS ARROW} 2 (eased)" in html


def test_another_persons_readings_are_not_charted(user_client, other_user):
    EpisodeFactory(user=other_user, severity=9)
    html = user_client.get(reverse("journal:history")).content.decode()
    assert "9/10" not in html


@pytest.mark.parametrize(
    ("course", "words"),
    [
        ((6, 2), "6 → 2 (eased)"),
        ((3, 7), "3 → 7 (worse)"),
        ((4, 4), "4 → 4 (no change)"),
        (None, "no readings"),
    ],
)
def test_course_words(course, words):
    assert charts.course_words(course) == words


def test_pain_course_reads_the_bouts_first_and_last_days():
    day = datetime.date(2026, 3, 1)
    bout = Bout(day, day + datetime.timedelta(days=2), False, 3, 8, 1, (), False)
    peaks = {day - datetime.timedelta(days=1): 9, day: 6, day + datetime.timedelta(days=2): 3}
    assert aggregates.pain_course(bout, peaks) == (6, 3)
