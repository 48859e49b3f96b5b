"""manage.py purge_expired: what is past its time goes, newer rows stay, twice is once."""

import io
import os
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from journal.models import ShareLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _backups_in_tmp(settings, tmp_path):
    # purge_expired deletes old files under BASE_DIR/backups: never the checkout's own.
    settings.BASE_DIR = tmp_path


def aged(model, days, **fields):
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - timedelta(days=days))
    return row


def share_link(user, n, *, expired_days_ago=None, stopped_days_ago=None):
    now = timezone.now()
    return ShareLink.objects.create(
        user=user,
        token_hash=f"{n:064d}",
        range=ShareLink.Range.PAST_30,
        last_day=now.date(),
        expires_at=now - timedelta(days=expired_days_ago)
        if expired_days_ago is not None
        else now + timedelta(days=7),
        revoked_at=now - timedelta(days=stopped_days_ago) if stopped_days_ago is not None else None,
    )


def session(expires_in):
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + expires_in
    )
    return store.session_key


def purge():
    call_command("purge_expired", stdout=io.StringIO())


def test_old_login_records_go_and_newer_ones_stay(settings):
    settings.LOGIN_LOG_DAYS = 30
    old_log = aged(AccessLog, 31, username="a", ip_address="192.0.2.1")
    new_log = aged(AccessLog, 29, username="a", ip_address="192.0.2.1")
    old_failure = aged(AccessFailureLog, 31, username="a", ip_address="192.0.2.1", locked_out=False)
    new_failure = aged(AccessFailureLog, 1, username="a", ip_address="192.0.2.1", locked_out=False)
    old_attempt = aged(
        AccessAttempt, 31, username="a", ip_address="192.0.2.1", failures_since_start=1
    )

    purge()

    assert list(AccessLog.objects.all()) == [new_log]
    assert list(AccessFailureLog.objects.all()) == [new_failure]
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert not AccessFailureLog.objects.filter(pk=old_failure.pk).exists()


def test_the_login_record_days_follow_the_setting(settings):
    settings.LOGIN_LOG_DAYS = 7
    aged(AccessLog, 8, username="a", ip_address="192.0.2.1")
    purge()
    assert not AccessLog.objects.exists()


def test_expired_sessions_go_and_live_ones_stay():
    gone = session(timedelta(seconds=-1))
    live = session(timedelta(days=1))
    purge()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert gone != live


def test_share_links_go_a_grace_period_after_they_stop_working(settings, user):
    settings.SHARE_LINK_GRACE_DAYS = 30
    working = share_link(user, 1)
    recently_expired = share_link(user, 2, expired_days_ago=29)
    long_expired = share_link(user, 3, expired_days_ago=31)
    recently_stopped = share_link(user, 4, stopped_days_ago=29)
    long_stopped = share_link(user, 5, stopped_days_ago=31)

    purge()

    kept = set(ShareLink.objects.values_list("pk", flat=True))
    assert kept == {working.pk, recently_expired.pk, recently_stopped.pk}
    assert long_expired.pk not in kept and long_stopped.pk not in kept


def test_old_backups_go_and_newer_ones_and_other_files_stay(settings, tmp_path):
    settings.BACKUP_KEEP_DAYS = 30
    folder = tmp_path / "backups"
    folder.mkdir()
    names = ["backcare-old.sqlite3", "before-restore-old.dump", "backcare-new.sqlite3", "notes.txt"]
    for name in names:
        (folder / name).write_text("x")
    old = (timezone.now() - timedelta(days=31)).timestamp()
    for name in ("backcare-old.sqlite3", "before-restore-old.dump", "notes.txt"):
        os.utime(folder / name, (old, old))

    purge()

    assert sorted(path.name for path in folder.iterdir()) == ["backcare-new.sqlite3", "notes.txt"]


def test_sign_ups_never_opened_go_once_their_link_has_run_out(settings, django_user_model):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    waiting = django_user_model.objects.create_user("waiting", is_active=False)
    stale = django_user_model.objects.create_user("stale", is_active=False)
    django_user_model.objects.filter(pk=stale.pk).update(
        date_joined=timezone.now() - timedelta(hours=2)
    )
    purge()
    assert list(django_user_model.objects.values_list("username", flat=True)) == [waiting.username]


def test_purging_twice_deletes_nothing_more(settings, user):
    aged(AccessLog, 31, username="a", ip_address="192.0.2.1")
    new_log = aged(AccessLog, 1, username="a", ip_address="192.0.2.1")
    share_link(user, 1, expired_days_ago=60)
    purge()
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert list(AccessLog.objects.all()) == [new_log]
    assert out.getvalue().startswith("Deleted 0 login records, 0 failed logins,")


def test_old_checkin_records_go_unless_their_episode_is_still_open(settings, user):
    from journal.models import CheckinSent, Episode

    settings.CHECKIN_LOG_DAYS = 60
    today = timezone.localdate()
    now = timezone.now()
    open_episode = Episode.objects.create(
        user=user, started_at=now - timedelta(days=70), severity=5, location="lower"
    )
    ended = Episode.objects.create(
        user=user,
        started_at=now - timedelta(days=80),
        ended_at=now - timedelta(days=79),
        severity=5,
        location="lower",
    )

    def sent(days_ago, kind=CheckinSent.Kind.DAILY, episode=None):
        return CheckinSent.objects.create(
            user=user, kind=kind, local_date=today - timedelta(days=days_ago), episode=episode
        )

    old_daily = sent(61)
    reminder_open = sent(62, CheckinSent.Kind.STILL_GOING, open_episode)
    reminder_ended = sent(63, CheckinSent.Kind.STILL_GOING, ended)
    recent = sent(59)
    purge()
    purge()
    left = set(CheckinSent.objects.values_list("pk", flat=True))
    assert left == {reminder_open.pk, recent.pk}
    assert old_daily.pk not in left and reminder_ended.pk not in left


def test_finished_task_records_go_after_their_days(settings):
    from django_tasks_db.models import DBTaskResult

    from journal.tasks import send_checkin

    settings.TASK_RESULT_DAYS = 14
    old, new = send_checkin.enqueue(1), send_checkin.enqueue(2)
    rows = DBTaskResult.objects.filter(id__in=[old.id, new.id])
    rows.update(status="SUCCESSFUL")
    DBTaskResult.objects.filter(id=old.id).update(finished_at=timezone.now() - timedelta(days=15))
    DBTaskResult.objects.filter(id=new.id).update(finished_at=timezone.now() - timedelta(days=13))
    purge()
    assert [str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)] == [new.id]
