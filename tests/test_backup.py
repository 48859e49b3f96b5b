"""Backup and restore, run as an operator would: manage.py in a separate process.

`manage.py backup` and `manage.py restore` run as their own processes against a database
of their own, as an operator runs them; the data around them is made in as few process
starts as possible (each costs a second or more) and checked without Django.
"""

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

from . import migrated

ROOT = Path(__file__).resolve().parent.parent

ADD_EPISODE = (
    "from django.core.management import call_command;"
    "call_command('migrate', '--noinput', verbosity=0);"
    "from django.contrib.auth import get_user_model; from django.utils import timezone;"
    "from journal.models import Episode;"
    "u = get_user_model().objects.create_user('keeper', password='a-long-passphrase-77');"
    "Episode.objects.create(user=u, started_at=timezone.now(), severity=6, location='lower', notes='precious')"
)
DELETE_EPISODES = (
    "from journal.models import Episode; Episode.objects.all().delete();"
    "print('episodes', Episode.objects.count())"
)
PRECIOUS = "SELECT COUNT(*) FROM journal_episode WHERE notes = 'precious'"


def manage(database_url, *args, check=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


def count_precious(database_url):
    """The episodes the operator cares about, read straight from the database."""
    config = dj_database_url.parse(database_url)
    if config["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(config["NAME"]) as live:
            return live.execute(PRECIOUS).fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as live:
        return live.execute(PRECIOUS).fetchone()[0]


def refused_restore(database_url, backup_file):
    """Restore a file that must be refused; what the operator reads."""
    result = manage(database_url, "restore", str(backup_file), "--yes", check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Saved a copy" not in result.stdout  # refused before touching anything
    assert count_precious(database_url) == 1
    return result.stderr


def round_trip(database_url, backup_file, *, add_episode=True):
    if add_episode:
        manage(database_url, "shell", "-c", ADD_EPISODE)
    result = manage(database_url, "backup", "--output", str(backup_file))
    assert "Backed up to" in result.stdout
    assert backup_file.stat().st_size > 0
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600  # health records
    assert "episodes 0" in manage(database_url, "shell", "-c", DELETE_EPISODES).stdout
    assert count_precious(database_url) == 0
    restored = manage(database_url, "restore", str(backup_file), "--yes")
    assert count_precious(database_url) == 1
    # The database as it was just before (no episodes) was saved first, and it says where.
    saved = Path(re.search(r"Saved a copy of the current database to (\S+)", restored.stdout)[1])
    assert saved.name.startswith("before-restore-")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    saved.unlink()


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory, django_db_setup):  # which keeps the template
    """A migrated SQLite database with one precious episode, made once (migrating is the
    slow part); each test works on a copy of it."""
    path = tmp_path_factory.mktemp("migrated") / "live.sqlite3"
    migrated.copy_to(path)  # then the migrate in ADD_EPISODE has nothing left to do
    manage(f"sqlite:///{path}", "shell", "-c", ADD_EPISODE)
    return path


def test_sqlite_backup_and_restore_bring_back_deleted_data(migrated_sqlite, tmp_path):
    live = tmp_path / "live.sqlite3"
    shutil.copyfile(migrated_sqlite, live)
    round_trip(f"sqlite:///{live}", tmp_path / "copy.sqlite3", add_episode=False)


@pytest.fixture(scope="module")
def live_sqlite(migrated_sqlite, tmp_path_factory):
    """A migrated SQLite database with one episode, and a good backup of it."""
    folder = tmp_path_factory.mktemp("restore")
    shutil.copyfile(migrated_sqlite, folder / "live.sqlite3")
    database_url = f"sqlite:///{folder / 'live.sqlite3'}"
    good = folder / "good.sqlite3"
    manage(database_url, "backup", "--output", str(good))
    return database_url, good


def _not_backcare(path):
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (body TEXT)")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path, good: path.write_bytes(b""), "the file is empty"),
        (lambda path, good: path.write_text("not a database"), "not a readable SQLite database"),
        (
            lambda path, good: path.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3]),
            "SQLite",
        ),
        (lambda path, good: _not_backcare(path), "it has no django_migrations"),
    ],
    ids=["empty", "garbage", "truncated", "another-sqlite-database"],
)
def test_restore_refuses_a_file_that_is_not_a_backcare_backup(live_sqlite, tmp_path, make, reason):
    database_url, good = live_sqlite
    candidate = tmp_path / "candidate.sqlite3"
    make(candidate, good)
    message = refused_restore(database_url, candidate)
    assert f"{candidate} is not a BackCare backup" in message
    assert reason in message
    assert "Nothing was changed." in message


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL backup needs DATABASE_URL pointing at a PostgreSQL server (CI sets it)",
)
def test_postgresql_backup_and_restore_bring_back_deleted_data(tmp_path):
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    admin_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    # One scratch database per test process (pytest-xdist names its workers gw0, gw1...).
    scratch = f"backcare_backup_check_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {scratch}")
        admin.execute(f"CREATE DATABASE {scratch}")
    try:
        scratch_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{scratch}"
        assert config["ENGINE"].endswith("postgresql")
        round_trip(scratch_url, tmp_path / "copy.dump")
        dump = (tmp_path / "copy.dump").read_bytes()
        for name, content in [
            ("empty", b""),
            ("garbage", b"not a dump at all"),
            ("truncated", dump[: len(dump) // 2]),
        ]:
            candidate = tmp_path / f"{name}.dump"
            candidate.write_bytes(content)
            message = refused_restore(scratch_url, candidate)
            assert f"{candidate} is not a BackCare backup" in message, name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
