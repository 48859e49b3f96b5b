"""The printable report for a doctor: what a clinician needs, for the chosen range."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal.report import REPORT_BOUTS, REPORT_RED_FLAGS

from .conftest import assert_no_inline_code, days_ago, history_of
from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

pytestmark = pytest.mark.django_db

REPORT = reverse("journal:report")
# Session, user, profile, the assessment (seven; one when cached), one per section (five),
# the readings per day of the bouts listed.
REPORT_QUERIES = 16


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
        r'<th scope="row">Hot water bottle</th><td>2</td><td>\+1.5</td><td>A little better</td>',
        html,
    )
    assert "Could not get out of bed." in html
    assert "A" * 279 + "…" in html and "A" * 300 not in html
    assert html.index("Could not get out of bed.") < html.index("A" * 100)  # newest first


def trend_rows(html):
    section = re.search(r'aria-labelledby="trend-heading">(.*?)</section>', html, re.S).group(1)
    return re.findall(r'<th scope="row">([^<]*)</th>', section)


def test_report_trend_is_monthly_for_a_year(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(300), severity=2)
    EpisodeFactory(user=user, started_at=days_ago(3), severity=8)

    html = user_client.get(f"{REPORT}?range=365").content.decode()

    assert "Pain by month" in html
    assert trend_rows(html) == [
        f"{timezone.localdate() - datetime.timedelta(days=n):%B %Y}" for n in (300, 3)
    ]


def test_report_trend_of_ten_years_is_by_the_year(user_client, user):
    for n in range(0, 3650, 30):
        EpisodeFactory(user=user, started_at=days_ago(n), severity=5)

    html = user_client.get(f"{REPORT}?range=all").content.decode()

    first = timezone.localdate() - datetime.timedelta(days=3630)
    assert "Pain by year" in html
    assert trend_rows(html) == [
        str(year) for year in range(first.year, timezone.localdate().year + 1)
    ]
    assert "122 episodes starting on 122 days; average pain 5.0/10" in html


def test_report_trend_of_four_years_is_by_the_quarter(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(4 * 365), severity=5)
    EpisodeFactory(user=user, started_at=days_ago(1), severity=7)

    html = user_client.get(f"{REPORT}?range=all").content.decode()

    assert "Pain by quarter" in html
    first = timezone.localdate() - datetime.timedelta(days=4 * 365)
    quarter = (first.month - 1) // 3
    months = ["January", "April", "July", "October"], ["March", "June", "September", "December"]
    assert trend_rows(html)[0] == f"{months[0][quarter]} to {months[1][quarter]} {first.year}"
    assert len(trend_rows(html)) == 2


def test_report_lists_the_latest_bouts_and_names_the_longest(user_client, user):
    for n in range(REPORT_BOUTS + 3):  # one-day bouts a week apart, oldest first
        EpisodeFactory(user=user, started_at=days_ago(200 - 7 * n))
    for n in range(250, 230, -1):  # twenty days in a row, long before
        EpisodeFactory(user=user, started_at=days_ago(n))

    html = user_client.get(f"{REPORT}?range=365").content.decode()

    section = re.search(r'aria-labelledby="bouts-heading">(.*?)</section>', html, re.S).group(1)
    listed = re.findall(r'<th scope="row">([^<]*)</th>', section)
    assert listed == [on(200 - 7 * n) for n in range(3, REPORT_BOUTS + 3)]
    assert f"The {REPORT_BOUTS} most recent of {REPORT_BOUTS + 4} bouts" in html
    assert f"The longest started {on(250)} and lasted 20 days." in html
    assert f"{REPORT_BOUTS + 4} bouts; 1 lasted longer than 14 days." in html


def test_report_lists_the_latest_warning_signs(user_client, user):
    numb = RedFlagFactory(name="Numb left foot", urgency="see_doctor")
    for n in range(REPORT_RED_FLAGS + 5, 0, -1):
        EpisodeFactory(user=user, started_at=days_ago(n), red_flags=[numb])

    html = user_client.get(REPORT).content.decode()

    section = re.search(r'aria-labelledby="flags-heading">(.*?)</section>', html, re.S).group(1)
    listed = re.findall(r'<th scope="row">([^<]*)</th>', section)
    assert listed == [on(n) for n in range(REPORT_RED_FLAGS, 0, -1)]
    assert f"The {REPORT_RED_FLAGS} most recent are listed." in html


def test_report_lists_every_warning_sign_when_there_are_few(user_client, user, long_bout):
    html = user_client.get(REPORT).content.decode()

    assert "most recent are listed" not in html
    assert "most recent of" not in html


def test_report_range_leaves_out_older_episodes(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(60), notes="Two months ago")
    EpisodeFactory(user=user, started_at=days_ago(10), notes="Ten days ago")

    html = user_client.get(f"{REPORT}?range=30").content.decode()

    assert "Ten days ago" in html
    assert "Two months ago" not in html


def test_every_report_table_scrolls_inside_its_own_labelled_region(user_client, user, long_bout):
    # On a phone a wide table scrolls within itself instead of widening the page; the
    # region can take keyboard focus so it can be scrolled without a mouse.
    relief = RemedyFactory(name="Warm shower")
    RemedyUseFactory(episode=EpisodeFactory(user=user, started_at=days_ago(2)), remedy=relief)

    html = user_client.get(REPORT).content.decode()

    tables = re.findall(r"<table\b", html)
    wrapped = re.findall(
        r'<div class="table-responsive" role="region" aria-labelledby="([a-z-]+)" '
        r'tabindex="0">\s*<table\b[^>]*>\s*<caption id="([a-z-]+)"',
        html,
    )
    assert len(tables) == 4  # bouts, warning signs, pain by month, remedies
    assert len(wrapped) == len(tables)
    assert all(region == caption for region, caption in wrapped)


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


def _chosen(html, name):
    """The value the report's forms start from: the range controls' date, or the share
    form's selected range."""
    if name == "share-range":
        return re.search(r'<option value="(\w+)" selected>', html)[1]
    return re.search(rf'<input type="date" name="{name}"(?: value="([\d-]*)")?', html)[1] or ""


def test_each_range_draws_its_own_dates_and_share_choice(user_client, user):
    # The blank forms are drawn once per set of values and kept (journal.blank_forms):
    # each range still gets its own.
    shown = {}
    for query in ("range=365", "range=30", "start=2026-01-05&end=2026-02-01", "range=365"):
        html = user_client.get(f"{REPORT}?{query}").text
        shown.setdefault(query, []).append(
            (_chosen(html, "start"), _chosen(html, "end"), _chosen(html, "share-range"))
        )
    today = timezone.localdate()
    year_ago = f"{today - datetime.timedelta(days=364):%Y-%m-%d}"
    assert shown["range=365"] == [(year_ago, "", "365")] * 2
    assert shown["range=30"] == [(f"{today - datetime.timedelta(days=29):%Y-%m-%d}", "", "30")]
    assert shown["start=2026-01-05&end=2026-02-01"] == [("2026-01-05", "2026-02-01", "custom")]


def test_a_share_form_sent_back_keeps_its_answers_and_says_what_is_wrong(user_client, user):
    user_client.get(REPORT)  # the blank form drawn and kept
    response = user_client.post(reverse("journal:share_create"), {"range": "30", "lasts": "99"})
    assert response.status_code == 400
    html = response.text
    assert "Choose 1, 7 or 30 days." in html
    assert _chosen(html, "share-range") == "30"
