"""Settings' view of an account: what it holds, and the logins made to it lately."""

from datetime import timedelta

from axes.models import AccessFailureLog, AccessLog
from django.utils import timezone
from django_otp import devices_for_user

from journal.models import Episode, PainReading, ShareLink

# How far back Settings lists logins (the records themselves are kept LOGIN_LOG_DAYS).
RECENT_LOGIN_DAYS = 30
RECENT_LOGINS_LISTED = 20


def held_counts(user) -> dict:
    return {
        "episodes": Episode.objects.filter(user=user).count(),
        "readings": PainReading.objects.filter(episode__user=user).count(),
        "share_links": ShareLink.objects.filter(user=user).count(),
        "two_step_devices": sum(1 for _ in devices_for_user(user, confirmed=True)),
    }


def recent_logins(user, now=None) -> dict:
    """Sign-ins and failed attempts for this username (in any case), newest first."""
    since = (now or timezone.now()) - timedelta(days=RECENT_LOGIN_DAYS)
    username = user.get_username()
    return {
        "sign_ins": list(
            AccessLog.objects.filter(username__iexact=username, attempt_time__gte=since)
            .order_by("-attempt_time")
            .values("attempt_time", "ip_address", "user_agent")[:RECENT_LOGINS_LISTED]
        ),
        "failed_logins": list(
            AccessFailureLog.objects.filter(username__iexact=username, attempt_time__gte=since)
            .order_by("-attempt_time")
            .values("attempt_time", "ip_address", "user_agent")[:RECENT_LOGINS_LISTED]
        ),
        "recent_login_days": RECENT_LOGIN_DAYS,
    }
