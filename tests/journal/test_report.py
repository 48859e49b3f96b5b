"""The printable report for a doctor: what a clinician needs, for the chosen range."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)
from .test_history_views import assert_no_inline_code, days_ago, history_of

pytestmark = pytest.mark.django_db

REPORT = reverse("journal:report")
REPORT_QUERIES = 14  # session, user, profile, the assessment's four, one per section


def on(n):
    return f"{timezone.localdate() - datetime.timedelta(days=n):%-d %b %Y}"


@pytest.fixture
def long_bout(user):
    """Sixteen days in a row ending five days ago, with a warning sign on day 12."""
    numb = RedFlagFactory(name="Numb left foot", urgency="see_doctor")
    for n in range(20, 4, -1):
        EpisodeFactory(
            user=user,
            started_at=days_ago(n),
            severity=6,
            red_flags=[numb] if n == 9 else [],
        )
    return numb


def test_report_names_the_person_range_and_date(user_client, user):
    user.first_name, user.last_name = "Alex", "Moreno"
    user.save()

    html = user_client.get(f"{REPORT}?range=30").content.decode()

    assert "Alex Moreno (alex)" in html
    assert f"Past 30 days: {timezone.localdate() - datetime.timedelta(days=29):%-d %B %Y}" in html
    assert f"{timezone.localdate():%-d %B %Y}," in html  # generated on


def test_report_shows_the_current_assessment(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(16), ended_at=None, severity=5)

    html = user_client.get(REPORT).content.decode()

    assert "Current assessment: See a doctor: book an appointment" in html
    assert "Your current bout has lasted 17 days, longer than 14 days." in html


def test_report_lists_bouts_against_the_threshold_and_red_flags_with_dates(
    user_client, user, long_bout
):
    EpisodeFactory(user=user, started_at=days_ago(40), severity=3)

    response = user_client.get(REPORT)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bouts and the 14-day threshold" in html
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\">([^<]+)</th>(.*?)</tr>", html, re.S)
    bouts = {day: cells for day, cells in rows if day in (on(40), on(20))}
    assert "<td>16</td>" in bouts[on(20)] and "<strong>Yes</strong>" in bouts[on(20)]
    assert "Numb left foot" in bouts[on(20)]
    assert "<td>1</td>" in bouts[on(40)] and "<td>No</td>" in bouts[on(40)]
    assert re.search(
        rf"<th scope=\"row\">{on(9)}</th><td>Numb left foot</td><td>Book an appointment with a doctor</td>",
        html,
    )
    assert "2 bouts; 1 lasted longer than 14 days." in html


def test_report_shows_trend_triggers_remedies_and_notes(user_client, user):
    lifting = TriggerFactory(name="Moving furniture")
    warmth = RemedyFactory(name="Hot water bottle")
    first = EpisodeFactory(
        user=user, started_at=days_ago(3), severity=4, triggers=[lifting], notes="A" * 400
    )
    second = EpisodeFactory(
        user=user, started_at=days_ago(2), severity=8, notes="Could not get out of bed."
    )
    RemedyUseFactory(episode=first, remedy=warmth, effect=2)
    RemedyUseFactory(episode=second, remedy=warmth, effect=1)

    html = user_client.get(REPORT).content.decode()

    assert "2 episodes starting on 2 days; average pain 6.0/10, worst 8/10." in html
    assert "Pain by month" in html
    assert "Moving furniture: 1 episode" in html
    assert re.search(
        r'<th scope="row">Hot water bottle</th><td>2</td><td>1.5</td><td>(A little|Much) better</td>',
        html,
    )
    assert "Could not get out of bed." in html
    assert "A" * 279 + "…" in html and "A" * 300 not in html
    assert html.index("Could not get out of bed.") < html.index("A" * 100)  # newest first


def test_report_range_leaves_out_older_episodes(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(60), notes="Two months ago")
    EpisodeFactory(user=user, started_at=days_ago(10), notes="Ten days ago")

    html = user_client.get(f"{REPORT}?range=30").content.decode()

    assert "Ten days ago" in html
    assert "Two months ago" not in html


def test_report_print_button_uses_a_script_file(user_client):
    response = user_client.get(REPORT)

    html = response.content.decode()
    assert '<button type="button" id="print-report"' in html
    assert 'src="/static/journal/report.js"' in html
    assert 'href="/static/css/report-print.css"' in html
    assert_no_inline_code(html)


def test_report_bad_range_is_explained(user_client):
    response = user_client.get(f"{REPORT}?start=2026-02-30")

    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in response.content.decode()


def test_report_never_shows_other_peoples_data(user_client, other_user):
    flag = RedFlagFactory(name="Their warning sign")
    EpisodeFactory(user=other_user, started_at=days_ago(2), notes="Their note", red_flags=[flag])

    html = user_client.get(REPORT).content.decode()

    assert "Their note" not in html
    assert "Their warning sign" not in html
    assert "No current bout" in html


@pytest.mark.parametrize("count", [10, 2000], ids=["10 episodes", "2000 episodes"])
def test_report_queries_do_not_grow_with_the_journal(
    user_client, user, count, django_assert_max_num_queries
):
    history_of(user, count)

    with django_assert_max_num_queries(REPORT_QUERIES):
        response = user_client.get(f"{REPORT}?range=all")

    assert response.status_code == 200


def test_report_makes_the_same_queries_for_10_and_2000_episodes(user_client, user):
    history_of(user, 10)
    with CaptureQueriesContext(connection) as small:
        user_client.get(f"{REPORT}?range=all")
    history_of(user, 1990)
    with CaptureQueriesContext(connection) as large:
        user_client.get(f"{REPORT}?range=all")

    assert len(large) == len(small)
