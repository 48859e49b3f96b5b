"""Derived journal data (the assessment, history charts, report) cached until its inputs change.

A cached value is keyed by everything it was computed from, so it never needs deleting:

- the person's ``Profile.journal_version``, a random token replaced in the same
  transaction as every change to their episodes (see ``journal.services`` and
  ``journal_changed``). Because the token names one state of the journal, a value cached
  under it is right for as long as the token is current, and a database restored from a
  backup brings back tokens whose cached values match it. No clock is involved;
- guidance's ``ContentVersion``, replaced by every write to guidance content (a save, a
  bulk update, a delete, a revert), so a staff edit to the thresholds, a red flag, an
  article or the trigger and remedy names shows at once;
- the person's time zone, and whatever the caller adds (the day, the chosen range).

Reading all of that is one small query, whatever the size of the journal.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from accounts.models import Profile, new_journal_version
from guidance.models import ContentVersion

# Entries are never stale (see above); this only bounds how long unused ones linger.
CACHE_SECONDS = 60 * 60

T = TypeVar("T")


def journal_changed(*user_ids: int) -> None:
    """Give these people's journals a new version, so nothing cached from before is used.

    Call it inside the transaction that changes the episodes: a reader then sees either
    the old episodes with the old version or the new ones with the new.
    """
    if user_ids:
        Profile.objects.filter(user_id__in=user_ids).update(journal_version=new_journal_version())


@functools.cache
def _state_sql() -> str:
    # Written out once: this query runs on every journal page. Only quoted table and
    # column names go into the text; the user id is a parameter.
    quote = connection.ops.quote_name
    content_version = (
        f"(SELECT {quote('token')} FROM {quote(ContentVersion._meta.db_table)} "  # noqa: S608
        f"WHERE {quote('id')} = 1)"
    )
    return (
        f"SELECT {quote('timezone')}, {quote('journal_version')}, {content_version}, "  # noqa: S608
        f"{quote('about_you_answered_at')} IS NULL "
        f"FROM {quote(Profile._meta.db_table)} WHERE {quote('user_id')} = %s"
    )


@dataclass(frozen=True)
class JournalState:
    timezone: str
    journal_version: str
    guidance_version: str
    # "About you" neither answered nor skipped yet (the dashboard offers it); not an
    # input to anything derived, so not part of the version.
    about_you_open: bool = False

    @property
    def version(self) -> str:
        return f"{self.journal_version}|{self.guidance_version}"


def journal_state(user) -> JournalState | None:
    """The person's time zone and a version of everything their derived data reads.

    None for an anonymous visitor or an account without a profile row.
    """
    if not user.is_authenticated:
        return None
    return state_of(user.pk)


def state_of(user_id: int) -> JournalState | None:
    """`journal_state` by the person's id."""
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(), [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    zone_name, journal_version, guidance_version, about_you_open = row
    return JournalState(
        timezone=zone_name,
        journal_version=journal_version,
        guidance_version=str(guidance_version),
        about_you_open=bool(about_you_open),
    )


def guidance_cached(state: JournalState, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` of something read from guidance alone (the thresholds, an article's
    address), kept until guidance content changes: the same for everyone."""
    return _get_or_compute(f"guidance:{name}:{state.guidance_version}", compute)


def _get_or_compute(key: str, compute: Callable[[], T]) -> T:
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def cached(
    user, state: JournalState | None, name: str, params: tuple, compute: Callable[[], T]
) -> T:
    """``compute()``, or the value it gave last time for the same inputs.

    Without a state (no profile row) there is nothing to key on: it is computed afresh.
    """
    if state is None:
        return compute()
    inputs = f"{name}|{user.pk}|{state.timezone}|{state.version}|{params!r}"
    return _get_or_compute(f"journal:{name}:{hashlib.sha256(inputs.encode()).hexdigest()}", compute)
