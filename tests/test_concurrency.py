"""No data lost under load: a real server, real concurrent clients, SQLite in WAL mode.

Eight clients against three gunicorn workers of four threads each: every client logs in,
waits at a barrier for the others, then all post their episodes at once, so writes
queue on SQLite's lock in every round. A lost or doubled write shows in the counts."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from . import migrated

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8
EPISODES_EACH = 10
PASSWORD = "load-test-passphrase-2026"

pytestmark = pytest.mark.server


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture
def server(tmp_path, django_db_setup):  # the test database's setup keeps the template
    db = tmp_path / "load.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{db}", DJANGO_DEBUG="1", AXES_ENABLED="0")
    # One process migrates and adds the people (each manage.py start costs a second), and
    # the password is hashed once: the production hasher is slow on purpose.
    script = (
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.hashers import make_password\n"
        "from django.core.management import call_command\n"
        "from accounts.consent import record_consent\n"
        "call_command('migrate', '--noinput', verbosity=0)\n"
        f"hashed = make_password({PASSWORD!r})\n"
        f"for n in range({CLIENTS}):\n"
        "    user = get_user_model().objects.create(username=f'load{n}', password=hashed)\n"
        "    record_consent(user)\n"
    )
    migrated.copy_to(db)  # then the migrate below has nothing left to do
    manage(env, "shell", "-c", script)
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "backcare.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2)
            break
        # Before gunicorn listens: refused (URLError); while it boots: reset (ConnectionError)
        # or a read that times out (TimeoutError, which URLError does not wrap).
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("The server did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    yield base, db
    process.terminate()
    process.wait(timeout=20)


class Browser:
    """A cookie-keeping HTTP client that fills in Django's CSRF token like a browser."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode()

    def post(self, path, data):
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_eight_clients_logging_at_once_lose_nothing(server):
    base, db = server
    failures = []
    all_logged_in = threading.Barrier(CLIENTS, timeout=120)

    def client(n):
        browser = Browser(base)
        status, _ = browser.post("/accounts/login/", {"username": f"load{n}", "password": PASSWORD})
        if status != 302:
            failures.append(f"load{n}: login answered {status}")
            all_logged_in.abort()
            return
        try:
            all_logged_in.wait()
        except threading.BrokenBarrierError:
            return  # another client could not log in: that failure is reported
        for i in range(EPISODES_EACH):
            status, body = browser.post(
                "/journal/episodes/new/",
                {
                    "started_at": f"2026-01-{1 + i % 28:02d}T{8 + n:02d}:{i % 60:02d}",
                    "severity": str(i % 11),
                    "location": "lower",
                    "notes": f"client {n} episode {i}",
                    "confirm_old_start": "on",  # the dates are months back
                },
            )
            if status != 302:
                failures.append(f"load{n} episode {i}: {status} {body[:200]}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)

    assert not failures, failures[:5]
    with sqlite3.connect(db) as connection:
        total, distinct = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT user_id || '/' || notes) FROM journal_episode"
        ).fetchone()
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert total == CLIENTS * EPISODES_EACH
    assert distinct == CLIENTS * EPISODES_EACH
    assert mode == "wal"
