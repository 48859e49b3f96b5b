"""Replace the database's contents with a backup made by `manage.py backup`."""

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ops.backup_files import (
    NotABackup,
    check_postgres_backup,
    check_sqlite_backup,
    database_settings,
    postgres_args,
    postgres_env,
    require_tool,
)

from .backup import default_backup_path, write_backup


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
        vendor = connection.vendor
        if vendor not in {"sqlite", "postgresql"}:
            raise CommandError(f"Restoring {vendor} databases is not supported.")
        try:
            (check_sqlite_backup if vendor == "sqlite" else check_postgres_backup)(source)
        except NotABackup as problem:
            raise CommandError(
                f"{source} is not a BackCare backup: {problem} Nothing was changed."
            ) from None
        if not yes:
            answer = input(f"Replace everything in the {vendor} database with {source}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Restore cancelled; nothing changed.")

        safety_copy = write_backup(default_backup_path(prefix="before-restore"))
        self.stdout.write(f"Saved a copy of the current database to {safety_copy}")
        connection.close()
        db = database_settings()
        if vendor == "sqlite":
            try:
                with (
                    closing(sqlite3.connect(source)) as backup,
                    closing(sqlite3.connect(db["NAME"])) as live,
                ):
                    backup.backup(live)
            except sqlite3.Error as error:
                raise CommandError(
                    f"The restore failed ({error}). The database as it was is in {safety_copy}."
                ) from None
        else:
            restored = subprocess.run(  # noqa: S603
                [
                    require_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *postgres_args(db),
                    str(source),
                ],
                env=postgres_env(db),
                capture_output=True,
                text=True,
                check=False,
            )
            if restored.returncode:
                raise CommandError(
                    "The restore failed and was rolled back, so the database is as it was "
                    f"(a copy is in {safety_copy}). pg_restore said: {restored.stderr.strip()}"
                )
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))
