"""Write a consistent copy of the whole database to a file, while the site runs."""

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ops.backup_files import (
    NotABackup,
    create_private_file,
    database_settings,
    postgres_args,
    postgres_env,
    require_tool,
)


def default_backup_path(prefix="backcare") -> Path:
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"{prefix}-{stamp}{suffix}"


def write_backup(target: Path) -> Path:
    """Copy the database into `target`, readable by its owner only (mode 0600)."""
    db = database_settings()
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise CommandError(f"Backups of {vendor} databases are not supported.")
    create_private_file(target)
    if vendor == "sqlite":
        # SQLite's backup API copies a consistent snapshot even while others write.
        with (
            closing(sqlite3.connect(db["NAME"])) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
    else:
        try:
            pg_dump = require_tool("pg_dump")
        except NotABackup as problem:
            raise CommandError(str(problem)) from None
        dumped = subprocess.run(  # noqa: S603
            [pg_dump, "--format=custom", "--no-owner", "--file", str(target), *postgres_args(db)],
            env=postgres_env(db),
            capture_output=True,
            text=True,
            check=False,
        )
        if dumped.returncode:
            raise CommandError(f"pg_dump failed: {dumped.stderr.strip()}")
    target.chmod(0o600)
    return target


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump for PostgreSQL) into a file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="File to write. Default: backups/backcare-<time>.sqlite3 or .dump",
        )

    def handle(self, *args, output=None, **options):
        target = write_backup(Path(output) if output else default_backup_path())
        self.stdout.write(self.style.SUCCESS(f"Backed up to {target}"))
