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


SEVERE = 8


def severe_days(start, end, readings, severity=None):
    facts = EpisodeFacts(
        day(start),
        None if end is None else day(end),
        severity if severity is not None else max(s for _, s in readings),
        readings=tuple((day(n), s) for n, s in readings),
    )
    [bout] = find_bouts([facts], 3, TODAY, 14, severe_level=SEVERE)
    return bout.severe_days


@pytest.mark.parametrize(
    ("start", "end", "readings", "days"),
    [
        pytest.param(0, None, [(0, 8)], 1, id="a reading at the level is severe"),
        pytest.param(0, None, [(0, 7)], 0, id="a reading just below is not"),
        pytest.param(3, None, [(3, 8)], 4, id="carried from the start to today: four days"),
        pytest.param(3, None, [(3, 7)], 0, id="carried just below: none"),
        pytest.param(3, None, [(3, 8), (1, 7)], 2, id="eased below on day three: two days"),
        pytest.param(3, None, [(3, 8), (1, 8)], 4, id="still at the level on day three"),
        pytest.param(3, None, [(3, 3), (1, 9)], 2, id="rose to severe on day three"),
        pytest.param(3, None, [(3, 3), (1, 9), (1, 2)], 1, id="severe and eased the same day"),
        pytest.param(3, 2, [(3, 9)], 2, id="an ended episode stops at its end"),
        pytest.param(
            5, None, [(5, 9), (4, 2)], 1, id="a peak of nine read once, then eased: one day"
        ),
    ],
)
def test_severe_days_follow_the_readings(start, end, readings, days):
    assert severe_days(start, end, readings) == days


@pytest.mark.parametrize(
    ("severity", "days"),
    [pytest.param(8, 3, id="no readings, worst at the level"), pytest.param(7, 0, id="below")],
)
def test_an_episode_without_readings_counts_its_worst_pain_every_day(severity, days):
    [bout] = find_bouts([EpisodeFacts(day(2), None, severity)], 3, TODAY, 14, severe_level=SEVERE)
    assert bout.severe_days == days


@pytest.mark.parametrize(
    ("readings", "level"),
    [
        pytest.param([(3, 9), (0, 9)], "see_doctor", id="severe three days running: see a doctor"),
        pytest.param([(3, 9), (2, 4)], "watch", id="severe once, then eased: watch"),
    ],
)
def test_the_severe_pain_rule_reads_the_readings(readings, level):
    facts = [EpisodeFacts(day(3), None, 9, readings=tuple((day(n), s) for n, s in readings))]
    assert evaluate(facts, ThresholdValues(), TODAY).level == level
