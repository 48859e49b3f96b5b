"""How often one address may open shared reports: a counter per address in the cache.

Every request under /shared/ counts, a wrong token as much as a right one, so nobody can
try tokens faster than ``SHARE_LINK_OPENS_PER_IP`` per ten minutes from one address. The
address is the one the login limits count (``accounts.client_ip``: the real client
behind trusted proxies). A fixed window is plenty here: the tokens cannot be guessed;
this only keeps the page cheap.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from accounts.client_ip import client_ip


@dataclass(frozen=True)
class Opening:
    allowed: bool
    retry_after: int  # seconds until the window ends


def count_opening(request, now: float | None = None) -> Opening:
    window = settings.SHARE_LINK_WINDOW_SECONDS
    now = time.time() if now is None else now
    slot = int(now // window)
    address = client_ip(request) or "unknown"
    # Hashed, so the cache holds no addresses.
    key = "share-opens:" + hashlib.sha256(f"{address}|{slot}".encode()).hexdigest()
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, window)
        count = 1
    retry_after = max(1, int((slot + 1) * window - now))
    return Opening(allowed=count <= settings.SHARE_LINK_OPENS_PER_IP, retry_after=retry_after)
