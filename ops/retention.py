"""What BackCare keeps only for a while, and deleting it once that while is over.

Run daily by ``manage.py purge_expired``; running it twice deletes nothing more.
"""

from datetime import timedelta
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.signup import drop_expired_signups
from journal.models import CheckinSent, ShareLink

BACKUP_PATTERNS = ("backcare-*", "before-restore-*")


def backups_dir() -> Path:
    return Path(settings.BASE_DIR) / "backups"


def _old_backups(before) -> list[Path]:
    folder = backups_dir()
    if not folder.is_dir():
        return []
    cutoff = before.timestamp()
    return [
        path
        for pattern in BACKUP_PATTERNS
        for path in folder.glob(pattern)
        if path.is_file() and path.stat().st_mtime < cutoff
    ]


def purge_expired(now=None) -> dict[str, int]:
    """Delete everything past its time; how many of each kind went."""
    now = now or timezone.now()
    logs_before = now - timedelta(days=settings.LOGIN_LOG_DAYS)
    links_before = now - timedelta(days=settings.SHARE_LINK_GRACE_DAYS)
    checkins_before = (now - timedelta(days=settings.CHECKIN_LOG_DAYS)).date()
    deleted = {
        "login records": AccessLog.objects.filter(attempt_time__lt=logs_before).delete()[0],
        "failed logins": AccessFailureLog.objects.filter(attempt_time__lt=logs_before).delete()[0]
        + AccessAttempt.objects.filter(attempt_time__lt=logs_before).delete()[0],
        "expired sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
        "unopened sign-ups": drop_expired_signups(),
        "share links": ShareLink.objects.filter(
            Q(revoked_at__lt=links_before) | Q(expires_at__lt=links_before)
        ).delete()[0],
        # The record of a "still going?" reminder stays while its episode is open, so the
        # reminder is never sent twice for one episode.
        "check-in records": CheckinSent.objects.filter(local_date__lt=checkins_before)
        .exclude(episode__isnull=False, episode__ended_at__isnull=True)
        .delete()[0],
        # What the task worker kept of each finished send (its arguments, its result).
        "finished tasks": DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - timedelta(days=settings.TASK_RESULT_DAYS))
        .delete()[0],
    }
    backups = _old_backups(now - timedelta(days=settings.BACKUP_KEEP_DAYS))
    for path in backups:
        path.unlink(missing_ok=True)
    deleted["backup files"] = len(backups)
    return deleted
