"""Replace the database's contents with a backup made by `manage.py backup`."""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import database_settings, postgres_args, postgres_env, require_tool


class Command(BaseCommand):
    help = "Restore the database from a backup file. Stop the site first: this replaces everything."

    def add_arguments(self, parser):
        parser.add_argument("backup_file")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args, backup_file, yes=False, **options):
        source = Path(backup_file)
        if not source.is_file():
            raise CommandError(f"No backup file at {source}.")
        db = database_settings()
        vendor = connection.vendor
        if not yes:
            answer = input(f"Replace everything in the {vendor} database with {source}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Restore cancelled; nothing changed.")
        connection.close()

        if vendor == "sqlite":
            try:
                with sqlite3.connect(source) as backup:
                    backup.execute("PRAGMA schema_version").fetchone()
            except sqlite3.DatabaseError as error:
                raise CommandError(f"{source} is not a SQLite backup: {error}") from None
            with sqlite3.connect(source) as backup, sqlite3.connect(db["NAME"]) as live:
                backup.backup(live)
        elif vendor == "postgresql":
            subprocess.run(  # noqa: S603
                [
                    require_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *postgres_args(db),
                    str(source),
                ],
                check=True,
                env={**os.environ, **postgres_env(db)},
            )
        else:
            raise CommandError(f"Restoring {vendor} databases is not supported.")
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))
