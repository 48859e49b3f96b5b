"""How many emails anyone can have the site send: sign-up and password-reset emails are
limited per address they come from and per address they go to (Django's cache)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .client_ip import client_ip

WINDOW = 60 * 60  # seconds


def _keys(request, email):
    digest = hashlib.sha256(email.strip().casefold().encode("utf-8", "surrogatepass")).hexdigest()
    return (
        (f"email-limits:ip:{client_ip(request) or 'unknown'}", settings.EMAILS_PER_IP_PER_HOUR),
        (f"email-limits:to:{digest}", settings.EMAILS_PER_ADDRESS_PER_HOUR),
    )


def refusal(request, email) -> str | None:
    """Why no email may be sent now, or None (and then this one is counted).

    The same for every address, whether or not an account uses it.
    """
    (from_key, from_limit), (to_key, to_limit) = _keys(request, email)
    if cache.get(from_key, 0) >= from_limit:
        return "Too many emails have been asked for from your network. Please try again in an hour."
    if cache.get(to_key, 0) >= to_limit:
        return (
            "Several emails have just been sent to that address. Please check your inbox "
            "(and spam folder), or try again in an hour."
        )
    for key, _limit in ((from_key, from_limit), (to_key, to_limit)):
        cache.add(key, 0, WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW)
    return None
