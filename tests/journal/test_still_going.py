"""Still going? Eased when? The checks that keep an open episode from running the clock on."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal import services
from journal.models import Episode
from journal.still_going import ease_choices, ongoing_with_checks

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def ongoing(user, hours_ago, **fields):
    return EpisodeFactory(
        user=user, ended_at=None, started_at=timezone.now() - timedelta(hours=hours_ago), **fields
    )


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("hours", "asked"), [(23, False), (25, True)], ids=["under-a-day", "over-a-day"]
)
def test_an_episode_not_heard_of_for_a_day_is_asked_about(user, hours, asked):
    ongoing(user, hours)
    [episode] = ongoing_with_checks(Episode.objects.for_user(user), timezone.now())
    assert episode.needs_check is asked


def test_a_reading_in_the_last_day_answers_the_question(user):
    episode = ongoing(user, 50)
    services.reading_add(episode=episode, severity=4, when=timezone.now() - timedelta(hours=2))
    [checked] = ongoing_with_checks(Episode.objects.for_user(user), timezone.now())
    assert not checked.needs_check
    assert checked.last_severity == 4


def test_the_dashboard_asks_still_going_since_when(user_client, user):
    episode = ongoing(user, 30, location="lower")
    html = user_client.get(reverse("journal:dashboard")).content.decode()
    since = timezone.localtime(episode.started_at)
    assert f"Still going since {since:%a %H:%M}?" in html
    assert "Yes, still going" in html
    assert "It eased…" in html
    # Until it is answered, the day count says which open episode it rests on.
    assert "This count rests on your lower back episode" in html


def test_yes_still_going_adds_a_reading_and_the_question_goes(user_client, user):
    episode = ongoing(user, 30, severity=5)
    response = user_client.post(
        reverse("journal:reading_add", args=[episode.pk]),
        {"severity": "5", "still_going": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Still going, 5/10 now." in html
    assert "Still going since" not in html
    assert "This count rests on" not in html
    assert episode.readings.count() == 2


def test_a_recent_episode_is_not_asked_about(user_client, user):
    ongoing(user, 2)
    html = user_client.get(reverse("journal:dashboard")).content.decode()
    assert "Still going since" not in html
    assert "This count rests on" not in html


# "It eased": when?


def test_it_eased_asks_when_with_quick_choices(user_client, user):
    episode = ongoing(user, 30)
    html = user_client.get(reverse("journal:episode_end", args=[episode.pk])).content.decode()
    # "Earlier today" depends on the hour (not offered just after midnight); the tests of
    # ease_choices below pin the clock for it.
    for choice in ("Just now", "Yesterday", "Pick a time"):
        assert choice in html


def test_it_eased_yesterday_is_saved_as_yesterday(user_client, user):
    episode = ongoing(user, 30)
    when = timezone.now().replace(second=0, microsecond=0) - timedelta(days=1)
    response = user_client.post(
        reverse("journal:episode_end", args=[episode.pk]), {"ended_at": local_input(when)}
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.ended_at == when


def test_ended_at_is_read_in_the_persons_time_zone(client, user):
    user.profile.timezone = "Asia/Kolkata"
    user.profile.save()
    client.force_login(user)
    episode = ongoing(user, 30)
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    when = (
        (timezone.now() - timedelta(hours=3)).astimezone(kolkata).replace(second=0, microsecond=0)
    )
    client.post(
        reverse("journal:episode_end", args=[episode.pk]),
        {"ended_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    episode.refresh_from_db()
    assert episode.ended_at == when


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (timedelta(hours=-40), "choose a time after that"),
        (timedelta(hours=2), "in the future"),
    ],
    ids=["before-the-start", "in-the-future"],
)
def test_an_impossible_end_is_refused_with_nothing_saved(user_client, user, offset, message):
    episode = ongoing(user, 30)
    response = user_client.post(
        reverse("journal:episode_end", args=[episode.pk]),
        {"ended_at": local_input(timezone.now() + offset)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Nothing was saved." in html
    episode.refresh_from_db()
    assert episode.ended_at is None


def test_an_end_before_the_last_reading_is_refused(user_client, user):
    episode = ongoing(user, 30)
    services.reading_add(episode=episode, severity=4, when=timezone.now() - timedelta(hours=1))
    response = user_client.post(
        reverse("journal:episode_end", args=[episode.pk]),
        {"ended_at": local_input(timezone.now() - timedelta(hours=3))},
    )
    assert response.status_code == 400
    assert "You said how bad it was on" in response.content.decode()
    episode.refresh_from_db()
    assert episode.ended_at is None


def test_a_garbled_end_is_refused(user_client, user):
    episode = ongoing(user, 30)
    response = user_client.post(
        reverse("journal:episode_end", args=[episode.pk]), {"ended_at": "yesterday-ish"}
    )
    assert response.status_code == 400
    assert "Enter when it eased as a date and time" in response.content.decode()


def test_another_persons_episode_cannot_be_eased(user_client, other_user):
    episode = ongoing(other_user, 30)
    url = reverse("journal:episode_end", args=[episode.pk])
    assert user_client.get(url).status_code == 404
    assert user_client.post(url).status_code == 404
    episode.refresh_from_db()
    assert episode.ended_at is None


def test_easing_anonymously_goes_to_log_in(client, user):
    episode = ongoing(user, 30)
    response = client.post(reverse("journal:episode_end", args=[episode.pk]))
    assert "/accounts/login/" in response.url
    episode.refresh_from_db()
    assert episode.ended_at is None


@pytest.mark.parametrize(
    ("started", "keys"),
    [
        (datetime(2026, 3, 9, 9, 0, tzinfo=LONDON), ["now", "today", "yesterday"]),
        (datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), ["now", "today"]),
        (datetime(2026, 3, 10, 15, 59, 30, tzinfo=LONDON), ["now"]),
    ],
    ids=["started-two-days-ago", "started-this-morning", "started-minutes-ago"],
)
def test_ease_choices_fit_the_episode(started, keys):
    now = datetime(2026, 3, 10, 16, 0, tzinfo=LONDON)
    choices = ease_choices(Episode(started_at=started), None, now)
    assert [choice.key for choice in choices] == keys


def test_just_after_midnight_earlier_today_is_not_offered():
    now = datetime(2026, 3, 10, 0, 30, tzinfo=LONDON)
    started = datetime(2026, 3, 8, 9, 0, tzinfo=LONDON)
    choices = {c.key: c.value for c in ease_choices(Episode(started_at=started), None, now)}
    assert choices == {"now": "", "yesterday": "2026-03-09T00:30"}


def test_ease_choices_never_come_before_the_last_reading():
    now = datetime(2026, 3, 10, 16, 0, tzinfo=LONDON)
    started = datetime(2026, 3, 8, 9, 0, tzinfo=LONDON)
    last = datetime(2026, 3, 10, 15, 0, 30, tzinfo=LONDON)
    choices = {c.key: c.value for c in ease_choices(Episode(started_at=started), last, now)}
    assert choices == {"now": "", "today": "2026-03-10T15:01"}


def test_a_dashboard_seen_before_still_asks_once_a_day_has_passed(user_client, user, monkeypatch):
    ongoing(user, 23)
    assert "Still going since" not in user_client.get(reverse("journal:dashboard")).text
    # Two hours on, nothing logged: the open episode is kept with the journal's version,
    # but whether to ask is worked out at each view.
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Still going since" in user_client.get(reverse("journal:dashboard")).text


def test_a_dashboard_seen_before_shows_a_new_reading_and_a_new_episode(user_client, user):
    episode = ongoing(user, 30, severity=5, location="lower")
    assert "Still going since" in user_client.get(reverse("journal:dashboard")).text
    user_client.post(reverse("journal:reading_add", args=[episode.pk]), {"severity": "8"})
    user_client.post(reverse("journal:quick_log"), {"severity": "3", "location": "neck"})
    html = user_client.get(reverse("journal:dashboard")).text
    assert "Still going since" not in html
    assert "Lower back, worst 8/10" in html
    assert "Neck, worst 3/10" in html
    assert html.count("<tr>") == 1 + 2  # the recent table's heading and both episodes


def test_a_repeat_dashboard_reads_no_episodes(user_client, user):
    ongoing(user, 30)
    user_client.get(reverse("journal:dashboard"))
    with CaptureQueriesContext(connection) as queries:
        assert user_client.get(reverse("journal:dashboard")).status_code == 200
    tables = " ".join(query["sql"] for query in queries)
    assert "journal_episode" not in tables
    assert "journal_painreading" not in tables
