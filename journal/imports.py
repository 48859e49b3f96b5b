"""Bringing an episodes CSV back in: every row checked first, then all saved or none."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from guidance.models import RedFlag, Remedy, Trigger

from .csv_format import (
    CSV_COLUMNS,
    EFFECT_SEPARATOR,
    LIST_SEPARATOR,
    READING_SEPARATOR,
    header_problem,
    unguard_formula,
)
from .models import (
    NOTES_MAX_LENGTH,
    SEVERITY_MAX,
    SEVERITY_MIN,
    Episode,
    PersonalRemedy,
    PersonalTrigger,
    RemedyUse,
)
from .personal import OWN_PREFIX, clean_name, find_or_add
from .plausible import EARLIEST_MOMENT, EARLIEST_YEAR, latest_moment
from .services import episodes_bulk_add

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
MAX_LISTED_ERRORS = 50


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
    readings: list[tuple[datetime.datetime, int]] = field(default_factory=list)
    # The person's own triggers and remedies, by name (own:Name in the file); their ids
    # are found or added when the rows are saved.
    own_trigger_names: list[str] = field(default_factory=list)
    own_remedy_names: list[tuple[str, int]] = field(default_factory=list)
    own_trigger_ids: list[int] = field(default_factory=list)
    own_remedy_effects: list[tuple[int, int]] = field(default_factory=list)


def _is_own(item: str) -> bool:
    return item[: len(OWN_PREFIX)].lower() == OWN_PREFIX


def _split_own(value: str) -> tuple[str, list[str]]:
    """A list cell as (its reviewed entries, still joined; the own:Name items)."""
    items = [item.strip() for item in value.split(LIST_SEPARATOR)]
    own = [item for item in items if _is_own(item)]
    return LIST_SEPARATOR.join(item for item in items if not _is_own(item)), own


class _TooManyErrors(Exception):
    pass


class _RowReader:
    """Checks one row at a time, collecting every problem with its line number."""

    def __init__(self, tz: datetime.tzinfo, now: datetime.datetime):
        self.tz = tz
        self.latest = latest_moment(now)
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
        if moment < EARLIEST_MOMENT:
            self.error(line, f"{column} “{value}” is before {EARLIEST_YEAR}.")
            return None
        if moment > self.latest:
            self.error(line, f"{column} “{value}” is in the future.")
            return None
        return moment

    def severity(self, line: int, value: str) -> int | None:
        # int() would also read "1_0", full-width and Arabic-Indic digits.
        number = int(value) if value.isascii() and value.isdigit() else None
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

    def own_name(self, line: int, item: str, noun: str) -> str | None:
        """The name in an own:Name item, checked as the episode form checks it."""
        try:
            return clean_name(item[len(OWN_PREFIX) :], noun)
        except ValidationError as problem:
            self.error(line, f"“{item}”: {problem.messages[0]}")
            return None

    def own_triggers(self, line: int, items: list[str]) -> list[str] | None:
        names = [self.own_name(line, item, "trigger") for item in items]
        if None in names:
            return None
        first: dict[str, str] = {}
        for name in names:
            first.setdefault(name.casefold(), name)  # the first spelling in the file
        return list(first.values())

    def own_remedies(self, line: int, items: list[str]) -> list[tuple[str, int]] | None:
        effects: dict[str, tuple[str, int]] = {}
        allowed = [str(e.value) for e in RemedyUse.Effect]
        for item in items:
            key, _, effect = (part.strip() for part in item.rpartition(EFFECT_SEPARATOR))
            if not _is_own(key):  # the only ":" is the prefix's: no effect given
                key, effect = item, None
            name = self.own_name(line, key, "remedy")
            if name is None:
                return None
            if effect not in allowed:
                self.error(
                    line,
                    f"the effect of your own remedy “{name}” must be {', '.join(allowed[:-1])} "
                    f"or {allowed[-1]}, as in own:{name}:2.",
                )
                return None
            if name.casefold() in effects:
                self.error(line, f"your own remedy “{name}” is listed twice.")
                return None
            effects[name.casefold()] = (name, int(effect))
        return list(effects.values())

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

    def readings(
        self, line: int, value: str, started_at, ended_at, severity
    ) -> list[tuple[datetime.datetime, int]] | None:
        """The optional readings cell: time@score items, inside the episode, the highest
        equal to its severity. Empty: one reading at the start (added when saving)."""
        readings = []
        for item in (s.strip() for s in value.split(LIST_SEPARATOR)):
            if not item:
                continue
            moment, separator, score = (part.strip() for part in item.rpartition(READING_SEPARATOR))
            if not separator or not moment:
                self.error(
                    line,
                    f"readings entry “{item}” should look like 2026-03-01T08:30:00+00:00@6 (time@score).",
                )
                return None
            taken_at = self.moment(line, "reading time", moment, required=True)
            if taken_at is None:
                return None
            if not score.isdigit() or not SEVERITY_MIN <= int(score) <= SEVERITY_MAX:
                self.error(
                    line,
                    f"a reading's score must be a whole number from {SEVERITY_MIN} to "
                    f"{SEVERITY_MAX}, not “{score}”.",
                )
                return None
            if (started_at and taken_at < started_at) or (ended_at and taken_at > ended_at):
                self.error(line, f"the reading at {moment} is outside the episode's start and end.")
                return None
            readings.append((taken_at, int(score)))
        if readings and severity is not None and max(s for _, s in readings) != severity:
            self.error(
                line,
                f"severity {severity} is not the highest reading "
                f"({max(s for _, s in readings)}); they must be the same.",
            )
            return None
        return sorted(readings)

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
        triggers, own_triggers = _split_own(cells["triggers"])
        remedies, own_remedies = _split_own(cells["remedies"])
        values = {
            "severity": self.severity(line, cells["severity"]),
            "location": self.choice(
                line, "location", cells["location"], Episode.Location, blank=False
            ),
            "side": self.choice(line, "side", cells["side"], Episode.Side, blank=True),
            "trigger_ids": self.slugs(line, triggers, self.triggers, "trigger"),
            "red_flag_ids": self.slugs(line, cells["red_flags"], self.red_flags, "red flag"),
            "remedy_effects": self.remedy_effects(line, remedies),
            "own_trigger_names": self.own_triggers(line, own_triggers),
            "own_remedy_names": self.own_remedies(line, own_remedies),
            "notes": self.notes(line, cells["notes"]),
        }
        if len(self.errors) > before:
            return None
        values["readings"] = self.readings(
            line, cells.get("readings", ""), started_at, ended_at, values["severity"]
        )
        if values["readings"] is None:
            return None
        return _Row(line=line, started_at=started_at, ended_at=ended_at, **values)


def _find_or_add_own(user, rows: list[_Row]) -> None:
    """Give each row the ids of the person's own triggers and remedies it names, adding
    the ones new to the journal (call inside the transaction that saves the rows)."""
    triggers: dict[str, int] = {}
    remedies: dict[str, int] = {}
    for row in rows:
        for name in row.own_trigger_names:
            if name.casefold() not in triggers:
                triggers[name.casefold()] = find_or_add(
                    PersonalTrigger, user=user, name=name, restore=False
                ).pk
            row.own_trigger_ids.append(triggers[name.casefold()])
        for name, effect in row.own_remedy_names:
            if name.casefold() not in remedies:
                remedies[name.casefold()] = find_or_add(
                    PersonalRemedy, user=user, name=name, restore=False
                ).pk
            row.own_remedy_effects.append((remedies[name.casefold()], effect))


def _parse(text: str, reader: _RowReader) -> list[_Row]:
    rows: list[_Row] = []
    # strict: a quote left open at the end of the file is an error, not a long last cell.
    records = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(records, None)
        if header is None:
            reader.error(1, "the file is empty.")
            return rows
        if problem := header_problem(header):
            reader.error(1, problem)
            return rows
        columns = CSV_COLUMNS[: len(header)]  # an older file has no readings column
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
            if len(cells) != len(columns):
                reader.error(start_line, f"expected {len(columns)} values, found {len(cells)}.")
                continue
            # Notes are kept exactly as written; stray spaces elsewhere are forgiven.
            values = {
                column: unguard_formula(cell if column == "notes" else cell.strip())
                for column, cell in zip(columns, cells, strict=True)
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
        _find_or_add_own(user, new_rows)
        episodes_bulk_add(user=user, drafts=new_rows)
    result.imported = len(new_rows)
    result.duplicates = len(rows) - len(new_rows)
    return result
