"""Page speed with ten years of history: each page's median server time against a floor.

    .venv/bin/python bench/pages.py [--years 10] [--runs 15]

Builds a throwaway SQLite database, creates one person with a daily episode for ten
years (remedies on most), and times each page in-process through the full middleware
stack with Django's test client. Prints each page's median and its ratio to the floor
view (the base layout and nothing else) three times: on a repeat view; on the first view
after the journal's version changed, when nothing is cached; and on the first view after
an episode was edited through its form (the save is not timed). Then the number of
queries for a small and the large history, and the peak memory of the CSV export.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    ("floor (base layout)", "/bench/floor/"),
    ("dashboard", "/journal/"),
    ("episode list", "/journal/episodes/"),
    ("history (all)", "/journal/history/?range=all"),
    ("report", "/journal/report/?range=all"),
    ("CSV export", "/journal/export/episodes.csv"),
]


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")  # plain static storage: no collectstatic needed
    os.environ["DJANGO_SETTINGS_MODULE"] = "backcare.settings"
    import warnings

    import django
    from django.conf import settings

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic

    django.setup()
    settings.DEBUG = False  # as in production: no query log, no debug templates
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)  # the vocabulary the history is built from


def build_history(username, days, seed=7):
    """One episode a day for ``days`` days, remedies on four in five, triggers on most."""
    from django.contrib.auth import get_user_model

    from guidance.models import Remedy, Trigger
    from journal.models import Episode, RemedyUse

    rng = random.Random(seed)
    from accounts.consent import record_consent

    user = get_user_model().objects.create_user(username, password="bench-passphrase-2026")
    record_consent(user)
    triggers = list(Trigger.objects.all())
    remedies = list(Remedy.objects.all())
    end = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0) - timedelta(days=1)
    episodes = []
    for day in range(days):
        start = end - timedelta(days=day, hours=rng.randint(0, 6))
        episodes.append(
            Episode(
                user=user,
                started_at=start,
                ended_at=start + timedelta(hours=rng.randint(1, 30)),
                severity=rng.randint(1, 9),
                location=rng.choice(["lower", "lower", "mid", "upper", "neck"]),
                side=rng.choice(["", "left", "right", "both", "centre"]),
                notes=rng.choice(["", "", "Worse after driving.", "Eased with heat and a walk."]),
            )
        )
    episodes = Episode.objects.bulk_create(episodes, batch_size=500)
    through = Episode.triggers.through
    links, uses = [], []
    for episode in episodes:
        for trigger in rng.sample(triggers, k=rng.randint(0, 2)):
            links.append(through(episode_id=episode.pk, trigger_id=trigger.pk))
        if rng.random() < 0.8:
            for remedy in rng.sample(remedies, k=rng.randint(1, 3)):
                uses.append(RemedyUse(episode=episode, remedy=remedy, effect=rng.randint(-1, 2)))
    through.objects.bulk_create(links, batch_size=1000)
    RemedyUse.objects.bulk_create(uses, batch_size=1000)
    from journal.summaries import rebuild

    rebuild(user.pk)  # as `manage.py rebuild_journal_summaries` does after an upgrade
    return user


def severity_editor(user):
    """A function that saves the person's latest episode through its form with a new
    worst pain (5, then 4, then 5...), as the episode page does, and returns how long the
    save took."""
    from django.utils import timezone

    from journal import services
    from journal.forms import EpisodeForm
    from journal.models import Episode

    latest = Episode.objects.for_user(user).order_by("-started_at").first()
    turn = {"n": 0}

    def edit():
        episode = Episode.objects.get(pk=latest.pk)
        turn["n"] += 1
        data = {
            "started_at": timezone.localtime(episode.started_at).strftime("%Y-%m-%dT%H:%M"),
            "ended_at": timezone.localtime(episode.ended_at).strftime("%Y-%m-%dT%H:%M"),
            "severity": 4 + turn["n"] % 2,
            "location": episode.location,
            "side": episode.side,
            "notes": episode.notes,
            "triggers": [t.pk for t in episode.triggers.all()],
        }
        for use in episode.remedy_uses.all():
            data[EpisodeForm.remedy_field_name(use.remedy)] = use.effect
        form = EpisodeForm(data, instance=episode)
        if not form.is_valid():
            raise SystemExit(f"The bench's edit was refused: {form.errors.as_text()}")
        started = time.perf_counter()
        services.episode_save(user=user, form=form)
        return time.perf_counter() - started

    return edit


def fetch(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    if response.streaming:
        for _ in response.streaming_content:
            pass
    return response


def query_count(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, path)  # warm caches and templates
    with CaptureQueriesContext(connection) as queries:
        fetch(client, path)
    return len(queries)


def timed(client, path, before=None):
    if before:
        before()
    started = time.perf_counter()
    fetch(client, path)
    return time.perf_counter() - started


def medians(client, runs, before=None):
    """Median time of each page. Pages take turns within each run, so a slow moment on
    the machine lands on all of them rather than on one page's figures."""
    timings = {path: [] for _, path in PAGES}
    for _ in range(runs):
        for _, path in PAGES:
            timings[path].append(timed(client, path, before))
    return {path: statistics.median(times) for path, times in timings.items()}


def csv_peak_memory(client):
    fetch(client, "/journal/export/episodes.csv")  # first requests load middleware and caches
    tracemalloc.start()
    fetch(client, "/journal/export/episodes.csv")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def csv_query_alone(user, runs):
    """Median time of the CSV export's query of the stored lines, its rows fetched by the
    database driver and nothing else: what an export of this history costs before
    writing a byte, once its lines are written."""
    from django.db import connection

    from journal.caching import journal_state
    from journal.csv_lines import stored_rows

    sql, params = stored_rows(user, journal_state(user)).query.sql_with_params()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--database-url",
        help="An EMPTY database to fill and measure (e.g. a scratch PostgreSQL database). "
        "Default: a throwaway SQLite file.",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        setup_django(args.database_url or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}")
        from django.test import Client

        started = time.perf_counter()
        small_user = build_history("bench-small", 10)
        big_days = 365 * args.years
        big_user = build_history("bench-big", big_days)
        mid_user = build_history("bench-year", 365)
        from django.db import connection

        print(
            f"Built {big_days + 365 + 10} episodes on {connection.vendor} "
            f"in {time.perf_counter() - started:.1f}s"
        )

        clients = {}
        for user in (small_user, mid_user, big_user):
            client = Client()
            client.force_login(user)
            clients[user.username] = client

        from journal.caching import journal_changed

        small_counts = {path: query_count(clients["bench-small"], path) for _, path in PAGES}
        big = clients["bench-big"]
        counts = {path: query_count(big, path) for _, path in PAGES}
        warm = medians(big, args.runs)
        # The first view after the journal's version changes: nothing cached yet.
        fresh = medians(big, args.runs, before=lambda: journal_changed(big_user.pk))
        # The first view after the person edits an episode (the save itself not timed).
        edit = severity_editor(big_user)
        saves = []
        edited = medians(big, args.runs, before=lambda: saves.append(edit()))

        floor_path = PAGES[0][1]
        floor, fresh_floor, edited_floor = warm[floor_path], fresh[floor_path], edited[floor_path]
        print()
        print(
            f"Median server time over {args.runs} runs, {big_days} episodes "
            f"({args.years} years, one a day)"
        )
        print(
            f"{'page':<22}{'repeat view':>12}{'x floor':>9}{'new version':>13}{'x floor':>9}"
            f"{'after an edit':>15}{'x floor':>9}{'queries':>9}{'queries @10':>13}"
        )
        for label, path in PAGES:
            print(
                f"{label:<22}{warm[path] * 1000:>10.1f}ms{warm[path] / floor:>8.2f}x"
                f"{fresh[path] * 1000:>11.1f}ms{fresh[path] / fresh_floor:>8.2f}x"
                f"{edited[path] * 1000:>13.1f}ms{edited[path] / edited_floor:>8.2f}x"
                f"{counts[path]:>9}{small_counts[path]:>13}"
            )
        print(
            f"Saving the edit itself (episode form, summary rebuilt): median "
            f"{statistics.median(saves) * 1000:.1f}ms"
        )

        query_alone = csv_query_alone(big_user, args.runs)
        print()
        print(
            f"CSV export's query of the stored lines alone, rows fetched and not written: "
            f"{query_alone * 1000:.1f}ms, {query_alone / floor:.2f}x the floor"
        )

        year_peak = csv_peak_memory(clients["bench-year"])
        big_peak = csv_peak_memory(clients["bench-big"])
        print(
            f"CSV export peak Python memory: {year_peak / 1024:.0f} KiB for 365 episodes, "
            f"{big_peak / 1024:.0f} KiB for {big_days}"
        )


if __name__ == "__main__":
    main()
