"""The privacy notice: its version, its date, and the figures it quotes from settings.

Each change to the notice adds a line to NOTICE_CHANGES. A change that alters what
people agreed to is marked `needs_consent`: everyone is then asked to agree again
(accounts/consent.py) before their journal opens.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.shortcuts import render

from .login_limits import KNOWN_DEVICE_DAYS


@dataclass(frozen=True)
class NoticeChange:
    version: int
    day: date
    summary: str
    needs_consent: bool


NOTICE_CHANGES = (
    NoticeChange(1, date(2026, 12, 2), "The first privacy notice.", needs_consent=True),
    # Check-ins are off unless a person turns them on: nothing changes for anyone else.
    NoticeChange(
        2, date(2026, 12, 2), "What check-ins keep, and who carries them.", needs_consent=False
    ),
)

NOTICE = NOTICE_CHANGES[-1]
# The newest version people must have agreed to before their journal opens.
CONSENT_VERSION = max(change.version for change in NOTICE_CHANGES if change.needs_consent)


def _days(seconds: int) -> int:
    return max(1, round(seconds / (24 * 60 * 60)))


def figures() -> dict:
    """Every number the notice states, read from the settings that enforce it."""
    return {
        "session_days": _days(settings.SESSION_COOKIE_AGE),
        "session_ends_at_close": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
        "login_log_days": settings.LOGIN_LOG_DAYS,
        "share_link_grace_days": settings.SHARE_LINK_GRACE_DAYS,
        "checkin_log_days": settings.CHECKIN_LOG_DAYS,
        "backup_keep_days": settings.BACKUP_KEEP_DAYS,
        "known_device_days": KNOWN_DEVICE_DAYS,
        "signup_link_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
    }


def privacy_notice(request):
    context = {
        "notice": NOTICE,
        "changes": NOTICE_CHANGES,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        **figures(),
    }
    return render(request, "privacy.html", context)
