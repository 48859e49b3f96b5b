"""The demo account: a realistic, repeatable history."""

import datetime
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from guidance.models import RedFlag, Remedy, Trigger
from journal.assessment import assess
from journal.management.commands.seed_demo import DEMO_PASSWORD
from journal.models import Episode, RemedyUse

from .conftest import snapshot
from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 20)


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", "--today", TODAY.isoformat(), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def demo_user(username="demo"):
    return get_user_model().objects.get(username=username)


def test_demo_history_is_realistic():
    output = seed()

    user = demo_user()
    episodes = Episode.objects.for_user(user)
    bouts = assess(user, today=TODAY).bouts
    assert len(bouts) >= 5
    assert any(bout.days > 14 for bout in bouts)
    assert bouts[-1].ongoing
    assert episodes.ongoing().count() == 1
    first_day = min(b.start for b in bouts)
    assert (TODAY - first_day).days < 365
    assert Trigger.objects.filter(episodes__user=user).distinct().count() >= 4
    assert Remedy.objects.filter(episodes__user=user).distinct().count() >= 4
    effects = set(RemedyUse.objects.filter(episode__user=user).values_list("effect", flat=True))
    assert {-1, 1, 2} <= effects
    flags = RedFlag.objects.filter(episodes__user=user)
    assert flags.count() >= 2
    assert set(flags.values_list("urgency", flat=True)) == {"see_doctor"}
    assert episodes.exclude(notes="").count() >= 5
    assert set(episodes.values_list("location", flat=True)) >= {"lower", "neck"}
    assert f"password {DEMO_PASSWORD}" in output


def test_same_seed_gives_the_same_history():
    seed("--username", "first")
    seed("--username", "second")

    assert snapshot(demo_user("first")) == snapshot(demo_user("second"))


def test_another_seed_gives_another_history():
    seed("--username", "first")
    seed("--username", "second", "--seed", "7")

    assert snapshot(demo_user("first")) != snapshot(demo_user("second"))


def test_running_again_resets_the_demo_instead_of_adding_to_it():
    seed()
    before = snapshot(demo_user())
    EpisodeFactory(user=demo_user(), notes="Added by a visitor")

    output = seed()

    assert output.startswith("Reset the demo account 'demo'")
    assert snapshot(demo_user()) == before


def test_password_and_days_options(make_user):
    seed("--username", "trial", "--password", "another-pass-456", "--days", "90")

    user = demo_user("trial")
    assert authenticate(username="trial", password="another-pass-456") == user
    first = Episode.objects.for_user(user).order_by("started_at").first()
    assert first.started_at.date() >= TODAY - datetime.timedelta(days=90)


def test_episodes_are_in_the_past():
    call_command("seed_demo", stdout=io.StringIO())

    episodes = Episode.objects.for_user(demo_user())
    assert episodes.count() > 20
    now = timezone.now()
    assert not episodes.filter(started_at__gt=now).exists()
    assert not episodes.filter(ended_at__gt=now).exists()


def test_refuses_to_reset_a_staff_account(make_user):
    make_user("admin", is_staff=True)

    with pytest.raises(CommandError, match="staff account"):
        seed("--username", "admin")


def test_says_what_to_do_without_a_vocabulary():
    Trigger.objects.all().delete()

    with pytest.raises(CommandError, match=r"Run `python manage\.py migrate` first"):
        seed()
    assert not Episode.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--days", "7"], "--days must be at least 30", id="too few days"),
        pytest.param(["--timezone", "Mars/Olympus"], "not a time zone", id="unknown zone"),
    ],
)
def test_bad_options(args, message):
    with pytest.raises(CommandError, match=message):
        seed(*args)


def readings_course(user):
    return [
        [(r.taken_at, r.severity) for r in e.readings.all()]
        for e in Episode.objects.for_user(user).order_by("started_at").prefetch_related("readings")
    ]


def test_longer_episodes_have_a_course_of_readings_and_the_same_seed_repeats_it():
    seed("--username", "first")
    seed("--username", "second")

    user = demo_user("first")
    courses = readings_course(user)
    episodes = list(Episode.objects.for_user(user).order_by("started_at"))
    assert all(course for course in courses)  # every episode has at least one
    for episode, course in zip(episodes, courses, strict=True):
        assert max(s for _, s in course) == episode.severity
        assert all(
            episode.started_at <= taken_at <= (episode.ended_at or timezone.now())
            for taken_at, _ in course
        )
    long_ones = [
        course
        for episode, course in zip(episodes, courses, strict=True)
        if episode.ended_at
        and episode.ended_at - episode.started_at >= datetime.timedelta(hours=10)
    ]
    assert long_ones and all(len(course) >= 3 for course in long_ones)
    assert any(course[-1][1] < max(s for _, s in course) for course in long_ones)  # it eased
    assert courses == readings_course(demo_user("second"))
