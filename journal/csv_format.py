"""The episodes CSV: its columns, how lists and effects are written, and formula guards.

Pure: values in, cells out. Export (journal.exports) writes it, import (journal.imports)
reads it back.
"""

from __future__ import annotations

import datetime

from .joined import split_sorted
from .personal import OWN_PREFIX

CSV_COLUMNS = (
    "started_at",
    "ended_at",
    "severity",
    "location",
    "side",
    "triggers",
    "red_flags",
    "remedies",
    "notes",
    "readings",
)
# Files exported before episodes had readings: they still import, one reading each.
CSV_COLUMNS_BEFORE_READINGS = CSV_COLUMNS[:-1]
LIST_SEPARATOR = ";"
EFFECT_SEPARATOR = ":"
READING_SEPARATOR = "@"

# What each column holds, as the import page explains it.
COLUMN_HELP = [
    (
        "started_at",
        "When it started: ISO 8601 date and time, e.g. 2026-03-01T08:30:00+00:00. Required.",
    ),
    ("ended_at", "When it eased, in the same format; empty if still going."),
    ("severity", "Worst pain, a whole number from 0 to 10."),
    ("location", "lower, mid, upper or neck."),
    ("side", "left, right, both, centre, or empty."),
    (
        "triggers",
        "Triggers as slugs separated by ;, e.g. heavy-lifting-or-overuse;stress-or-anxiety. "
        "Your own triggers are written own: and their name, e.g. own:Gardening.",
    ),
    ("red_flags", "Warning signs as slugs separated by ;, e.g. pain-stops-you-sleeping."),
    (
        "remedies",
        "Remedies tried as slug:effect separated by ;, effect -1 (worse), 0 (no change), "
        "1 (a little better) or 2 (much better), e.g. heat:2;light-walking:1. Your own "
        "remedies are written own: and their name, e.g. own:Foam roller:2.",
    ),
    ("notes", "Free text, up to 2,000 characters."),
    (
        "readings",
        "Optional. How bad it was at moments during the episode, as time@score separated "
        "by ;, e.g. 2026-03-01T08:30:00+00:00@6;2026-03-01T12:00:00+00:00@4. The highest "
        "must be the severity. Without it, the episode has one reading at its start.",
    ),
]


# A cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP "CSV injection"). Such cells are written with a leading apostrophe, which
# spreadsheets hide and the importer removes. A cell that itself starts with an
# apostrophe gets one too, so that every value survives the round trip unchanged.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_STARTS = (*FORMULA_STARTS, "'")


def guard_formula(value: str) -> str:
    return "'" + value if value.startswith(_ESCAPED_STARTS) else value


def unguard_formula(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(_ESCAPED_STARTS):
        return value[1:]
    return value


def iso_moment(moment: datetime.datetime | None, tz: datetime.tzinfo) -> str:
    return moment.astimezone(tz).isoformat() if moment else ""


def own_last(item: str) -> tuple[bool, str]:
    """Sort key for a list cell: the reviewed slugs, then the person's own entries."""
    return (item.startswith(OWN_PREFIX), item)


def sorted_list(joined: str | None) -> str:
    return LIST_SEPARATOR.join(split_sorted(joined, LIST_SEPARATOR, key=own_last))


def parse_stored_moment(text: str) -> datetime.datetime:
    """A time as the database writes it as text (SQLite: UTC, no offset; PostgreSQL: with one)."""
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def stored_readings(joined: str | None) -> list[tuple[datetime.datetime, int]]:
    """Readings joined by the database (`time@severity;...`), oldest first."""
    readings = []
    for item in joined.split(LIST_SEPARATOR) if joined else []:
        moment, _, severity = item.rpartition(READING_SEPARATOR)
        readings.append((parse_stored_moment(moment), int(severity)))
    return sorted(readings)


def readings_cell(readings: list[tuple[datetime.datetime, int]], tz: datetime.tzinfo) -> str:
    return LIST_SEPARATOR.join(
        f"{iso_moment(moment, tz)}{READING_SEPARATOR}{severity}" for moment, severity in readings
    )


def csv_cells(row: tuple, tz: datetime.tzinfo) -> tuple:
    """One CSV row from one of `export_rows`: the episode's own values, no objects built."""
    started, ended, severity, location, side, triggers, flags, remedies, notes, readings = row[:10]
    return (
        iso_moment(started, tz),
        iso_moment(ended, tz),
        severity,
        guard_formula(location),
        guard_formula(side),
        guard_formula(sorted_list(triggers)),
        guard_formula(sorted_list(flags)),
        guard_formula(sorted_list(remedies)),
        guard_formula(notes),
        readings_cell(stored_readings(readings), tz),
    )


def header_problem(header: list[str]) -> str | None:
    names = [name.strip().lower() for name in header]
    if names in (list(CSV_COLUMNS), list(CSV_COLUMNS_BEFORE_READINGS)):
        return None
    expected = ",".join(CSV_COLUMNS)
    missing = [c for c in CSV_COLUMNS_BEFORE_READINGS if c not in names]
    unexpected = [n for n in names if n not in CSV_COLUMNS]
    details = []
    if missing:
        details.append("missing " + ", ".join(missing))
    if unexpected:
        details.append("unexpected " + ", ".join(f"“{n}”" for n in unexpected))
    if not details:
        details.append("the columns are in a different order or repeated")
    return f"the first line must be the column names {expected} ({'; '.join(details)})."
