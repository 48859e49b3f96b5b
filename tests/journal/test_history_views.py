"""The history page: ranges in the URL, charts with summaries and tables, flat query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import CareThresholds

from .conftest import assert_no_inline_code, chart_data, days_ago, history_of
from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
    bulk_history,
)

pytestmark = pytest.mark.django_db

HISTORY = reverse("journal:history")
CHART_KEYS = ["pain", "bouts", "frequency", "triggers", "remedies", "locations"]
# Session, user, profile, the assessment (seven; one when cached), the days, the readings
# per day, three counts.
HISTORY_QUERIES = 15


@pytest.fixture
def london(user):
    user.profile.timezone = "Europe/London"
    user.profile.save()
    return user


@pytest.mark.parametrize(
    "name", ["history", "report", "export_csv", "export_json", "import"], ids=str
)
def test_anonymous_visitor_is_sent_to_log_in(client, name):
    url = reverse(f"journal:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_empty_range_shows_a_friendly_empty_state_without_charts(user_client):
    response = user_client.get(HISTORY)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing logged in this range" in html
    assert reverse("journal:episode_create") in html
    assert "chart-svg" not in html
    assert chart_data(response) is None


def test_charts_have_heading_summary_drawing_and_data_table(user_client, user):
    lifting = TriggerFactory(name="Lifting the shopping")
    heat = RemedyFactory(name="Warm bath")
    episode = EpisodeFactory(
        user=user, started_at=days_ago(3), severity=8, location="neck", triggers=[lifting]
    )
    RemedyUseFactory(episode=episode, remedy=heat, effect=2)

    response = user_client.get(HISTORY)

    html = response.content.decode()
    assert response.status_code == 200
    assert_no_inline_code(html)
    assert list(chart_data(response)) == CHART_KEYS
    for key in CHART_KEYS:
        drawing = re.search(rf'<svg id="chart-{key}"[^>]*>', html).group(0)
        assert 'role="img"' in drawing
        assert 'aria-label="' in drawing
        assert f'aria-labelledby="chart-{key}-title"' in html
    assert html.count("<caption ") == len(CHART_KEYS)
    assert html.count('<th scope="row">') >= len(CHART_KEYS)
    worst_day = timezone.localdate() - datetime.timedelta(days=3)
    assert f"Your worst day was {worst_day:%-d %B %Y} (8/10)" in html
    assert "Your most common trigger was Lifting the shopping, noted in 1 of 1 episode." in html
    assert "Warm bath helped most: +2.0 the one time you tried it" in html
    assert "Your one episode was in the neck." in html


def test_bouts_past_the_threshold_stand_out(user_client, user):
    thresholds = CareThresholds.current()
    thresholds.see_doctor_after_days = 10
    thresholds.save()
    for n in range(40, 28, -1):  # twelve days in a row
        EpisodeFactory(user=user, started_at=days_ago(n))
    EpisodeFactory(user=user, started_at=days_ago(5))

    response = user_client.get(HISTORY)

    bouts = chart_data(response)["bouts"]
    assert bouts["days"] == [12, 1]
    assert bouts["passed"] == [True, False]
    assert bouts["threshold"] == 10
    assert "One of your 2 bouts lasted longer than 10 days" in response.content.decode()


def test_default_range_is_the_last_90_days(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(89), notes="recent")
    EpisodeFactory(user=user, started_at=days_ago(100), severity=9)

    response = user_client.get(HISTORY)

    html = response.content.decode()
    assert "Past 90 days" in html
    assert re.search(
        r'<a class="nav-link active" href="[^"]*\?range=90" aria-current="page">', html
    )
    assert chart_data(response)["pain"]["peaks"].count(None) == 89
    assert "9/10" not in html


def weeks_between(first, last):
    """How many weeks (Monday to Sunday) the days from `first` to `last` touch."""
    return (last - first).days // 7 + 1 + (first.weekday() > last.weekday())


@pytest.mark.parametrize(
    ("query", "label", "days", "unit"),
    [
        pytest.param("range=30", "Past 30 days", 30, "day", id="30 days"),
        pytest.param("range=90", "Past 90 days", 90, "day", id="90 days"),
        pytest.param("range=365", "Past year", 365, "week", id="a year, by the week"),
    ],
)
def test_preset_ranges(user_client, user, query, label, days, unit):
    EpisodeFactory(user=user, started_at=days_ago(0, hour=0))
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)

    response = user_client.get(f"{HISTORY}?{query}")

    assert response.status_code == 200
    pain = chart_data(response)["pain"]
    assert pain["unit"] == unit
    assert len(pain["labels"]) == (days if unit == "day" else weeks_between(first, today))
    assert f'href="{HISTORY}?{query}" aria-current="page"' in response.content.decode()


def test_all_time_starts_at_the_first_episode(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(1000), severity=9)
    EpisodeFactory(user=user, started_at=days_ago(2))

    response = user_client.get(f"{HISTORY}?range=all")

    pain = chart_data(response)["pain"]
    first = timezone.localdate() - datetime.timedelta(days=1000)
    assert pain["unit"] == "week"  # 1,001 days: about two years and nine months
    assert len(pain["labels"]) == weeks_between(first, timezone.localdate())
    assert pain["labels"][0] == f"{first - datetime.timedelta(days=first.weekday()):%-d %b %Y}"
    assert pain["peaks"][0] == 9


def test_custom_range_from_to(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(20), notes="inside")
    EpisodeFactory(user=user, started_at=days_ago(5), severity=9)
    start = timezone.localdate() - datetime.timedelta(days=25)
    end = timezone.localdate() - datetime.timedelta(days=10)

    response = user_client.get(f"{HISTORY}?start={start}&end={end}")

    assert response.status_code == 200
    assert len(chart_data(response)["pain"]["labels"]) == 16
    html = response.content.decode()
    assert f'value="{start}"' in html and f'value="{end}"' in html
    assert f"{reverse('journal:report')}?start={start}&amp;end={end}" in html


def date_input(html, name):
    return re.search(rf'<input type="date" name="{name}"[^>]*>', html).group(0)


@pytest.mark.parametrize("query", ["range=90", "range=all", "start=2000-01-05"], ids=str)
def test_to_is_left_empty_for_a_range_that_runs_to_today_as_its_hint_says(user_client, query):
    html = user_client.get(f"{HISTORY}?{query}").content.decode()

    assert "Leave empty for today." in html
    assert "value=" not in date_input(html, "end")


def test_to_keeps_an_end_date_the_person_chose(user_client):
    html = user_client.get(f"{HISTORY}?start=2000-01-05&end=2000-02-01").content.decode()

    assert 'value="2000-02-01"' in date_input(html, "end")
    assert 'value="2000-01-05"' in date_input(html, "start")


def card_rows(html, key):
    """The row headings of a chart card's data table."""
    card = re.search(rf'aria-labelledby="chart-{key}-title">(.*?)</section>', html, re.S).group(1)
    return re.findall(r'<th scope="row">([^<]*)</th>', card)


def test_a_month_is_charted_day_by_day(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(20), severity=4)
    EpisodeFactory(user=user, started_at=days_ago(3), severity=8)

    response = user_client.get(f"{HISTORY}?range=30")

    html = response.content.decode()
    data = chart_data(response)
    assert data["pain"]["unit"] == "day"
    assert data["pain"]["peaks"][-4] == 8 and data["pain"]["peaks"][-21] == 4
    assert card_rows(html, "pain") == [
        f"{timezone.localdate() - datetime.timedelta(days=n):%-d %B %Y}" for n in (20, 3)
    ]
    assert '-caption">Worst pain on each day, from your readings</caption>' in html
    assert "The chart shows the worst pain of each" not in html
    assert data["frequency"]["unit"] == "week"
    assert 'id="chart-frequency-title" class="h5 card-title">Episodes per week<' in html


def test_two_years_are_charted_week_by_week(user_client, user):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=2 * 365)
    # Two episodes in one week, and another a year later.
    monday = start + datetime.timedelta(days=7 - start.weekday())
    for day, severity in ((monday, 3), (monday + datetime.timedelta(days=2), 7)):
        EpisodeFactory(user=user, started_at=days_ago((today - day).days), severity=severity)
    EpisodeFactory(user=user, started_at=days_ago(300), severity=5)

    response = user_client.get(f"{HISTORY}?start={start}&end={today}")

    html = response.content.decode()
    pain = chart_data(response)["pain"]
    assert pain["unit"] == "week"
    assert len(pain["labels"]) == weeks_between(start, today)
    assert pain["labels"][1] == f"{monday:%-d %b %Y}" and pain["peaks"][1] == 7
    assert [peak for peak in pain["peaks"] if peak is not None] == [7, 5]
    assert card_rows(html, "pain")[0] == f"{monday:%-d %B %Y}"
    assert len(card_rows(html, "pain")) == 2
    assert '<th scope="col">Week starting</th>' in html
    assert "The chart shows the worst pain of each week." in html
    assert '-caption">Worst pain each week, from your readings (weeks with one)</caption>' in html
    assert "you recorded 3 episodes on 3 days" in html


def test_ten_years_are_charted_month_by_month(user_client, user):
    today = timezone.localdate()
    for n in range(0, 3650, 45):
        EpisodeFactory(user=user, started_at=days_ago(n), severity=n % 11)

    response = user_client.get(f"{HISTORY}?range=all")

    html = response.content.decode()
    data = chart_data(response)
    first = today - datetime.timedelta(days=3645)
    months = (today.year - first.year) * 12 + today.month - first.month + 1
    assert data["pain"]["unit"] == "month"
    assert len(data["pain"]["labels"]) == months
    assert data["pain"]["labels"][0] == f"{first:%b %Y}"
    assert data["frequency"]["unit"] == "month"
    assert data["frequency"]["labels"] == data["pain"]["labels"]
    assert sum(data["frequency"]["counts"]) == 82
    assert 'id="chart-frequency-title" class="h5 card-title">Episodes per month<' in html
    assert "The chart shows the worst pain of each month." in html
    assert "the busiest month, " in html
    assert card_rows(html, "pain")[0] == f"{first:%B %Y}"
    assert len(card_rows(html, "pain")) == 82  # one a month at most, 45 days apart
    # A bout band marks the months it covers.
    assert all(0 <= start <= end < months for start, end, _ in data["pain"]["bouts"])


def test_history_tables_stay_short_however_long_the_journal(user_client, user):
    bulk_history(user, 2000, last_start=days_ago(1), every=datetime.timedelta(days=1))

    response = user_client.get(f"{HISTORY}?range=all")

    html = response.content.decode()
    assert chart_data(response)["pain"]["unit"] == "month"
    assert len(card_rows(html, "pain")) <= 67  # 2,000 days: five and a half years
    assert len(card_rows(html, "frequency")) <= 67
    assert html.count("<tr>") < 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param(
            "range=45", "Choose a range of 30, 90 or 365 days, or all.", id="unknown preset"
        ),
        pytest.param("start=2026-13-01", "Enter a date as YYYY-MM-DD", id="not a date"),
        pytest.param("start=yesterday", "Enter a date as YYYY-MM-DD", id="words"),
        pytest.param(
            "start=2026-03-10&end=2026-03-01",
            "The end date is before the start date.",
            id="end before start",
        ),
        pytest.param(
            "end=2026-03-01", "Choose a start date for your own range.", id="end without start"
        ),
        pytest.param("start=1066-10-14", "Choose a date between 1900 and 2100.", id="too long ago"),
        pytest.param(
            "start=2026-01-01&end=9999-12-31",
            "Choose a date between 1900 and 2100.",
            id="too far ahead",
        ),
    ],
)
def test_bad_range_says_what_is_wrong_and_shows_the_default(user_client, user, query, message):
    EpisodeFactory(user=user, started_at=days_ago(3))

    response = user_client.get(f"{HISTORY}?{query}")

    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not use that range, so this shows the last 90 days." in html
    assert message in html
    assert len(chart_data(response)["pain"]["labels"]) == 90


def test_other_peoples_data_never_appears(user_client, user, other_user):
    theirs = TriggerFactory(name="Someone else's trigger")
    EpisodeFactory(user=other_user, started_at=days_ago(2), severity=10, triggers=[theirs])
    EpisodeFactory(user=user, started_at=days_ago(2), severity=3)

    response = user_client.get(HISTORY)

    html = response.content.decode()
    assert "Someone else" not in html
    assert "10/10" not in html
    assert chart_data(response)["pain"]["peaks"][-3] == 3


def test_days_follow_the_persons_time_zone(client, user):
    user.profile.timezone = "Pacific/Auckland"
    user.profile.save()
    client.force_login(user)
    # Ten in the evening UTC is already the next morning in Auckland.
    yesterday_utc = timezone.now().astimezone(datetime.UTC).date() - datetime.timedelta(days=1)
    EpisodeFactory(
        user=user,
        started_at=datetime.datetime.combine(yesterday_utc, datetime.time(22), tzinfo=datetime.UTC),
        severity=7,
    )

    html = client.get(HISTORY).content.decode()

    assert (
        f"Your worst day was {yesterday_utc + datetime.timedelta(days=1):%-d %B %Y} (7/10)" in html
    )


@pytest.mark.parametrize("count", [10, 2000], ids=["10 episodes", "2000 episodes"])
def test_history_queries_do_not_grow_with_the_journal(
    user_client, user, count, django_assert_max_num_queries
):
    history_of(user, count)

    with django_assert_max_num_queries(HISTORY_QUERIES):
        response = user_client.get(f"{HISTORY}?range=all")

    assert response.status_code == 200
    assert sum(chart_data(response)["locations"]["counts"]) == count


def test_history_makes_the_same_queries_for_10_and_2000_episodes(user_client, user):
    history_of(user, 10)
    with CaptureQueriesContext(connection) as small:
        user_client.get(f"{HISTORY}?range=all")
    history_of(user, 1990)
    with CaptureQueriesContext(connection) as large:
        user_client.get(f"{HISTORY}?range=all")

    assert len(large) == len(small)


def test_history_mentions_an_ongoing_bout_that_began_before_the_range(client, django_user_model):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.consent import record_consent
    from journal.models import Episode

    person = django_user_model.objects.create_user("longbout", password="a-long-passphrase-77")
    record_consent(person)
    Episode.objects.create(
        user=person, started_at=timezone.now() - timedelta(days=40), severity=5, location="lower"
    )
    client.force_login(person)
    html = client.get("/journal/history/?range=30").content.decode()
    assert "No episodes started in this range" in html
    assert "reaches into this range and is still going" in html
    assert "past the time limit for seeing a doctor" in html
    report = client.get("/journal/report/?range=30").content.decode()
    assert "that began earlier reach" in report


def test_table_cells_are_escaped(user_client, user):
    trigger = TriggerFactory(name='<b>Lift & "carry"</b>')
    EpisodeFactory(user=user, triggers=[trigger])

    page = user_client.get(HISTORY).content.decode()

    assert '<th scope="row">&lt;b&gt;Lift &amp; &quot;carry&quot;&lt;/b&gt;</th><td>1</td>' in page
    assert "<b>Lift" not in page


def test_history_and_report_mark_bouts_that_had_warning_signs(user_client, user):
    sign = RedFlagFactory(name="A telling sign", urgency="urgent")
    EpisodeFactory(user=user, started_at=days_ago(40), red_flags=[sign])
    EpisodeFactory(user=user, started_at=days_ago(20))

    history = user_client.get(f"{HISTORY}?range=90").content.decode()
    report = user_client.get(f"{reverse('journal:report')}?range=90").content.decode()

    card = re.search(r'aria-labelledby="chart-bouts-title">(.*?)</section>', history, re.S)
    assert "1 bout had warning signs." in card.group(1)
    assert "<td>Urgent: A telling sign</td>" in card.group(1)
    assert "<td>None</td>" in card.group(1)
    assert "Urgent: A telling sign" in report
