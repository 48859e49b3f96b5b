"""Write a consistent copy of the whole database to a file, while the site runs."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def database_settings():
    return settings.DATABASES["default"]


def postgres_env(db):
    return {"PGPASSWORD": db.get("PASSWORD") or ""}


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
        raise CommandError(f"{name} was not found on PATH; install the PostgreSQL client tools.")
    return path


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump for PostgreSQL) into a file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="File to write. Default: backups/backcare-<time>.sqlite3 or .dump",
        )

    def handle(self, *args, output=None, **options):
        db = database_settings()
        vendor = connection.vendor
        if vendor not in {"sqlite", "postgresql"}:
            raise CommandError(f"Backups of {vendor} databases are not supported.")
        suffix = ".sqlite3" if vendor == "sqlite" else ".dump"
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(output or settings.BASE_DIR / "backups" / f"backcare-{stamp}{suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)

        if vendor == "sqlite":
            # SQLite's backup API copies a consistent snapshot even while others write.
            with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
        else:
            subprocess.run(  # noqa: S603
                [
                    require_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(target),
                    *postgres_args(db),
                ],
                check=True,
                env={**os.environ, **postgres_env(db)},
            )
        self.stdout.write(self.style.SUCCESS(f"Backed up to {target}"))
