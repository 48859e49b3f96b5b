"""Limits on guessing passwords, kept in Django's cache, beside django-axes' lockout.

django-axes locks one username and address pair after a few failures. These add what
a pair cannot see:

- per username, from any address: after ``LOGIN_SLOWDOWN_AFTER`` failures, one try is
  allowed per wait, and the wait doubles with each further failure (1 minute, 2, 4, ...
  up to ``LOGIN_SLOWDOWN_MAX_MINUTES``; the first is ``LOGIN_SLOWDOWN_FIRST_WAIT_SECONDS``). A device the owner has logged in from before
  (a signed cookie set at login) is not slowed, so guessing cannot lock the owner out;
- per address, across usernames: after ``LOGIN_IP_FAILURE_LIMIT`` failures within
  ``LOGIN_IP_WINDOW_MINUTES``, no more tries from it until the window ends.

Every wrong password counts: at login, and when a logged-in person re-enters theirs
(both send Django's ``user_login_failed``).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core import signing
from django.core.cache import cache
from django.dispatch import receiver

from .client_ip import client_ip

KNOWN_DEVICE_COOKIE = "backcare_device"
KNOWN_DEVICE_SALT = "accounts.known-device"
KNOWN_DEVICE_DAYS = 365
KNOWN_DEVICE_NAMES = 5  # people who share one device
FORGET_FAILURES_AFTER = 24 * 60 * 60  # seconds since the last failure


def _username_key(username: str) -> str:
    digest = hashlib.sha256(username.casefold().encode("utf-8", "surrogatepass")).hexdigest()
    return f"login-limits:user:{digest}"


def _address_key(request) -> str:
    return f"login-limits:ip:{client_ip(request) or 'unknown'}"


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout)
        return 1


# Known devices


def known_names(request) -> list[str]:
    try:
        return signing.loads(
            request.COOKIES.get(KNOWN_DEVICE_COOKIE, ""),
            salt=KNOWN_DEVICE_SALT,
            max_age=KNOWN_DEVICE_DAYS * 24 * 60 * 60,
        )
    except signing.BadSignature:
        return []


def is_known_device(request, username: str) -> bool:
    return username.casefold() in known_names(request)


def remember_device(request, response, username: str) -> None:
    names = [username.casefold()]
    names += [name for name in known_names(request) if name != names[0]]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        signing.dumps(names[:KNOWN_DEVICE_NAMES], salt=KNOWN_DEVICE_SALT),
        max_age=KNOWN_DEVICE_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# The limits


def seconds_to_wait(request, username: str) -> tuple[int, str] | None:
    """(seconds, "username" | "address") when a login try must not be made now."""
    if is_known_device(request, username):
        return None
    key = _username_key(username)
    failures = cache.get(key, 0)
    if failures >= settings.LOGIN_SLOWDOWN_AFTER:
        wait = min(
            settings.LOGIN_SLOWDOWN_FIRST_WAIT_SECONDS
            * 2 ** (failures - settings.LOGIN_SLOWDOWN_AFTER),
            settings.LOGIN_SLOWDOWN_MAX_MINUTES * 60,
        )
        left = cache.get(f"{key}:last", 0) + wait - time.time()
        if left > 0:
            return int(left) + 1, "username"
        # One try per wait, even when many arrive at once.
        if not cache.add(f"{key}:turn:{failures}", 1, wait):
            return wait, "username"
    address = _address_key(request)
    if cache.get(address, 0) >= settings.LOGIN_IP_FAILURE_LIMIT:
        window = settings.LOGIN_IP_WINDOW_MINUTES * 60
        left = cache.get(f"{address}:since", time.time()) + window - time.time()
        return max(int(left) + 1, 60), "address"
    return None


def record_failure(request, username: str | None) -> None:
    window = settings.LOGIN_IP_WINDOW_MINUTES * 60
    address = _address_key(request)
    cache.add(f"{address}:since", time.time(), window)
    _count(address, window)
    if username:
        key = _username_key(username)
        _count(key, FORGET_FAILURES_AFTER)
        cache.touch(key, FORGET_FAILURES_AFTER)
        cache.set(f"{key}:last", time.time(), FORGET_FAILURES_AFTER)


def forget_failures(username: str) -> None:
    cache.delete(_username_key(username))


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    if request is not None:
        record_failure(request, credentials.get("username"))


@receiver(user_logged_in)
def reset_after_login(sender, request, user, **kwargs):
    # Not after a login from a known device, which was never slowed: a guesser elsewhere
    # must not get a fresh set of tries each time the owner logs in.
    if request is not None and not is_known_device(request, user.get_username()):
        forget_failures(user.get_username())
