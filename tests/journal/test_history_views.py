"""The history page: ranges in the URL, charts with summaries and tables, flat query count."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import CareThresholds

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
CHART_KEYS = ["pain", "bouts", "weekly", "triggers", "remedies", "locations"]
HISTORY_QUERIES = 10  # session, user, profile, thresholds, bouts and one per aggregate


@pytest.fixture
def london(user):
    user.profile.timezone = "Europe/London"
    user.profile.save()
    return user


def days_ago(n, hour=10):
    today = timezone.localdate()
    return timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=n), datetime.time(hour))
    )


def chart_data(response):
    match = re.search(
        r'<script id="history-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1)) if match else None


def assert_no_inline_code(html):
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+\s*=", html)


@pytest.mark.parametrize(
    "name", ["history", "report", "export_csv", "export_json", "import"], ids=str
)
def test_anonymous_visitor_is_sent_to_log_in(client, name):
    url = reverse(f"journal:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_empty_range_shows_a_friendly_empty_state_without_canvases(user_client):
    response = user_client.get(HISTORY)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing logged in this range" in html
    assert reverse("journal:episode_create") in html
    assert "<canvas" not in html
    assert chart_data(response) is None
    assert "chart.umd.min.js" not in html


def test_charts_have_heading_summary_canvas_and_data_table(user_client, user):
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
        canvas = re.search(rf'<canvas id="chart-{key}"[^>]*>', html).group(0)
        assert 'role="img"' in canvas
        assert 'aria-label="' in canvas
        assert f'aria-labelledby="chart-{key}-title"' in html
    assert html.count("<caption>") == len(CHART_KEYS)
    assert html.count('<th scope="row">') >= len(CHART_KEYS)
    worst_day = timezone.localdate() - datetime.timedelta(days=3)
    assert f"Your worst day was {worst_day:%-d %B %Y} (8/10)" in html
    assert "Your most common trigger was Lifting the shopping, noted in 1 of 1 episode." in html
    assert "Warm bath helped most: on average +2.0 over 1 try" in html
    assert "Your one episode was in the neck." in html
    assert 'src="/static/journal/history.js"' in html


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


@pytest.mark.parametrize(
    ("query", "label", "days"),
    [
        pytest.param("range=30", "Past 30 days", 30, id="30 days"),
        pytest.param("range=90", "Past 90 days", 90, id="90 days"),
        pytest.param("range=365", "Past year", 365, id="a year"),
    ],
)
def test_preset_ranges(user_client, user, query, label, days):
    EpisodeFactory(user=user, started_at=days_ago(0, hour=0))

    response = user_client.get(f"{HISTORY}?{query}")

    assert response.status_code == 200
    assert len(chart_data(response)["pain"]["labels"]) == days
    assert f'href="{HISTORY}?{query}" aria-current="page"' in response.content.decode()


def test_all_time_starts_at_the_first_episode(user_client, user):
    EpisodeFactory(user=user, started_at=days_ago(1000), severity=9)
    EpisodeFactory(user=user, started_at=days_ago(2))

    response = user_client.get(f"{HISTORY}?range=all")

    pain = chart_data(response)["pain"]
    assert len(pain["labels"]) == 1001
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


def history_of(user, count):
    flags = [RedFlagFactory()]
    bulk_history(
        user,
        count,
        last_start=timezone.now() - datetime.timedelta(hours=4),
        every=datetime.timedelta(hours=4),
        triggers=[TriggerFactory(), TriggerFactory()],
        red_flags=flags,
        remedies=[RemedyFactory(), RemedyFactory()],
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
