"""Backup files: writing them for the owner's eyes only, and telling a BackCare backup
from any other file before a restore touches the database."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db.migrations.loader import MigrationLoader

# Tables every BackCare database has had since its first release.
REQUIRED_TABLES = ("django_migrations", "auth_user", "guidance_article", "journal_episode")
OWN_APPS = ("guidance", "journal", "accounts")


class NotABackup(Exception):
    """The file is not a whole BackCare backup; the message says why, for a person."""


def database_settings():
    return settings.DATABASES["default"]


def postgres_env(db):
    return {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def postgres_args(db):
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def require_tool(name):
    path = shutil.which(name)
    if not path:
        raise NotABackup(f"{name} was not found on PATH; install the PostgreSQL client tools.")
    return path


def create_private_file(path: Path) -> None:
    """An empty file only its owner can read: backups hold health records."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)


def _check_migrations(recorded: set[tuple[str, str]]) -> None:
    apps = {app for app, _ in recorded}
    if missing := [app for app in OWN_APPS if app not in apps]:
        raise NotABackup(f"its migration table has no {', '.join(missing)} migrations.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = sorted(f"{app}.{name}" for app, name in recorded if app in OWN_APPS)
    newer = [m for m in newer if tuple(m.split(".", 1)) not in known]
    if newer:
        raise NotABackup(
            f"it was made by a newer BackCare (migrations this one lacks: {', '.join(newer)})."
        )


def check_sqlite_backup(path: Path) -> None:
    if path.stat().st_size == 0:
        raise NotABackup("the file is empty.")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise NotABackup(f"it is damaged (SQLite's check says: {verdict}).")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if missing := [t for t in REQUIRED_TABLES if t not in tables]:
                raise NotABackup(f"it has no {', '.join(missing)} table.")
            recorded = set(db.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.DatabaseError as error:
        raise NotABackup(f"it is not a readable SQLite database ({error}).") from None
    _check_migrations(recorded)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no reason given"


def check_postgres_backup(path: Path) -> None:
    if path.stat().st_size == 0:
        raise NotABackup("the file is empty.")
    pg_restore = require_tool("pg_restore")
    listing = subprocess.run(  # noqa: S603
        [pg_restore, "--list", str(path)], capture_output=True, text=True, check=False
    )
    if listing.returncode:
        raise NotABackup(f"pg_restore cannot read it ({_last_line(listing.stderr)}).")
    if missing := [t for t in REQUIRED_TABLES if f" TABLE DATA public {t} " not in listing.stdout]:
        raise NotABackup(f"it has no {', '.join(missing)} table.")
    # Reading the whole archive (into nothing) finds a file cut short.
    whole = subprocess.run(  # noqa: S603
        [pg_restore, "--data-only", "--table=django_migrations", "--file=-", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    read_all = subprocess.run(  # noqa: S603
        [pg_restore, "--file", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    if whole.returncode or read_all.returncode:
        reason = _last_line(read_all.stderr or whole.stderr)
        raise NotABackup(f"it is incomplete or damaged ({reason}).")
    recorded = set()
    copying = False
    for line in whole.stdout.splitlines():
        if line.startswith("COPY public.django_migrations"):
            copying = True
        elif copying and line == "\\.":
            copying = False
        elif copying:
            _id, app, name, *_ = line.split("\t")
            recorded.add((app, name))
    _check_migrations(recorded)
