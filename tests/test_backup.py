"""Backup and restore, run as an operator would: manage.py in a separate process."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parent.parent

COUNT_EPISODES = "from journal.models import Episode; print('episodes', Episode.objects.count())"
ADD_EPISODE = (
    "from django.contrib.auth import get_user_model; from django.utils import timezone;"
    "from journal.models import Episode;"
    "u = get_user_model().objects.create_user('keeper', password='a-long-passphrase-77');"
    "Episode.objects.create(user=u, started_at=timezone.now(), severity=6, location='lower', notes='precious')"
)
DELETE_EPISODES = "from journal.models import Episode; Episode.objects.all().delete()"


def manage(database_url, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def round_trip(database_url, backup_file):
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "shell", "-c", ADD_EPISODE)
    result = manage(database_url, "backup", "--output", str(backup_file))
    assert "Backed up to" in result.stdout
    assert backup_file.stat().st_size > 0
    manage(database_url, "shell", "-c", DELETE_EPISODES)
    assert "episodes 0" in manage(database_url, "shell", "-c", COUNT_EPISODES).stdout
    manage(database_url, "restore", str(backup_file), "--yes")
    assert "episodes 1" in manage(database_url, "shell", "-c", COUNT_EPISODES).stdout


def test_sqlite_backup_and_restore_bring_back_deleted_data(tmp_path):
    round_trip(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "copy.sqlite3")


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    manage(database_url, "migrate", "--noinput")
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    with pytest.raises(subprocess.CalledProcessError) as failure:
        manage(database_url, "restore", str(junk), "--yes")
    assert "is not a SQLite backup" in failure.value.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL backup needs DATABASE_URL pointing at a PostgreSQL server (CI sets it)",
)
def test_postgresql_backup_and_restore_bring_back_deleted_data(tmp_path):
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    admin_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    scratch = "backcare_backup_check"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {scratch}")
        admin.execute(f"CREATE DATABASE {scratch}")
    try:
        scratch_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{scratch}"
        assert config["ENGINE"].endswith("postgresql")
        round_trip(scratch_url, tmp_path / "copy.dump")
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
