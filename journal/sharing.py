"""Share links: making one, finding one from its token, counting its openings, stopping it.

A token is 32 URL-safe characters from ``secrets`` (192 bits). Only its SHA-256 is
stored, so the database alone opens no link; the token is shown to the person once, when
the link is made. A token that cannot be one of ours is turned away before any query.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from .models import ShareLink
from .periods import DayRange, long_date
from .ranges import describe_days

TOKEN_BYTES = 24  # 192 bits; token_urlsafe writes them as 32 characters
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
LASTS_DAYS = (1, 7, 30)
DEFAULT_LASTS_DAYS = 7
# Enough for every clinician a person sees; stops a script from minting links by the
# thousand.
MAX_ACTIVE_LINKS = 20
# Settings lists every working link and this many of the latest stopped or expired ones.
PAST_LINKS_LISTED = 10


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str) -> bool:
    return TOKEN_PATTERN.fullmatch(token) is not None


def active_link_count(user, now: datetime.datetime) -> int:
    return ShareLink.objects.for_user(user).usable(now).count()


def create_link(
    *, user, range_key: str, day_range: DayRange, lasts_days: int, now=None
) -> tuple[ShareLink, str]:
    """A new link for ``user``'s own report over ``day_range``: (link, its token).

    The token is returned once and never stored; callers show it and forget it.
    """
    now = now or timezone.now()
    token = new_token()
    link = ShareLink.objects.create(
        user=user,
        token_hash=token_hash(token),
        range=range_key,
        first_day=day_range.start,
        last_day=day_range.end,
        expires_at=now + datetime.timedelta(days=lasts_days),
    )
    return link, token


def find_usable_link(token: str, now=None) -> ShareLink | None:
    """The link this token opens, with its owner and their profile; None if there is none.

    Unknown, malformed, expired and stopped tokens all give None, so a caller cannot
    tell them apart (nor can whoever is guessing).
    """
    if not well_formed(token):
        return None
    now = now or timezone.now()
    return (
        ShareLink.objects.usable(now)
        .select_related("user__profile")
        .filter(token_hash=token_hash(token))
        .first()
    )


def record_opening(link: ShareLink, now=None) -> None:
    """Count one opening, in one statement, so two clinicians at once both count."""
    now = now or timezone.now()
    ShareLink.objects.filter(pk=link.pk).update(
        opened_count=F("opened_count") + 1, last_opened_at=now
    )


def stop_link(link: ShareLink, now=None) -> None:
    """Stop a link at once; stopping it again changes nothing."""
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.save(update_fields=["revoked_at"])


def range_label(link: ShareLink) -> str:
    if link.first_day is None:
        return f"All time to {long_date(link.last_day)}"
    return describe_days(DayRange(link.first_day, link.last_day), None)


@dataclass(frozen=True)
class ShareLinkRow:
    link: ShareLink
    status: ShareLink.Status
    range_label: str


def links_for_settings(user, now=None) -> dict:
    """The person's links as Settings lists them: every working one, then the latest
    stopped or expired ones; two queries."""
    now = now or timezone.now()
    links = ShareLink.objects.for_user(user)
    working = list(links.usable(now))
    past = list(links.exclude(pk__in=[link.pk for link in working])[: PAST_LINKS_LISTED + 1])
    rows = [
        ShareLinkRow(link, link.status(now), range_label(link))
        for link in [*working, *past[:PAST_LINKS_LISTED]]
    ]
    return {"share_links": rows, "more_share_links": len(past) > PAST_LINKS_LISTED}
