"""The address a request really came from, as login limits and django-axes count it."""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind trusted proxies the address the outermost of them saw.

    Each proxy appends the address it was connected from to X-Forwarded-For, so with N
    proxies the client's address is the N-th entry from the right. Entries left of it
    were written by the client and are never trusted; a header with fewer entries than
    there are proxies did not come through all of them, and REMOTE_ADDR is used.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    hops = settings.TRUSTED_PROXY_COUNT
    if len(forwarded) < hops:
        return remote
    return _valid(forwarded[-hops]) or remote
