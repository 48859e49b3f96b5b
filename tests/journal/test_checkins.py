"""Who gets a check-in, when, and only once a day: time zones, daylight saving, bouts,
the kinds, and sends that are run twice."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Profile
from journal.checkins import choose_kind, enqueue_due_checkins, past_checkin_time
from journal.models import CheckinSent
from journal.tasks import send_checkin

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
Kind = CheckinSent.Kind


def with_checkins(user, zone="UTC", at=datetime.time(19, 0), **fields):
    Profile.objects.filter(user=user).update(
        timezone=zone, checkins_on=True, checkin_time=at, **fields
    )
    return user


def ongoing_since(user, started_at):
    return EpisodeFactory(user=user, started_at=started_at, ended_at=None)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("local", "due"),
    [("18:59", False), ("19:00", True), ("23:59", True), ("00:00", False)],
    ids=["a-minute-before", "on-time", "late-evening", "after-midnight"],
)
def test_due_once_the_local_clock_passes_the_time(local, due):
    now = datetime.datetime.combine(datetime.date(2026, 6, 1), datetime.time.fromisoformat(local))
    assert past_checkin_time(now, datetime.time(19, 0)) is due


def test_each_person_is_due_at_their_own_local_time(make_user):
    tokyo = with_checkins(make_user(), "Asia/Tokyo")
    new_york = with_checkins(make_user(), "America/New_York")
    for person in (tokyo, new_york):
        ongoing_since(person, utc(2026, 6, 9, 12))
    # 10:00 UTC: 19:00 in Tokyo, 06:00 in New York.
    assert [c.user for c in enqueue_due_checkins(utc(2026, 6, 10, 10))] == [tokyo]
    # 23:00 UTC: 19:00 in New York; in Tokyo it is 08:00 the next day, before its time.
    [late] = enqueue_due_checkins(utc(2026, 6, 10, 23))
    assert (late.user, late.local_date) == (new_york, datetime.date(2026, 6, 10))


@pytest.mark.parametrize(
    ("first", "change_day", "expected_utc"),
    [
        # Clocks go forward at 01:00 GMT on 29 March: 01:30 never happens that day, so the
        # check-in goes with the first time after the gap (02:00 BST, 01:00 UTC).
        (datetime.date(2026, 3, 28), 29, utc(2026, 3, 29, 1, 0)),
        # Clocks go back at 02:00 BST on 25 October: 01:30 happens twice; only the first
        # (00:30 UTC) sends.
        (datetime.date(2026, 10, 24), 25, utc(2026, 10, 25, 0, 30)),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_a_daylight_saving_change_neither_skips_nor_doubles_a_day(
    user, first, change_day, expected_utc
):
    with_checkins(user, "Europe/London", at=datetime.time(1, 30))
    ongoing_since(user, utc(first.year, first.month, first.day - 2))
    sends = []
    for day in range(3):
        midnight = utc(first.year, first.month, first.day + day)
        # Every 5 minutes around the change, then hourly for the rest of the day.
        times = [midnight + datetime.timedelta(minutes=m) for m in range(0, 180, 5)]
        times += [midnight + datetime.timedelta(hours=h) for h in range(3, 24)]
        for now in times:
            sends += [(now, checkin.local_date) for checkin in enqueue_due_checkins(now)]
    assert [day for _, day in sends] == [first + datetime.timedelta(days=n) for n in range(3)]
    assert {day.day: when for when, day in sends}[change_day] == expected_utc


def test_nothing_outside_a_bout(user):
    with_checkins(user)
    # Ended five days ago: past the three symptom-free days that keep a bout current.
    EpisodeFactory(user=user, started_at=utc(2026, 6, 1, 8), ended_at=utc(2026, 6, 1, 12))
    assert enqueue_due_checkins(utc(2026, 6, 6, 20)) == []
    # Four calendar days after the last symptom day, though not yet 4 x 24 hours.
    with_checkins(user, at=datetime.time(7, 0))
    assert enqueue_due_checkins(utc(2026, 6, 5, 8)) == []
    # Within the gap the bout is still current, though nothing is going on.
    assert len(enqueue_due_checkins(utc(2026, 6, 3, 20))) == 1


def test_nobody_who_left_check_ins_off_or_chose_no_way(user, other_user):
    ongoing_since(user, utc(2026, 6, 1, 8))
    ongoing_since(other_user, utc(2026, 6, 1, 8))
    with_checkins(other_user, checkin_by_email=False, checkin_by_push=False)
    assert enqueue_due_checkins(utc(2026, 6, 1, 20)) == []


def test_the_kinds_day_twelve_first_then_one_still_going_reminder_then_daily(user):
    with_checkins(user)
    # Started the evening of 1 June and not heard of since: day 12 is 12 June.
    episode = ongoing_since(user, utc(2026, 6, 1, 18))
    kinds = {}
    for day in range(2, 14):
        for checkin in enqueue_due_checkins(utc(2026, 6, day, 20)):
            kinds[day] = (checkin.kind, checkin.episode_id)
    assert kinds[2] == (Kind.STILL_GOING, episode.pk)
    assert all(kinds[day] == (Kind.DAILY, None) for day in range(3, 12))
    assert kinds[12] == (Kind.HEADS_UP, None)
    assert kinds[13] == (Kind.DAILY, None)


def test_choose_kind_outside_a_bout_is_nothing():
    assert choose_kind(None, 14, unasked_episode=7) is None


def test_two_runs_queue_one_check_in(user):
    with_checkins(user, at=datetime.time(0, 0))  # due whatever the hour the suite runs
    ongoing_since(user, timezone.now() - datetime.timedelta(days=1))
    call_command("send_checkins", stdout=None)
    call_command("send_checkins", stdout=None)
    assert CheckinSent.objects.filter(user=user).count() == 1
    # A second row for the same person and day is refused by the database itself.
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckinSent.objects.create(
            user=user, kind=Kind.DAILY, local_date=CheckinSent.objects.get().local_date
        )


def claimed_today(user, kind=Kind.DAILY):
    return CheckinSent.objects.create(user=user, kind=kind, local_date=timezone.localdate())


def test_the_task_run_twice_sends_one_email(user):
    with_checkins(user, at=datetime.time(0, 0))
    checkin = claimed_today(user)
    assert send_checkin.call(checkin.pk) == "sent"
    assert send_checkin.call(checkin.pk) == "already sent"
    assert len(mail.outbox) == 1
    checkin.refresh_from_db()
    assert checkin.sent_at is not None and checkin.emailed


def test_the_email_says_nothing_about_health_and_unsubscribes_in_one_click(user, settings):
    settings.SITE_URL = "https://backcare.example"
    with_checkins(user)
    ongoing_since(user, timezone.now() - datetime.timedelta(days=11))
    send_checkin.call(claimed_today(user, Kind.HEADS_UP).pk)
    [email] = mail.outbox
    assert email.subject == "Your BackCare check-in"
    assert email.to == [user.email]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    for text in (email.subject, email.body, html):
        for health_word in ("pain", "day 12", "doctor", "spasm", "episode", "bout"):
            assert health_word not in text.lower()
    assert "https://backcare.example/journal/check-in/" in email.body
    unsubscribe = email.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://backcare.example/accounts/checkins/unsubscribe/")
    assert unsubscribe.strip("<>") in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_check_in_left_in_the_queue_past_midnight_is_not_sent(user):
    with_checkins(user)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    checkin = CheckinSent.objects.create(user=user, kind=Kind.DAILY, local_date=yesterday)
    assert send_checkin.call(checkin.pk) == "too late"
    assert mail.outbox == []


# Transactional: the worker closes a connection it finds inside a transaction, as the
# test's own would be. The serialized rollback brings back the starting content after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_what_send_checkins_queued(user):
    # Evening everywhere: the check-in time is midnight, so any moment today is past it.
    with_checkins(user, "Pacific/Kiritimati", at=datetime.time(0, 0))
    ongoing_since(user, timezone.now() - datetime.timedelta(hours=2))
    call_command("send_checkins", stdout=None)
    assert mail.outbox == []  # queued, not sent in the command
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [email.subject for email in mail.outbox] == ["Your BackCare check-in"]
    assert CheckinSent.objects.get(user=user).sent_at is not None


def test_deleting_the_account_deletes_its_check_ins(user):
    claimed_today(user)
    user.delete()
    assert not CheckinSent.objects.exists()


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_the_local_date_is_the_persons_own(user, zone):
    with_checkins(user, zone, at=datetime.time(0, 0))
    ongoing_since(user, utc(2026, 6, 9, 0))
    now = utc(2026, 6, 10, 12)
    [checkin] = enqueue_due_checkins(now)
    assert checkin.local_date == now.astimezone(zoneinfo.ZoneInfo(zone)).date()
