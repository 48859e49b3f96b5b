from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import RedFlag, Remedy, Trigger
from journal.models import Episode, RemedyUse

pytestmark = pytest.mark.django_db


def local_input(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def vocab():
    trigger = Trigger.objects.get_or_create(
        slug="test-lifting", defaults={"name": "Test lifting", "description": "Lifting."}
    )[0]
    remedy = Remedy.objects.get_or_create(
        slug="test-heat",
        defaults={
            "name": "Test heat",
            "kind": "self_care",
            "description": "Heat.",
            "evidence": "Some.",
        },
    )[0]
    emergency = RedFlag.objects.get_or_create(
        slug="test-emergency",
        defaults={
            "name": "Test emergency sign",
            "question": "Test emergency question?",
            "urgency": "emergency",
            "advice": "Go to an emergency department.",
        },
    )[0]
    return {"trigger": trigger, "remedy": remedy, "emergency": emergency}


def episode_data(vocab, **overrides):
    start = timezone.now() - timedelta(hours=3)
    data = {
        "started_at": local_input(start),
        "ended_at": "",
        "severity": "6",
        "location": "lower",
        "side": "left",
        "triggers": [vocab["trigger"].pk],
        "red_flags": [],
        "notes": "Bent to pick up a box.",
        f"remedy-{vocab['remedy'].slug}": "2",
    }
    data.update(overrides)
    return data


def make_episode(user, **fields):
    values = {"started_at": timezone.now() - timedelta(hours=2), "severity": 5, "location": "lower"}
    values.update(fields)
    return Episode.objects.create(user=user, **values)


def test_new_episode_form_starts_now_and_lists_the_vocabulary(user_client, vocab):
    response = user_client.get(reverse("journal:episode_create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="datetime-local"' in html
    assert timezone.localtime().strftime("%Y-%m-%dT") in html
    assert "Test lifting" in html
    assert "Test emergency question?" in html
    assert f'name="remedy-{vocab["remedy"].slug}"' in html
    assert "worst pain you can imagine" in html


def test_logging_an_episode_saves_it_with_trigger_and_remedy(user_client, user, vocab):
    response = user_client.post(reverse("journal:episode_create"), episode_data(vocab))
    assert response.status_code == 302
    episode = Episode.objects.get(user=user)
    assert episode.severity == 6
    assert episode.side == "left"
    assert episode.ended_at is None
    assert list(episode.triggers.all()) == [vocab["trigger"]]
    use = RemedyUse.objects.get(episode=episode)
    assert (use.remedy, use.effect) == (vocab["remedy"], 2)
    dashboard = user_client.get(response.url).content.decode()
    day = (timezone.localdate() - timezone.localdate(episode.started_at)).days + 1
    assert f"Day {day} of 14" in dashboard


def test_owner_comes_from_the_login_not_the_form(user_client, user, other_user, vocab):
    user_client.post(reverse("journal:episode_create"), episode_data(vocab, user=other_user.pk))
    assert Episode.objects.filter(user=user).count() == 1
    assert not Episode.objects.filter(user=other_user).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"severity": "11"}, "severity", "0 to 10"),
        ({"severity": "-1"}, "severity", "0 to 10"),
        ({"severity": "bad"}, "severity", "0 to 10"),
        ({"severity": ""}, "severity", "how bad"),
        ({"location": "elbow"}, "location", "listed places"),
        ({"side": "up"}, "side", "listed sides"),
        ({"started_at": "yesterday-ish"}, "started_at", "date and time"),
        ({"started_at": ""}, "started_at", "when it started"),
        ({"notes": "x" * 2001}, "notes", "at most 2000"),
        ({"triggers": ["999999"]}, "triggers", "not one of the listed triggers"),
        ({"red_flags": ["999999"]}, "red_flags", "not one of the listed warning signs"),
        ({"remedy-test-heat": "7"}, "remedy-test-heat", "how much it helped"),
    ],
    ids=[
        "severity-too-high",
        "severity-negative",
        "severity-not-a-number",
        "severity-missing",
        "unknown-location",
        "unknown-side",
        "unreadable-start",
        "missing-start",
        "notes-too-long",
        "unknown-trigger",
        "unknown-red-flag",
        "unknown-remedy-effect",
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    user_client, user, vocab, overrides, field, message
):
    response = user_client.post(reverse("journal:episode_create"), episode_data(vocab, **overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert "Nothing was saved yet" in response.content.decode()
    assert not Episode.objects.filter(user=user).exists()
    assert not RemedyUse.objects.exists()


def test_end_before_start_is_rejected(user_client, user, vocab):
    start = timezone.now() - timedelta(hours=3)
    data = episode_data(
        vocab, started_at=local_input(start), ended_at=local_input(start - timedelta(hours=1))
    )
    response = user_client.post(reverse("journal:episode_create"), data)
    assert "The end must be after the start." in response.context["form"].errors["ended_at"]
    assert not Episode.objects.exists()


def test_start_in_the_future_is_rejected_and_typed_values_are_kept(user_client, vocab):
    future = local_input(timezone.now() + timedelta(days=1))
    response = user_client.post(
        reverse("journal:episode_create"), episode_data(vocab, started_at=future, notes="keep me")
    )
    assert "in the future" in " ".join(response.context["form"].errors["started_at"])
    assert "keep me" in response.content.decode()
    assert not Episode.objects.exists()


def test_any_number_of_episodes_a_day(user_client, user, vocab):
    for _ in range(3):
        user_client.post(reverse("journal:episode_create"), episode_data(vocab))
    assert Episode.objects.filter(user=user).count() == 3


def test_emergency_red_flag_advice_comes_first_on_the_next_page(user_client, vocab):
    data = episode_data(vocab, red_flags=[vocab["emergency"].pk])
    response = user_client.post(reverse("journal:episode_create"), data, follow=True)
    html = response.content.decode()
    assert "Go to an emergency department." in html
    assert "Call your local emergency number now" in html
    assert html.index("Go to an emergency department.") < html.index("It's happening now")
    assert 'role="alert"' in html


def test_editing_replaces_remedies_and_keeps_the_owner(user_client, user, vocab):
    episode = make_episode(user)
    RemedyUse.objects.create(episode=episode, remedy=vocab["remedy"], effect=0)
    data = episode_data(vocab, severity="3", **{f"remedy-{vocab['remedy'].slug}": ""})
    response = user_client.post(reverse("journal:episode_update", args=[episode.pk]), data)
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.severity == 3
    assert episode.user == user
    assert not episode.remedy_uses.exists()


def test_edit_form_shows_saved_remedy_effect(user_client, user, vocab):
    episode = make_episode(user)
    RemedyUse.objects.create(episode=episode, remedy=vocab["remedy"], effect=1)
    html = user_client.get(reverse("journal:episode_update", args=[episode.pk])).content.decode()
    assert 'value="1" selected' in html


def test_inactive_trigger_stays_on_an_old_episode_when_edited(user_client, user, vocab):
    episode = make_episode(user)
    episode.triggers.add(vocab["trigger"])
    Trigger.objects.filter(pk=vocab["trigger"].pk).update(active=False)
    html = user_client.get(reverse("journal:episode_update", args=[episode.pk])).content.decode()
    assert "Test lifting" in html
    assert "Test lifting" not in user_client.get(reverse("journal:episode_create")).content.decode()


def test_quick_log_starts_an_episode_now(user_client, user):
    response = user_client.post(reverse("journal:quick_log"), {"severity": "7", "location": "neck"})
    assert response.status_code == 302
    episode = Episode.objects.get(user=user)
    assert (episode.severity, episode.location, episode.ended_at) == (7, "neck", None)
    assert timezone.now() - episode.started_at < timedelta(minutes=1)


def test_quick_log_with_nothing_chosen_explains_and_saves_nothing(user_client, user):
    response = user_client.post(reverse("journal:quick_log"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose how bad the pain is" in html
    assert "Choose where the pain is" in html
    assert not Episode.objects.exists()


def test_it_has_eased_ends_an_ongoing_episode(user_client, user):
    episode = make_episode(user)
    response = user_client.post(reverse("journal:episode_end", args=[episode.pk]))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.ended_at is not None
    assert episode.ended_at >= episode.started_at


def test_ending_an_episode_twice_keeps_the_first_end(user_client, user):
    ended = timezone.now() - timedelta(hours=1)
    episode = make_episode(user, ended_at=ended)
    user_client.post(reverse("journal:episode_end", args=[episode.pk]))
    episode.refresh_from_db()
    assert episode.ended_at == ended


def test_delete_asks_then_deletes(user_client, user):
    episode = make_episode(user)
    page = user_client.get(reverse("journal:episode_delete", args=[episode.pk]))
    assert "cannot be undone" in page.content.decode()
    assert Episode.objects.filter(pk=episode.pk).exists()
    user_client.post(reverse("journal:episode_delete", args=[episode.pk]))
    assert not Episode.objects.filter(pk=episode.pk).exists()


def test_detail_shows_the_episode(user_client, user, vocab):
    episode = make_episode(user, notes="Sharp on the left")
    episode.triggers.add(vocab["trigger"])
    RemedyUse.objects.create(episode=episode, remedy=vocab["remedy"], effect=2)
    html = user_client.get(episode.get_absolute_url()).content.decode()
    assert "Sharp on the left" in html
    assert "Test lifting" in html
    assert "Much better" in html
    assert "It eased…" in html


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("journal:episode_detail", "get"),
        ("journal:episode_update", "get"),
        ("journal:episode_update", "post"),
        ("journal:episode_delete", "get"),
        ("journal:episode_delete", "post"),
        ("journal:episode_end", "post"),
    ],
)
def test_other_users_episode_is_404(user_client, other_user, name, method):
    episode = make_episode(other_user)
    response = getattr(user_client, method)(reverse(name, args=[episode.pk]), {"severity": "1"})
    assert response.status_code == 404
    episode.refresh_from_db()
    assert episode.ended_at is None
    assert episode.severity == 5


@pytest.mark.parametrize(
    "name",
    [
        "journal:dashboard",
        "journal:episode_list",
        "journal:episode_create",
        "journal:history",
        "journal:report",
        "journal:export_csv",
        "journal:export_json",
        "journal:import",
    ],
)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["journal:episode_detail", "journal:episode_update", "journal:episode_delete"]
)
def test_anonymous_is_sent_to_login_for_an_episode(client, user, name):
    episode = make_episode(user)
    response = client.get(reverse(name, args=[episode.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_list_is_newest_first_and_only_mine(user_client, user, other_user):
    older = make_episode(user, started_at=timezone.now() - timedelta(days=3), notes="older")
    newer = make_episode(user, started_at=timezone.now() - timedelta(days=1), notes="newer")
    make_episode(other_user, severity=9)
    response = user_client.get(reverse("journal:episode_list"))
    assert list(response.context["page"].object_list) == [newer, older]


def test_list_filters_by_location_trigger_and_dates(user_client, user, vocab):
    now = timezone.now()
    lower = make_episode(user, started_at=now - timedelta(days=10))
    neck = make_episode(user, location="neck", started_at=now - timedelta(days=2))
    neck.triggers.add(vocab["trigger"])
    url = reverse("journal:episode_list")
    assert list(user_client.get(url, {"location": "neck"}).context["page"].object_list) == [neck]
    assert list(user_client.get(url, {"trigger": "test-lifting"}).context["page"].object_list) == [
        neck
    ]
    since = timezone.localdate(now - timedelta(days=5)).isoformat()
    assert list(user_client.get(url, {"start": since}).context["page"].object_list) == [neck]
    until = timezone.localdate(now - timedelta(days=5)).isoformat()
    assert list(user_client.get(url, {"end": until}).context["page"].object_list) == [lower]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-13-45"}, "YYYY-MM-DD"),
        ({"start": "2026-03-10", "end": "2026-03-01"}, "on or after"),
        ({"location": "elbow"}, "Choose a place"),
        ({"trigger": "no-such"}, "not in the list"),
    ],
    ids=["bad-date", "end-before-start", "unknown-location", "unknown-trigger"],
)
def test_bad_filter_is_explained_not_a_500(user_client, user, params, message):
    make_episode(user)
    response = user_client.get(reverse("journal:episode_list"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not response.context["page"].object_list


def test_list_paginates(user_client, user):
    for day in range(30):
        make_episode(user, started_at=timezone.now() - timedelta(days=day, hours=1))
    first = user_client.get(reverse("journal:episode_list"))
    assert len(first.context["page"].object_list) == 25
    second = user_client.get(reverse("journal:episode_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert user_client.get(reverse("journal:episode_list"), {"page": "zzz"}).status_code == 200


def _queries_per_page(client, user, vocab, history: int) -> dict[str, int]:
    for day in range(history):
        episode = make_episode(user, started_at=timezone.now() - timedelta(days=day, hours=1))
        episode.triggers.add(vocab["trigger"])
        RemedyUse.objects.create(episode=episode, remedy=vocab["remedy"], effect=1)
    counts = {}
    for name, url in (
        ("dashboard", reverse("journal:dashboard")),
        ("list", reverse("journal:episode_list")),
        ("detail", reverse("journal:episode_detail", args=[episode.pk])),
    ):
        client.get(url)  # the first view fills the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def test_dashboard_and_list_queries_do_not_grow_with_history(client, make_user, vocab):
    small_user = make_user("few-episodes")
    big_user = make_user("many-episodes")
    client.force_login(small_user)
    small = _queries_per_page(client, small_user, vocab, 3)
    client.force_login(big_user)
    big = _queries_per_page(client, big_user, vocab, 60)
    assert big == small
    # Session, user, time zone, then the page's own: pages of rows read their trigger
    # names in the same query as the rows.
    assert small["list"] <= 6


def test_times_are_shown_in_the_users_time_zone(user_client, user):
    user.profile.timezone = "Asia/Tokyo"
    user.profile.save()
    started = timezone.now().replace(hour=23, minute=30, second=0, microsecond=0) - timedelta(
        days=2
    )
    episode = make_episode(user, started_at=started, ended_at=started + timedelta(minutes=10))
    html = user_client.get(episode.get_absolute_url()).content.decode()
    tokyo = started.astimezone(user.profile.tzinfo)
    assert tokyo.strftime("%H:%M") in html
    assert "08:30" in html


def test_error_summary_links_to_each_field_with_an_error(user_client, vocab):
    response = user_client.post(
        reverse("journal:episode_create"), {"triggers": ["999999"], "started_at": ""}
    )
    html = response.content.decode()
    for name in ("started_at", "severity", "location", "triggers"):
        assert f'href="#div_id_{name}"' in html
        assert f'id="div_id_{name}"' in html


def test_remedy_list_is_folded_until_it_holds_answers(user_client, user, vocab):
    new_form = user_client.get(reverse("journal:episode_create")).content.decode()
    assert '<details class="remedies mb-3">' in new_form
    episode = make_episode(user)
    RemedyUse.objects.create(episode=episode, remedy=vocab["remedy"], effect=1)
    edit_form = user_client.get(
        reverse("journal:episode_update", args=[episode.pk])
    ).content.decode()
    assert '<details class="remedies mb-3" open>' in edit_form
    bad = user_client.post(
        reverse("journal:episode_create"), episode_data(vocab, **{"remedy-test-heat": "7"})
    ).content.decode()
    assert '<details class="remedies mb-3" open>' in bad


def test_warning_signs_come_before_the_remedy_list(user_client, vocab):
    html = user_client.get(reverse("journal:episode_create")).content.decode()
    assert html.index("Test emergency question?") < html.index("Remedies you tried")


@pytest.mark.parametrize("field", ["started_at", "ended_at"])
def test_dates_before_1900_are_refused(user_client, vocab, field):
    response = user_client.post(
        reverse("journal:episode_create"), episode_data(vocab, **{field: "0001-01-01T00:00"})
    )
    assert response.status_code == 400
    assert "before 1900" in " ".join(response.context["form"].errors[field])
    assert not Episode.objects.exists()


def test_red_flag_advice_after_an_edit_is_styled_as_danger_on_the_episode_page(
    user_client, user, vocab
):
    episode = make_episode(user)
    data = episode_data(vocab, red_flags=[vocab["emergency"].pk])
    response = user_client.post(
        reverse("journal:episode_update", args=[episode.pk]), data, follow=True
    )
    assert response.redirect_chain[-1][0] == episode.get_absolute_url()
    html = response.content.decode()
    assert 'class="alert alert-danger red-flag" role="alert"' in html
    assert html.count("Go to an emergency department.") == 1


def test_a_new_episodes_warning_sign_advice_is_given_once_on_the_dashboard(user_client, vocab):
    data = episode_data(vocab, red_flags=[vocab["emergency"].pk])
    response = user_client.post(reverse("journal:episode_create"), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("journal:dashboard")
    html = response.content.decode()
    assert html.count("Go to an emergency department.") == 1
    assert "Call your local emergency number now" in html


def test_an_old_episodes_emergency_sign_stays_in_view_the_day_it_is_logged(user_client, vocab):
    long_ago = timezone.now() - timedelta(days=200)
    data = episode_data(
        vocab,
        red_flags=[vocab["emergency"].pk],
        started_at=local_input(long_ago),
        ended_at=local_input(long_ago + timedelta(hours=3)),
        confirm_old_start="on",
    )
    html = user_client.post(reverse("journal:episode_create"), data, follow=True).content.decode()
    assert "No current bout" not in html
    assert "Call your local emergency number now" in html  # the banner, not a passing note
    assert html.count("Go to an emergency department.") == 1


def test_episode_names_say_nothing_about_health(user):
    episode = make_episode(user, severity=9, location="neck")
    assert str(episode) == f"Journal episode {episode.pk}"


def test_list_rows_say_where_what_set_it_off_and_how_long(user_client, user, vocab):
    started = timezone.now() - timedelta(days=1)
    ended = make_episode(
        user, side="left", started_at=started, ended_at=started + timedelta(hours=2)
    )
    ended.triggers.add(vocab["trigger"], Trigger.objects.create(name="<i>Cold</i>", slug="t-cold"))
    make_episode(user, location="neck", started_at=timezone.now() - timedelta(hours=1))

    html = user_client.get(reverse("journal:episode_list")).content.decode()

    assert "Lower back (left)" in html
    assert "&lt;i&gt;Cold&lt;/i&gt;, Test lifting" in html
    assert "Lasted 2\xa0hours" in html
    assert '<span class="badge text-bg-warning">Ongoing</span>' in html
    assert '<span class="text-body-secondary">None noted</span>' in html
    assert f'href="{ended.get_absolute_url()}"' in html


def test_trigger_names_in_a_row_are_whole_and_in_alphabetical_order(user_client, user, vocab):
    user.profile.timezone = "Asia/Kolkata"
    user.profile.save()
    episode = make_episode(
        user,
        started_at=datetime(2026, 3, 5, 9, 7, tzinfo=UTC),
        ended_at=datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
    )
    episode.triggers.add(
        vocab["trigger"],
        Trigger.objects.create(name="Sitting; driving, long", slug="t-sitting"),
        Trigger.objects.create(name="anxiety", slug="t-anxiety"),
    )

    for url in (reverse("journal:episode_list"), reverse("journal:dashboard")):
        html = user_client.get(url).content.decode()
        assert "anxiety, Sitting; driving, long, Test lifting" in html
        assert "5 Mar 2026, 14:37" in html  # in the person's zone, UTC+5:30


def test_filter_bar_follows_the_trigger_list_and_the_filters_asked_for(user_client, user, vocab):
    url = reverse("journal:episode_list")
    assert 'value="neck" selected' in user_client.get(url, {"location": "neck"}).content.decode()
    assert 'value="neck" selected' not in user_client.get(url).content.decode()

    Trigger.objects.create(name="Sneezing fit", slug="sneezing-fit")

    assert "Sneezing fit" in user_client.get(url).content.decode()


def test_a_repeated_quick_log_is_one_episode_and_says_so(user_client, user):
    url = reverse("journal:quick_log")
    user_client.post(url, {"severity": "6", "location": "neck"})
    again = user_client.post(url, {"severity": "6", "location": "neck"}, follow=True)

    assert Episode.objects.filter(user=user).count() == 1
    assert "One episode, not two." in again.content.decode()


def test_a_quick_log_somewhere_else_is_a_new_episode(user_client, user):
    url = reverse("journal:quick_log")
    user_client.post(url, {"severity": "6", "location": "neck"})
    user_client.post(url, {"severity": "6", "location": "lower"})
    assert Episode.objects.filter(user=user).count() == 2


def test_a_quick_log_never_matches_another_persons_episode(client, user, other_user):
    client.force_login(other_user)
    client.post(reverse("journal:quick_log"), {"severity": "6", "location": "neck"})
    client.force_login(user)
    client.post(reverse("journal:quick_log"), {"severity": "6", "location": "neck"})
    assert Episode.objects.filter(user=user).count() == 1
    assert Episode.objects.filter(user=other_user).count() == 1
