"""The assessment reads pain readings: how the pain went during a bout, not only at starts."""

import datetime

import pytest
from django.utils import timezone

from journal import services
from journal.assessment import ThresholdValues, assess, evaluate
from journal.bouts import EpisodeFacts, find_bouts

from .factories import EpisodeFactory

TODAY = datetime.date(2026, 3, 20)


def day(n):
    return TODAY - datetime.timedelta(days=n)


def test_a_bouts_pain_course_is_its_readings_in_order():
    facts = [
        EpisodeFacts(day(5), None, 7, readings=((day(5), 4), (day(3), 7), (day(1), 5))),
        EpisodeFacts(day(2), day(2), 3),  # no readings: its worst pain on its first day
    ]
    [bout] = find_bouts(facts, 3, TODAY, 14)
    assert bout.pain_course == ((day(5), 4), (day(3), 7), (day(2), 3), (day(1), 5))


def test_a_reading_after_today_is_not_counted():
    facts = [
        EpisodeFacts(
            day(1), None, 4, readings=((day(1), 4), (TODAY + datetime.timedelta(days=1), 9))
        )
    ]
    [bout] = find_bouts(facts, 3, TODAY, 14)
    assert bout.pain_course == ((day(1), 4),)


@pytest.mark.parametrize(
    ("readings", "worse"),
    [(((day(3), 3), (day(0), 6)), True), (((day(3), 6), (day(0), 3)), False)],
    ids=["rising-readings", "easing-readings"],
)
def test_one_episode_read_higher_later_is_getting_worse(readings, worse):
    facts = [EpisodeFacts(day(3), None, max(s for _, s in readings), readings=readings)]
    assessment = evaluate(facts, ThresholdValues(), TODAY)
    texts = [reason.text for reason in assessment.reasons]
    assert any("gone up during this bout, from 3 to 6" in text for text in texts) is worse


@pytest.mark.django_db
def test_assess_reads_the_readings_of_the_persons_episodes(user, other_user):
    started = timezone.now() - datetime.timedelta(days=2)
    episode = EpisodeFactory(user=user, ended_at=None, started_at=started, severity=3)
    services.reading_add(episode=episode, severity=7)
    EpisodeFactory(user=other_user, ended_at=None, started_at=started, severity=1)

    assessment = assess(user)

    assert [severity for _, severity in assessment.current_bout.pain_course] == [3, 7]
    assert any("from 3 to 7" in reason.text for reason in assessment.reasons)
