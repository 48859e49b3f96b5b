"""The episodes CSV read from lines written ahead, one per episode (`EpisodeCsvLine`).

Working out each row (its triggers, warning signs, remedies and readings joined by the
database, then formatted in Python) costs many times more than reading a ready line.

A stored line is fresh while it was written in the person's current time zone under
guidance's current version (staff may rename a slug the row names). Anything else that
changes a row is a write to the journal, and every such write calls `journal_changed`
(journal.summaries) in its transaction: that writes again the lines of the episodes the
write touched or made (`write_ahead`), so the export that often follows a log only
reads, or deletes all of the person's lines (`forget`) when a change reaches every row.
An export streams the stored lines in order in one query; a row whose line is missing
or stale (a new time zone, staff's rename, a write at that very moment) is written afresh
there, so the file always says what the journal says, and once the rows are read such
lines are stored, for the next export to only read.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Iterator

from django.db import OperationalError, connection, transaction
from django.db.models import Case, F, Q, When
from django.utils import timezone

from accounts.models import Profile

from .assessment_inputs import zone
from .caching import JournalState, journal_state, state_of
from .exports import (
    CHUNK_SIZE,
    csv_header,
    csv_written_afresh,
    export_rows,
    rows_of,
    written_lines,
)
from .models import Episode, EpisodeCsvLine


def forget(user_ids: Iterable[int], episode_ids: Iterable[int] | None = None) -> None:
    """Delete the stored lines of these episodes (None: of every episode of these people).

    Call it inside the write, after the journal's version was replaced: that takes the
    profile's row lock, which `_write_lines` holds while it writes lines, so a line
    written from the episodes as they were before the write is always deleted by it.
    """
    if episode_ids is None:
        EpisodeCsvLine.objects.filter(episode__user_id__in=list(user_ids)).delete()
    elif episode_ids := list(episode_ids):
        EpisodeCsvLine.objects.filter(episode_id__in=episode_ids).delete()


def _fresh_lookup(state: JournalState):
    return {
        "csv_line__timezone": state.timezone,
        "csv_line__content_version": state.guidance_version,
    }


# How long the export waits for a lock on PostgreSQL before leaving the lines for another
# time: shorter than the database's deadlock check (1 s), so that a write it crosses
# (deleting an episode while the export writes its line) is never the one to fail.
LOCK_WAIT = "500ms"


def _write_missing(user, state: JournalState) -> None:
    """Write the lines of the person's episodes that have none or a stale one."""
    stale = (
        Episode.objects.for_user(user)
        .exclude(**_fresh_lookup(state))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    tz = zone(state.timezone)
    after = 0
    while episode_ids := list(stale.filter(pk__gt=after)[:CHUNK_SIZE]):
        try:
            _write_lines(user, state, tz, episode_ids)
        except OperationalError:
            return  # a write held the journal: this export writes those rows afresh
        if len(episode_ids) < CHUNK_SIZE:
            return
        after = episode_ids[-1]


@transaction.atomic
def _write_lines(user, state: JournalState, tz, episode_ids: list[int]) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
    # Writes to the journal wait for this lock before they forget lines (see `forget`),
    # so the episodes read below stay as they are until these lines are stored. (SQLite's
    # writes take turns anyway.)
    list(Profile.objects.select_for_update().filter(user=user).values_list("pk"))
    _store(Episode.objects.for_user(user), state, tz, episode_ids)


def write_ahead(user_id: int, episode_ids: list[int]) -> None:
    """Write these episodes' lines now: call it inside the write that changed them (or
    made them), after the journal's version was replaced, which holds the profile's row
    lock as `_write_lines` does. An export that follows, the most common one being just
    after logging, then only reads."""
    if not episode_ids:
        return
    state = state_of(user_id)
    if state is None:  # no profile row: exports are written afresh, lines go unused
        forget((user_id,), episode_ids)
        return
    episodes = Episode.objects.filter(user_id=user_id)
    _store(episodes, state, zone(state.timezone), episode_ids)


def _store(episodes, state: JournalState, tz, episode_ids: list[int]) -> None:
    """Store the lines of `episode_ids` among `episodes` (one person's), replacing any."""
    EpisodeCsvLine.objects.bulk_create(
        [
            EpisodeCsvLine(
                episode_id=pk,
                timezone=state.timezone,
                content_version=state.guidance_version,
                line=line,
            )
            for pk, line in written_lines(rows_of(episodes, "pk").filter(pk__in=episode_ids), tz)
        ],
        # A stale line is replaced in the same statement.
        update_conflicts=True,
        unique_fields=["episode"],
        update_fields=["timezone", "content_version", "line"],
    )


def stored_rows(user, state: JournalState):
    """The person's episodes, oldest first, as (id, stored line), the line None where it
    is missing or stale: the export's one query once the lines are written. Whether a
    line is fresh is asked of the database, which sends back nothing else."""
    fresh = Q(**_fresh_lookup(state))
    return (
        Episode.objects.for_user(user)
        .order_by("started_at", "id")
        .values_list("pk", Case(When(fresh, then=F("csv_line__line")), default=None))
    )


# A stored row's line: (id, line) -> line.
_LINE = operator.itemgetter(1)


def _stored_file(user, state: JournalState) -> Iterator[str]:
    yield csv_header()
    tz = zone(state.timezone)
    any_stale = False
    rows = stored_rows(user, state).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
        stale = [pk for pk, line in chunk if line is None]
        if not stale:
            yield "".join(map(_LINE, chunk))
            continue
        any_stale = True
        afresh = dict(written_lines(export_rows(user, "pk").filter(pk__in=stale), tz))
        # An episode deleted since the rows were read has no line afresh: it is left out.
        yield "".join(line if line is not None else afresh.get(pk, "") for pk, line in chunk)
    # The usual export (every line fresh: each write stores its own) costs no more than
    # its one query. Lines are stored once the rows are read, with no cursor open.
    if any_stale:
        _write_missing(user, state)


def csv_file(user) -> Iterator[str]:
    """The person's episodes CSV, header first, streamed in pieces of `CHUNK_SIZE` rows."""
    state = journal_state(user)
    if state is None:  # no profile row, so no time zone of their own to write lines in
        return csv_written_afresh(user, timezone.get_current_timezone())
    return _stored_file(user, state)
