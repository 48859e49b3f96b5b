"""Where a person is logged in: each session remembers its device, rough place and when
it was last used, so Settings can list them and end the others."""

import ipaddress
from datetime import datetime, timedelta

from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.utils import timezone

from .client_ip import client_ip

SESSION_DEVICE_KEY = "device_note"
# Last seen is written at most this often, so most requests do not save the session.
SEEN_EVERY = timedelta(minutes=5)

_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "Mac"),
    ("Macintosh", "Mac"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def device_name(user_agent: str) -> str:
    """ "Firefox on Windows" from a user agent; "Unknown device" when it says nothing known."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown device"


def rough_place(address: str | None) -> str:
    """The address with its last part dropped: 203.0.113.x, 2001:db8:1:2::/64."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "Unknown"
    if ip.version == 4:
        return ".".join(str(ip).split(".")[:3]) + ".x"
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def _note(request, now) -> None:
    request.session[SESSION_DEVICE_KEY] = {
        "device": device_name(request.META.get("HTTP_USER_AGENT", ""))[:60],
        "place": rough_place(client_ip(request)),
        "seen": now.isoformat(),
    }


@receiver(user_logged_in)
def note_device_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        _note(request, timezone.now())


class SessionDeviceMiddleware:
    """Refresh a logged-in session's device and last seen, at most every few minutes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            seen = request.session.get(SESSION_DEVICE_KEY, {}).get("seen")
            try:
                stale = seen is None or now - datetime.fromisoformat(seen) >= SEEN_EVERY
            except (TypeError, ValueError):
                stale = True
            if stale:
                _note(request, now)
        return self.get_response(request)


def sessions_of(user, now=None):
    """The person's live sessions, newest use first: (session key, device note)."""
    now = now or timezone.now()
    user_id = str(user.pk)
    found = []
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        data = session.get_decoded()
        if data.get("_auth_user_id") == user_id:
            note = data.get(SESSION_DEVICE_KEY) or {}
            try:
                seen = datetime.fromisoformat(note.get("seen", ""))
            except (TypeError, ValueError):
                seen = None
            found.append(
                {
                    "key": session.session_key,
                    "device": note.get("device", "Unknown device"),
                    "place": note.get("place", "Unknown"),
                    "seen": seen,
                }
            )
    return sorted(
        found, key=lambda row: row["seen"] or datetime.min.replace(tzinfo=now.tzinfo), reverse=True
    )


def end_other_sessions(user, keep: str | None) -> int:
    """Log the person out everywhere but the session `keep`; how many were ended."""
    keys = [row["key"] for row in sessions_of(user) if row["key"] != keep]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)
