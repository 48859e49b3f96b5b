"""Taking one's journal away (CSV and JSON) and bringing a CSV back in.

The CSV is the exchange format: one row per episode, the columns in `CSV_COLUMNS`,
times in ISO 8601 with the person's UTC offset, vocabulary as slugs. Reading it back
(`import_episodes_csv`) validates every row first and saves all of them or none.

Export reads every episode with its triggers, red flags and remedy uses in a single
query (the lists are joined in the database), streamed in chunks, so memory and the
number of queries stay flat however long the history is.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, Subquery, TextField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from guidance.models import RedFlag, Remedy, Trigger

from .joined import joined_per_episode, split_sorted
from .models import NOTES_MAX_LENGTH, SEVERITY_MAX, SEVERITY_MIN, Episode, RemedyUse
from .services import episodes_bulk_add

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
)
LIST_SEPARATOR = ";"
EFFECT_SEPARATOR = ":"
CHUNK_SIZE = 500

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
MAX_LISTED_ERRORS = 50
# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)
EARLIEST_START = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)

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


# --- reading the journal ----------------------------------------------------------------


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
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


def _slugs(joined: str | None) -> tuple[str, ...]:
    return tuple(split_sorted(joined, LIST_SEPARATOR))


def _remedies(joined: str | None) -> tuple[tuple[str, int], ...]:
    pairs = []
    for item in _slugs(joined):
        slug, _, effect = item.rpartition(EFFECT_SEPARATOR)
        pairs.append((slug, int(effect)))
    return tuple(pairs)


def _joined(model, expression) -> Subquery:
    return joined_per_episode(model, expression, LIST_SEPARATOR)


def export_rows(user, *more_fields: str):
    """Every episode of the person's, oldest first, as tuples: the CSV columns, the
    lists joined with ';' in no set order, then `more_fields`."""
    return (
        Episode.objects.for_user(user)
        .order_by("started_at", "id")
        .annotate(
            trigger_slugs=_joined(Episode.triggers.through, "trigger__slug"),
            red_flag_slugs=_joined(Episode.red_flags.through, "redflag__slug"),
            remedy_effects=_joined(
                RemedyUse,
                Concat(
                    "remedy__slug",
                    Value(EFFECT_SEPARATOR),
                    Cast("effect", CharField()),
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
            *more_fields,
        )
    )


def episode_records(user) -> Iterator[EpisodeRecord]:
    """All of a person's episodes, oldest first, read in one streamed query."""
    rows = export_rows(user, "created_at", "updated_at")
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        (started, ended, severity, location, side, triggers, flags, remedies, notes) = row[:9]
        yield EpisodeRecord(
            started_at=started,
            ended_at=ended,
            severity=severity,
            location=location,
            side=side,
            triggers=_slugs(triggers),
            red_flags=_slugs(flags),
            remedies=_remedies(remedies),
            notes=notes,
            created_at=row[9],
            updated_at=row[10],
        )


def _iso(moment: datetime.datetime | None, tz: datetime.tzinfo) -> str:
    return moment.astimezone(tz).isoformat() if moment else ""


# --- CSV export -------------------------------------------------------------------------

# Rows written between two pieces of the streamed file: a piece per row costs more
# than writing the row, and 200 rows are a few tens of kilobytes.
CSV_ROWS_PER_PIECE = 200


def _sorted_list(joined: str | None) -> str:
    return LIST_SEPARATOR.join(split_sorted(joined, LIST_SEPARATOR))


def csv_cells(row: tuple, tz: datetime.tzinfo) -> tuple:
    """One CSV row from one of `export_rows`: the episode's own values, no objects built."""
    started, ended, severity, location, side, triggers, flags, remedies, notes = row
    return (
        _iso(started, tz),
        _iso(ended, tz),
        severity,
        guard_formula(location),
        guard_formula(side),
        guard_formula(_sorted_list(triggers)),
        guard_formula(_sorted_list(flags)),
        guard_formula(_sorted_list(remedies)),
        guard_formula(notes),
    )


def csv_lines(user, tz: datetime.tzinfo) -> Iterator[str]:
    """The CSV file, header first, in pieces of `CSV_ROWS_PER_PIECE` rows."""
    piece = io.StringIO()
    writer = csv.writer(piece)
    writer.writerow(CSV_COLUMNS)
    rows = export_rows(user).iterator(chunk_size=CHUNK_SIZE)
    for count, row in enumerate(rows, start=1):
        writer.writerow(csv_cells(row, tz))
        if count % CSV_ROWS_PER_PIECE == 0:
            yield piece.getvalue()
            piece.seek(0)
            piece.truncate()
    yield piece.getvalue()


# --- JSON export ------------------------------------------------------------------------


def export_document(user, tz: datetime.tzinfo, now: datetime.datetime | None = None) -> dict:
    """Everything the account holds, as plain JSON-ready values."""
    profile = getattr(user, "profile", None)
    return {
        "exported_at": _iso(now or timezone.now(), tz),
        "user": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": _iso(user.date_joined, tz),
        },
        "profile": {"timezone": profile.timezone if profile else "UTC"},
        "episodes": [
            {
                "started_at": _iso(record.started_at, tz),
                "ended_at": _iso(record.ended_at, tz) or None,
                "severity": record.severity,
                "location": record.location,
                "side": record.side,
                "triggers": list(record.triggers),
                "red_flags": list(record.red_flags),
                "remedies": [
                    {"remedy": slug, "effect": effect} for slug, effect in record.remedies
                ],
                "notes": record.notes,
                "created_at": _iso(record.created_at, tz),
                "updated_at": _iso(record.updated_at, tz),
            }
            for record in episode_records(user)
        ],
    }


# --- CSV import -------------------------------------------------------------------------


@dataclass
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    more_errors: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    severity: int
    location: str
    side: str
    trigger_ids: list[int]
    red_flag_ids: list[int]
    remedy_effects: list[tuple[int, int]]
    notes: str


class _TooManyErrors(Exception):
    pass


class _RowReader:
    """Checks one row at a time, collecting every problem with its line number."""

    def __init__(self, tz: datetime.tzinfo, now: datetime.datetime):
        self.tz = tz
        self.latest = now + FUTURE_TOLERANCE
        self.triggers = dict(Trigger.objects.values_list("slug", "id"))
        self.red_flags = dict(RedFlag.objects.values_list("slug", "id"))
        self.remedies = dict(Remedy.objects.values_list("slug", "id"))
        self.errors: list[str] = []

    def error(self, line: int, message: str) -> None:
        if len(self.errors) >= MAX_LISTED_ERRORS:
            raise _TooManyErrors
        self.errors.append(f"Line {line}: {message}")

    def moment(self, line: int, column: str, value: str, *, required: bool):
        if not value:
            if required:
                self.error(line, f"{column} is empty; every episode needs a start time.")
            return None
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            self.error(
                line,
                f"{column} “{value}” is not a date and time like 2026-03-01T08:30:00+00:00.",
            )
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, self.tz)
        if moment < EARLIEST_START:
            self.error(line, f"{column} “{value}” is before 1900.")
            return None
        if moment > self.latest:
            self.error(line, f"{column} “{value}” is in the future.")
            return None
        return moment

    def severity(self, line: int, value: str) -> int | None:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not SEVERITY_MIN <= number <= SEVERITY_MAX:
            self.error(
                line,
                f"severity must be a whole number from {SEVERITY_MIN} to {SEVERITY_MAX}, not “{value}”.",
            )
            return None
        return number

    def choice(self, line: int, column: str, value: str, choices, *, blank: bool) -> str | None:
        allowed = [c.value for c in choices]
        if value in allowed or (blank and value == ""):
            return value
        listed = ", ".join(allowed) + (" (or empty)" if blank else "")
        self.error(line, f"{column} “{value}” is not one of {listed}.")
        return None

    def slugs(self, line: int, value: str, known: dict[str, int], noun: str) -> list[int] | None:
        slugs = list(dict.fromkeys(s.strip() for s in value.split(LIST_SEPARATOR) if s.strip()))
        unknown = [s for s in slugs if s not in known]
        if unknown:
            names = ", ".join(f"“{s}”" for s in unknown)
            self.error(line, f"unknown {noun}{'s' if len(unknown) > 1 else ''} {names}.")
            return None
        return [known[s] for s in slugs]

    def remedy_effects(self, line: int, value: str) -> list[tuple[int, int]] | None:
        effects: dict[int, int] = {}
        ok = True
        allowed = [str(e.value) for e in RemedyUse.Effect]
        for item in (s.strip() for s in value.split(LIST_SEPARATOR)):
            if not item:
                continue
            slug, separator, effect = (part.strip() for part in item.rpartition(EFFECT_SEPARATOR))
            if not separator or not slug:
                self.error(line, f"remedies entry “{item}” should look like heat:2 (slug:effect).")
                ok = False
            elif slug not in self.remedies:
                self.error(line, f"unknown remedy “{slug}”.")
                ok = False
            elif effect not in allowed:
                self.error(
                    line,
                    f"the effect of {slug} must be {', '.join(allowed[:-1])} or {allowed[-1]}, not “{effect}”.",
                )
                ok = False
            elif self.remedies[slug] in effects:
                self.error(line, f"remedy {slug} is listed twice.")
                ok = False
            else:
                effects[self.remedies[slug]] = int(effect)
        return list(effects.items()) if ok else None

    def notes(self, line: int, value: str) -> str | None:
        if len(value) > NOTES_MAX_LENGTH:
            self.error(
                line,
                f"notes are {len(value):,} characters long; the limit is {NOTES_MAX_LENGTH:,}.",
            )
            return None
        return value

    def read(self, line: int, cells: dict[str, str]) -> _Row | None:
        before = len(self.errors)
        started_at = self.moment(line, "started_at", cells["started_at"], required=True)
        ended_at = self.moment(line, "ended_at", cells["ended_at"], required=False)
        if started_at and ended_at and ended_at < started_at:
            self.error(line, "ended_at is before started_at.")
        values = {
            "severity": self.severity(line, cells["severity"]),
            "location": self.choice(
                line, "location", cells["location"], Episode.Location, blank=False
            ),
            "side": self.choice(line, "side", cells["side"], Episode.Side, blank=True),
            "trigger_ids": self.slugs(line, cells["triggers"], self.triggers, "trigger"),
            "red_flag_ids": self.slugs(line, cells["red_flags"], self.red_flags, "red flag"),
            "remedy_effects": self.remedy_effects(line, cells["remedies"]),
            "notes": self.notes(line, cells["notes"]),
        }
        if len(self.errors) > before:
            return None
        return _Row(line=line, started_at=started_at, ended_at=ended_at, **values)


def _header_problem(header: list[str]) -> str | None:
    names = [name.strip().lower() for name in header]
    if names == list(CSV_COLUMNS):
        return None
    expected = ",".join(CSV_COLUMNS)
    missing = [c for c in CSV_COLUMNS if c not in names]
    unexpected = [n for n in names if n not in CSV_COLUMNS]
    details = []
    if missing:
        details.append("missing " + ", ".join(missing))
    if unexpected:
        details.append("unexpected " + ", ".join(f"“{n}”" for n in unexpected))
    if not details:
        details.append("the columns are in a different order or repeated")
    return f"the first line must be the column names {expected} ({'; '.join(details)})."


def _parse(text: str, reader: _RowReader) -> list[_Row]:
    rows: list[_Row] = []
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(records, None)
        if header is None:
            reader.error(1, "the file is empty.")
            return rows
        if problem := _header_problem(header):
            reader.error(1, problem)
            return rows
        first_seen: dict[datetime.datetime, int] = {}
        line = records.line_num + 1  # where the next record starts
        count = 0
        for cells in records:
            start_line, line = line, records.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, often at the end of a file
            count += 1
            if count > MAX_IMPORT_ROWS:
                reader.error(
                    start_line,
                    f"the file has more than {MAX_IMPORT_ROWS:,} episodes; split it into smaller files.",
                )
                break
            if len(cells) != len(CSV_COLUMNS):
                reader.error(start_line, f"expected {len(CSV_COLUMNS)} values, found {len(cells)}.")
                continue
            # Notes are kept exactly as written; stray spaces elsewhere are forgiven.
            values = {
                column: unguard_formula(cell if column == "notes" else cell.strip())
                for column, cell in zip(CSV_COLUMNS, cells, strict=True)
            }
            row = reader.read(start_line, values)
            if row is None:
                continue
            if row.started_at in first_seen:
                reader.error(
                    start_line,
                    f"the same start time as line {first_seen[row.started_at]}; each episode needs its own.",
                )
                continue
            first_seen[row.started_at] = start_line
            rows.append(row)
    except csv.Error as problem:
        reader.error(records.line_num or 1, f"this is not a readable CSV file ({problem}).")
    return rows


def _decode(raw: bytes) -> tuple[str | None, str | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, (
            "The file is not UTF-8 text. Export it from your spreadsheet as "
            "“CSV UTF-8” and try again."
        )
    if "\x00" in text:
        return None, "The file is not a CSV text file. Choose the episodes.csv you exported."
    return text, None


def import_episodes_csv(
    *, user, raw: bytes, tz: datetime.tzinfo, now: datetime.datetime | None = None
) -> ImportResult:
    """Check a whole exported CSV, then add its new episodes to ``user``'s journal.

    Nothing is saved unless every row is valid. An episode with the same start time as
    one already in the journal is the same episode: it is skipped, so importing a file
    twice adds nothing the second time.
    """
    result = ImportResult()
    if len(raw) > MAX_IMPORT_BYTES:
        result.errors.append(
            f"The file is {len(raw) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB. Split it into smaller files."
        )
        return result
    text, problem = _decode(raw)
    if problem:
        result.errors.append(problem)
        return result

    reader = _RowReader(tz, now or timezone.now())
    try:
        rows = _parse(text, reader)
    except _TooManyErrors:
        rows, result.more_errors = [], True
    result.errors = reader.errors
    if result.errors:
        return result
    if not rows:
        result.errors.append("The file has the right columns but no episodes.")
        return result

    # Duplicates are checked inside the transaction that writes, with the account row
    # locked (PostgreSQL; SQLite writers queue anyway), so two uploads of the same file
    # from a double click cannot both get through.
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values("pk"))
        existing = set(
            Episode.objects.for_user(user)
            .filter(
                started_at__gte=min(row.started_at for row in rows),
                started_at__lte=max(row.started_at for row in rows),
            )
            .values_list("started_at", flat=True)
        )
        new_rows = [row for row in rows if row.started_at not in existing]
        episodes_bulk_add(user=user, drafts=new_rows)
    result.imported = len(new_rows)
    result.duplicates = len(rows) - len(new_rows)
    return result
