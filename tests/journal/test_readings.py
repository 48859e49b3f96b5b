"""Pain readings: the model, the peak kept in step, "how bad is it now?" and the quick log."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from journal import services
from journal.models import Episode, PainReading

from .factories import EpisodeFactory, PainReadingFactory, RedFlagFactory, RemedyFactory

pytestmark = pytest.mark.django_db


def ongoing(user, **fields):
    return EpisodeFactory(user=user, ended_at=None, **fields)


def test_a_reading_says_nothing_about_health_in_its_name(user):
    reading = PainReadingFactory(episode=ongoing(user), severity=9)
    assert str(reading) == f"Pain reading {reading.pk}"


@pytest.mark.parametrize("severity", [-1, 11], ids=["below-0", "above-10"])
def test_the_database_refuses_a_reading_off_the_scale(user, severity):
    episode = ongoing(user)
    with pytest.raises(IntegrityError), transaction.atomic():
        PainReading.objects.create(episode=episode, taken_at=timezone.now(), severity=severity)


def test_readings_come_oldest_first(user):
    episode = ongoing(user, started_at=timezone.now() - timedelta(hours=5))
    later = PainReadingFactory(episode=episode, taken_at=timezone.now(), severity=2)
    assert list(episode.readings.all())[-1] == later


def test_a_reading_above_the_peak_raises_the_worst_pain(user):
    episode = ongoing(user, severity=4)
    services.reading_add(episode=episode, severity=8)
    episode.refresh_from_db()
    assert episode.severity == 8
    assert [r.severity for r in episode.readings.all()] == [4, 8]


def test_a_lower_reading_keeps_the_worst_pain(user):
    episode = ongoing(user, severity=7)
    services.reading_add(episode=episode, severity=2)
    episode.refresh_from_db()
    assert episode.severity == 7


def test_an_episode_saved_from_its_form_gets_a_reading_at_its_start(user, save_through_form):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    episode = save_through_form(Episode(user=user, started_at=start, severity=6, location="lower"))
    assert [(r.taken_at, r.severity) for r in episode.readings.all()] == [(start, 6)]


def test_editing_the_worst_pain_changes_the_highest_reading(user, save_through_form):
    episode = ongoing(user, severity=3, started_at=timezone.now() - timedelta(hours=4))
    services.reading_add(episode=episode, severity=6)
    episode.refresh_from_db()
    save_through_form(episode, severity=8)
    episode.refresh_from_db()
    assert episode.severity == 8
    assert [r.severity for r in episode.readings.all()] == [3, 8]


def test_the_worst_pain_cannot_be_edited_below_another_reading(user_client, user):
    episode = ongoing(user, severity=3, started_at=timezone.now() - timedelta(hours=4))
    services.reading_add(episode=episode, severity=5)
    services.reading_add(episode=episode, severity=7)
    episode.refresh_from_db()
    data = {
        "started_at": timezone.localtime(episode.started_at).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": "",
        "severity": "4",
        "location": "lower",
    }
    response = user_client.post(reverse("journal:episode_update", args=[episode.pk]), data)
    assert response.status_code == 400
    assert "reached 5/10" in response.content.decode()
    episode.refresh_from_db()
    assert episode.severity == 7


def test_moving_the_start_moves_the_reading_taken_at_it(user, save_through_form):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=4)
    episode = ongoing(user, started_at=start)
    earlier = start - timedelta(hours=1)
    save_through_form(episode, started_at=earlier.astimezone().strftime("%Y-%m-%dT%H:%M"))
    assert [r.taken_at for r in episode.readings.all()] == [earlier]


def test_the_start_cannot_move_after_a_later_reading(user_client, user):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=4)
    episode = ongoing(user, started_at=start)
    services.reading_add(episode=episode, severity=5, when=start + timedelta(hours=1))
    data = {
        "started_at": timezone.localtime(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": "",
        "severity": "5",
        "location": "lower",
    }
    response = user_client.post(reverse("journal:episode_update", args=[episode.pk]), data)
    assert response.status_code == 400
    assert "a pain reading" in response.content.decode()
    episode.refresh_from_db()
    assert episode.started_at == start


# "How bad is it now?"


def test_one_tap_adds_a_reading_from_the_dashboard(user_client, user):
    episode = ongoing(user, severity=4)
    page = user_client.get(reverse("journal:dashboard")).content.decode()
    assert reverse("journal:reading_add", args=[episode.pk]) in page
    assert "How bad is it now?" in page

    response = user_client.post(
        reverse("journal:reading_add", args=[episode.pk]), {"severity": "6"}
    )
    assert response.url == reverse("journal:dashboard")
    episode.refresh_from_db()
    assert episode.severity == 6
    assert episode.readings.count() == 2


def test_one_tap_adds_a_reading_from_the_episode_page(user_client, user):
    episode = ongoing(user, severity=4)
    url = reverse("journal:reading_add", args=[episode.pk])
    assert url in user_client.get(episode.get_absolute_url()).content.decode()
    response = user_client.post(url, {"severity": "2", "next": "detail"}, follow=True)
    html = response.content.decode()
    assert "Added: 2/10 now." in html
    assert response.redirect_chain[-1][0] == episode.get_absolute_url()
    assert '<svg id="chart-course"' in html  # the course of the pain, drawn from two readings


@pytest.mark.parametrize("severity", ["11", "-1", "", "six", "99999999999999999999"])
def test_a_bad_reading_is_refused_with_nothing_saved(user_client, user, severity):
    episode = ongoing(user, severity=4)
    response = user_client.post(
        reverse("journal:reading_add", args=[episode.pk]), {"severity": severity}, follow=True
    )
    assert response.status_code == 200
    assert "Nothing was added" in response.content.decode()
    assert episode.readings.count() == 1


def test_no_reading_is_added_to_an_episode_that_has_eased(user_client, user):
    episode = EpisodeFactory(user=user, severity=4)
    response = user_client.post(
        reverse("journal:reading_add", args=[episode.pk]), {"severity": "6"}, follow=True
    )
    assert "already eased" in response.content.decode()
    assert episode.readings.count() == 1


def test_another_persons_episode_takes_no_reading(user_client, other_user):
    episode = ongoing(other_user, severity=4)
    response = user_client.post(
        reverse("journal:reading_add", args=[episode.pk]), {"severity": "6"}
    )
    assert response.status_code == 404
    assert episode.readings.count() == 1


def test_an_anonymous_reading_goes_to_log_in(client, user):
    episode = ongoing(user, severity=4)
    response = client.post(reverse("journal:reading_add", args=[episode.pk]), {"severity": "6"})
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert episode.readings.count() == 1


def test_a_reading_via_get_is_not_allowed(user_client, user):
    episode = ongoing(user)
    assert user_client.get(reverse("journal:reading_add", args=[episode.pk])).status_code == 405


def test_the_episode_page_lists_the_readings_in_order(user_client, user):
    start = timezone.now() - timedelta(hours=6)
    episode = EpisodeFactory(
        user=user,
        ended_at=None,
        started_at=start,
        readings=[(start, 3), (start + timedelta(hours=2), 7), (start + timedelta(hours=4), 5)],
    )
    html = user_client.get(episode.get_absolute_url()).content.decode()
    assert "worst 7/10" in html
    assert html.index("3/10</td>") < html.index("7/10</td>") < html.index("5/10</td>")
    assert "<script>" not in html  # the chart comes drawn (journal/chart_drawings.py)


# The quick log notices an episode going on in the same place.


def test_a_quick_log_in_the_same_place_adds_a_reading_and_says_so(user_client, user):
    episode = ongoing(
        user, severity=5, location="lower", started_at=timezone.now() - timedelta(hours=3)
    )
    response = user_client.post(
        reverse("journal:quick_log"), {"severity": "7", "location": "lower"}, follow=True
    )
    html = response.content.decode()
    assert Episode.objects.filter(user=user).count() == 1
    episode.refresh_from_db()
    assert episode.severity == 7
    assert "Added to the lower back episode going on since" in html
    assert "One episode, not two." in html


def test_a_new_separate_spasm_is_its_own_episode(user_client, user):
    ongoing(user, location="lower", started_at=timezone.now() - timedelta(hours=3))
    page = user_client.get(reverse("journal:dashboard")).content.decode()
    assert "This is a new, separate spasm" in page
    user_client.post(
        reverse("journal:quick_log"), {"severity": "7", "location": "lower", "separate": "1"}
    )
    assert Episode.objects.filter(user=user).ongoing().count() == 2


def test_a_double_tap_of_a_separate_spasm_is_still_one(user_client, user):
    data = {"severity": "7", "location": "lower", "separate": "1"}
    user_client.post(reverse("journal:quick_log"), data)
    user_client.post(reverse("journal:quick_log"), data)
    assert Episode.objects.filter(user=user).count() == 1


def test_a_double_tap_adds_one_reading(user_client, user):
    episode = ongoing(user, location="lower", started_at=timezone.now() - timedelta(hours=3))
    for _ in range(2):
        user_client.post(reverse("journal:quick_log"), {"severity": "6", "location": "lower"})
    assert episode.readings.count() == 2


def test_a_bad_quick_log_saves_nothing(user_client, user):
    response = user_client.post(
        reverse("journal:quick_log"), {"severity": "12", "location": "lower"}
    )
    assert response.status_code == 400
    assert not Episode.objects.filter(user=user).exists()
    assert not PainReading.objects.exists()


# After a quick log: the optional warning signs and remedies.


@pytest.fixture
def flag():
    return RedFlagFactory(urgency="see_doctor")


def test_after_a_quick_log_both_questions_are_one_tap_away(user_client, user):
    response = user_client.post(
        reverse("journal:quick_log"), {"severity": "6", "location": "neck"}, follow=True
    )
    episode = Episode.objects.get(user=user)
    html = response.content.decode()
    assert reverse("journal:episode_warning_signs", args=[episode.pk]) in html
    assert reverse("journal:episode_remedies", args=[episode.pk]) in html
    assert "Skip" in html


def test_none_of_these_is_one_tap_back_to_the_dashboard(user_client, user):
    episode = ongoing(user)
    url = reverse("journal:episode_warning_signs", args=[episode.pk])
    assert "None of these" in user_client.get(url).content.decode()
    response = user_client.post(url, {"none": "1"})
    assert response.url.startswith(reverse("journal:dashboard"))
    assert "asked=signs" in response.url
    assert not episode.red_flags.exists()


def test_warning_signs_after_a_quick_log_are_saved_and_advised(user_client, user, flag):
    episode = ongoing(user)
    response = user_client.post(
        reverse("journal:episode_warning_signs", args=[episode.pk]),
        {"red_flags": [flag.pk], "save": "1"},
        follow=True,
    )
    assert list(episode.red_flags.all()) == [flag]
    html = response.content.decode()
    assert reverse("journal:episode_remedies", args=[episode.pk]) in html  # still one tap away
    assert "Any warning signs?" not in html


def test_an_unknown_warning_sign_is_refused(user_client, user):
    episode = ongoing(user)
    response = user_client.post(
        reverse("journal:episode_warning_signs", args=[episode.pk]), {"red_flags": ["999999"]}
    )
    assert response.status_code == 400
    assert "not one of the listed warning signs" in response.content.decode()
    assert not episode.red_flags.exists()


def test_trying_anything_saves_the_remedies_and_returns(user_client, user):
    remedy = RemedyFactory()
    episode = ongoing(user)
    response = user_client.post(
        reverse("journal:episode_remedies", args=[episode.pk]), {f"remedy-{remedy.slug}": "1"}
    )
    assert response.url.startswith(reverse("journal:dashboard"))
    assert episode.remedy_uses.get().effect == 1


def test_a_bad_remedy_answer_saves_nothing(user_client, user):
    remedy, other = RemedyFactory(), RemedyFactory()
    episode = ongoing(user)
    response = user_client.post(
        reverse("journal:episode_remedies", args=[episode.pk]),
        {f"remedy-{remedy.slug}": "1", f"remedy-{other.slug}": "7"},
    )
    assert response.status_code == 400
    assert not episode.remedy_uses.exists()


@pytest.mark.parametrize("name", ["episode_warning_signs", "episode_remedies"])
def test_follow_up_questions_on_another_persons_episode_are_404(user_client, other_user, name):
    episode = ongoing(other_user)
    assert user_client.get(reverse(f"journal:{name}", args=[episode.pk])).status_code == 404
    assert user_client.post(reverse(f"journal:{name}", args=[episode.pk]), {}).status_code == 404


def test_the_follow_up_card_ignores_another_persons_episode(user_client, other_user):
    episode = ongoing(other_user)
    html = user_client.get(reverse("journal:dashboard"), {"logged": episode.pk}).content.decode()
    assert "Two quick questions" not in html
