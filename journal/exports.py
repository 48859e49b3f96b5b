"""Taking one's journal away: the episodes CSV's rows, and everything as JSON.

Every episode is read with its triggers, red flags, remedy uses and readings in a single
query (the lists are joined in the database), streamed in chunks, so memory and the
number of queries stay flat however long the history is. The CSV download reads these
rows written ahead as lines (journal.csv_lines); `csv_written_afresh` writes the file
from the episodes alone.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import CharField, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from .csv_format import (
    CSV_COLUMNS,
    EFFECT_SEPARATOR,
    LIST_SEPARATOR,
    READING_SEPARATOR,
    csv_cells,
    iso_moment,
    own_last,
    stored_readings,
)
from .joined import joined_per_episode, split_sorted
from .models import (
    Episode,
    PainReading,
    PersonalRemedy,
    PersonalRemedyUse,
    PersonalTrigger,
    RemedyUse,
)
from .personal import OWN_PREFIX

CHUNK_SIZE = 500


@dataclass(frozen=True)
class EpisodeRecord:
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    severity: int
    location: str
    side: str
    triggers: tuple[str, ...]
    red_flags: tuple[str, ...]
    remedies: tuple[tuple[str, int], ...]  # (remedy slug, effect)
    own_triggers: tuple[str, ...]  # names of the person's own triggers
    own_remedies: tuple[tuple[str, int], ...]  # (name of the person's own remedy, effect)
    notes: str
    readings: tuple[tuple[datetime.datetime, int], ...]  # (taken_at, severity), oldest first
    created_at: datetime.datetime
    updated_at: datetime.datetime


def _slugs(joined: str | None) -> tuple[str, ...]:
    return tuple(split_sorted(joined, LIST_SEPARATOR, key=own_last))


def _reviewed_and_own(items) -> tuple[tuple, tuple]:
    """Split a list cell's items into the reviewed slugs and the own names (no prefix)."""
    reviewed = tuple(item for item in items if not item.startswith(OWN_PREFIX))
    own = tuple(item.removeprefix(OWN_PREFIX) for item in items if item.startswith(OWN_PREFIX))
    return reviewed, own


def _remedies(items) -> tuple[tuple[str, int], ...]:
    pairs = []
    for item in items:
        slug, _, effect = item.rpartition(EFFECT_SEPARATOR)
        pairs.append((slug, int(effect)))
    return tuple(pairs)


def _joined(model, expression) -> Subquery:
    return joined_per_episode(model, expression, LIST_SEPARATOR)


def _both(reviewed, own):
    """Two joined lists as one (the person's own entries written own:Name), so the
    export's row keeps one cell for each."""
    return Concat(
        Coalesce(reviewed, Value(""), output_field=TextField()),
        Value(LIST_SEPARATOR),
        Coalesce(own, Value(""), output_field=TextField()),
        output_field=TextField(),
    )


def _effect_item(name_field):
    return Concat(
        name_field,
        Value(EFFECT_SEPARATOR),
        Cast("effect", CharField()),
        output_field=TextField(),
    )


def export_rows(user, *more_fields: str):
    """Every episode of the person's, oldest first, as tuples: the CSV columns, the
    lists joined with ';' in no set order (the person's own triggers and remedies among
    the slugs as own:Name; readings as stored time@severity), then `more_fields`."""
    return rows_of(Episode.objects.for_user(user), *more_fields)


def rows_of(episodes, *more_fields: str):
    """`export_rows` of these episodes (a queryset already kept to one person's)."""
    return (
        episodes.order_by("started_at", "id")
        .annotate(
            trigger_slugs=_both(
                _joined(Episode.triggers.through, "trigger__slug"),
                _joined(
                    Episode.personal_triggers.through,
                    Concat(Value(OWN_PREFIX), "personaltrigger__name", output_field=TextField()),
                ),
            ),
            red_flag_slugs=_joined(Episode.red_flags.through, "redflag__slug"),
            remedy_effects=_both(
                _joined(RemedyUse, _effect_item("remedy__slug")),
                _joined(
                    PersonalRemedyUse,
                    _effect_item(
                        Concat(Value(OWN_PREFIX), "remedy__name", output_field=TextField())
                    ),
                ),
            ),
            # Times as the database writes them as text; journal.csv_format reads them back.
            readings_joined=_joined(
                PainReading,
                Concat(
                    Cast("taken_at", CharField()),
                    Value(READING_SEPARATOR),
                    Cast("severity", CharField()),
                    output_field=TextField(),
                ),
            ),
        )
        .values_list(
            "started_at",
            "ended_at",
            "severity",
            "location",
            "side",
            "trigger_slugs",
            "red_flag_slugs",
            "remedy_effects",
            "notes",
            "readings_joined",
            *more_fields,
        )
    )


def episode_records(user) -> Iterator[EpisodeRecord]:
    """All of a person's episodes, oldest first, read in one streamed query."""
    rows = export_rows(user, "created_at", "updated_at")
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        (started, ended, severity, location, side, triggers, flags, remedies, notes) = row[:9]
        triggers, own_triggers = _reviewed_and_own(_slugs(triggers))
        remedies, own_remedies = _reviewed_and_own(_slugs(remedies))
        yield EpisodeRecord(
            started_at=started,
            ended_at=ended,
            severity=severity,
            location=location,
            side=side,
            triggers=triggers,
            red_flags=_slugs(flags),
            remedies=_remedies(remedies),
            own_triggers=own_triggers,
            own_remedies=_remedies(own_remedies),
            notes=notes,
            readings=tuple(stored_readings(row[9])),
            created_at=row[10],
            updated_at=row[11],
        )


def written_lines(rows, tz: datetime.tzinfo) -> Iterator[tuple[int, str]]:
    """(episode id, its CSV line with the line end) for rows of `export_rows(user, "pk")`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(csv_cells(row, tz))
        yield row[-1], buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(CSV_COLUMNS)
    return buffer.getvalue()


def csv_written_afresh(user, tz: datetime.tzinfo) -> Iterator[str]:
    """The CSV file worked out from every episode, none of the stored lines read (see
    journal.csv_lines): header first, then pieces of `CHUNK_SIZE` rows."""
    yield csv_header()
    rows = export_rows(user, "pk").iterator(chunk_size=CHUNK_SIZE)
    lines = (line for _, line in written_lines(rows, tz))
    while piece := "".join(itertools.islice(lines, CHUNK_SIZE)):
        yield piece


def _own_entries(model, user, tz) -> list[dict]:
    return [
        {"name": name, "active": active, "created": iso_moment(created, tz)}
        for name, active, created in model.objects.for_user(user).values_list(
            "name", "active", "created"
        )
    ]


def export_document(user, tz: datetime.tzinfo, now: datetime.datetime | None = None) -> dict:
    """Everything the account holds, as plain JSON-ready values."""
    profile = getattr(user, "profile", None)
    return {
        "exported_at": iso_moment(now or timezone.now(), tz),
        "user": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": iso_moment(user.date_joined, tz),
        },
        "profile": {"timezone": profile.timezone if profile else "UTC"},
        # The person's own triggers and remedies, retired ones too, named in the episodes.
        "own_triggers": _own_entries(PersonalTrigger, user, tz),
        "own_remedies": _own_entries(PersonalRemedy, user, tz),
        "episodes": [
            {
                "started_at": iso_moment(record.started_at, tz),
                "ended_at": iso_moment(record.ended_at, tz) or None,
                "severity": record.severity,
                "location": record.location,
                "side": record.side,
                "triggers": list(record.triggers),
                "red_flags": list(record.red_flags),
                "remedies": [
                    {"remedy": slug, "effect": effect} for slug, effect in record.remedies
                ],
                "own_triggers": list(record.own_triggers),
                "own_remedies": [
                    {"remedy": name, "effect": effect} for name, effect in record.own_remedies
                ],
                "notes": record.notes,
                "readings": [
                    {"taken_at": iso_moment(taken_at, tz), "severity": severity}
                    for taken_at, severity in record.readings
                ],
                "created_at": iso_moment(record.created_at, tz),
                "updated_at": iso_moment(record.updated_at, tz),
            }
            for record in episode_records(user)
        ],
    }
