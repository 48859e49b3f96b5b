"""Production settings are checked in a fresh interpreter, as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_is_refused_loudly():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


@pytest.mark.parametrize("variable", ["AXES_FAILURE_LIMIT", "DJANGO_SESSION_COOKIE_AGE"])
def test_a_bad_number_is_refused_loudly(variable):
    result = run_manage("check", **{variable: "lots"})
    assert result.returncode != 0
    assert f"{variable} must be a whole number" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 20 + "-a-long-random-production-secret-key-for-tests",
        DJANGO_ALLOWED_HOSTS="backcare.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_session_lifetime_comes_from_the_environment():
    script = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    result = run_manage(
        "shell",
        "-c",
        script,
        DJANGO_SESSION_COOKIE_AGE="3600",
        DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE="1",
    )
    assert result.returncode == 0, result.stderr
    assert "3600 True" in result.stdout


def test_postgresql_connections_ask_for_jit_off_and_keep_options_from_the_url():
    script = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = run_manage(
        "shell",
        "-c",
        script,
        DATABASE_URL="postgres://backcare@db.example/backcare?options=-c%20statement_timeout%3D5000",
    )
    assert result.returncode == 0, result.stderr
    assert "'options': '-c statement_timeout=5000 -c jit=off'" in result.stdout


@pytest.mark.django_db
def test_a_postgresql_connection_has_jit_off():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("checks a live PostgreSQL connection; the suite's PostgreSQL run has one")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
