"""CSV and JSON exports: the documented columns, exact values, the person's own data only."""

import csv
import datetime
import io
import json
import math
import time
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal.csv_format import CSV_COLUMNS, guard_formula, unguard_formula
from journal.exports import CHUNK_SIZE

from .conftest import history_of
from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

pytestmark = pytest.mark.django_db

CSV_URL = reverse("journal:export_csv")
JSON_URL = reverse("journal:export_json")
# Session, user, profile, the journal's state, and the one query for every episode's
# stored line.
EXPORT_QUERIES = 5
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def london_client(client, user):
    user.profile.timezone = "Europe/London"
    user.profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def summer_episode(user):
    """1 July 2026, 08:30 to 10:45 in London (BST, UTC+1), with everything filled in."""
    episode = EpisodeFactory(
        user=user,
        started_at=datetime.datetime(2026, 7, 1, 8, 30, tzinfo=LONDON),
        ended_at=datetime.datetime(2026, 7, 1, 10, 45, tzinfo=LONDON),
        severity=6,
        location="lower",
        side="left",
        notes='Lifted a box, then "crack"; sat down.\nBetter by lunch.',
        triggers=[
            TriggerFactory(slug="zz-lifting-boxes"),
            TriggerFactory(slug="aa-long-drive"),
        ],
        red_flags=[RedFlagFactory(slug="tingling-left-leg")],
    )
    RemedyUseFactory(episode=episode, remedy=RemedyFactory(slug="warm-shower"), effect=2)
    RemedyUseFactory(episode=episode, remedy=RemedyFactory(slug="lying-flat"), effect=-1)
    return episode


def csv_rows(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_is_a_streamed_attachment(london_client):
    response = london_client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="backcare-episodes-')
    assert "no-store" in response["Cache-Control"]
    assert csv_rows(response) == [list(CSV_COLUMNS)]


def test_csv_header_and_a_rows_exact_values(london_client, summer_episode):
    rows = csv_rows(london_client.get(CSV_URL))

    assert rows[0] == [
        "started_at",
        "ended_at",
        "severity",
        "location",
        "side",
        "triggers",
        "red_flags",
        "remedies",
        "notes",
        "readings",
    ]
    assert rows[1] == [
        "2026-07-01T08:30:00+01:00",
        "2026-07-01T10:45:00+01:00",
        "6",
        "lower",
        "left",
        "aa-long-drive;zz-lifting-boxes",
        "tingling-left-leg",
        "lying-flat:-1;warm-shower:2",
        'Lifted a box, then "crack"; sat down.\nBetter by lunch.',
        "2026-07-01T08:30:00+01:00@6",
    ]


def test_csv_times_carry_the_persons_offset(client, user):
    user.profile.timezone = "America/New_York"
    user.profile.save()
    client.force_login(user)
    EpisodeFactory(
        user=user,
        started_at=datetime.datetime(2026, 1, 15, 14, 0, tzinfo=datetime.UTC),
        ended_at=None,
    )

    rows = csv_rows(client.get(CSV_URL))

    assert rows[1][:2] == ["2026-01-15T09:00:00-05:00", ""]


@pytest.fixture
def server_clock_in_tokyo(monkeypatch):
    """The server machine's own zone set to Tokyo: stored moments are UTC whatever it is."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_csv_times_do_not_depend_on_the_servers_own_zone(client, user, server_clock_in_tokyo):
    user.profile.timezone = "Europe/London"
    user.profile.save()
    client.force_login(user)
    EpisodeFactory(
        user=user,
        started_at=datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC),
        ended_at=datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC),
    )

    rows = csv_rows(client.get(CSV_URL))

    assert rows[1][:2] == ["2026-07-01T09:30:00+01:00", "2026-07-01T11:00:00+01:00"]


@pytest.mark.parametrize(
    ("notes", "written"),
    [
        pytest.param('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")', id="equals"),
        pytest.param("+1 painful day", "'+1 painful day", id="plus"),
        pytest.param("-2 on the scale", "'-2 on the scale", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at sign"),
        pytest.param("\tindented", "'\tindented", id="tab"),
        pytest.param("'quoted already", "''quoted already", id="apostrophe"),
        pytest.param("Fine = ok", "Fine = ok", id="not at the start"),
    ],
)
def test_csv_notes_cannot_run_as_spreadsheet_formulas(london_client, user, notes, written):
    EpisodeFactory(user=user, notes=notes)

    rows = csv_rows(london_client.get(CSV_URL))

    assert rows[1][8] == written
    assert unguard_formula(written) == notes


@pytest.mark.parametrize(
    "value", ["=1+1", "'=1+1", "''", "'", "'twas", "plain", "", "-", "@@", "\r\n"], ids=repr
)
def test_formula_guard_round_trips(value):
    assert unguard_formula(guard_formula(value)) == value
    assert not guard_formula(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_has_only_the_persons_own_episodes(london_client, user, other_user):
    EpisodeFactory(user=other_user, notes="Not yours")
    EpisodeFactory(user=user, notes="Yours")

    rows = csv_rows(london_client.get(CSV_URL))

    assert [row[8] for row in rows[1:]] == ["Yours"]


def test_csv_rows_are_oldest_first(london_client, user):
    for n in (3, 1, 2):
        EpisodeFactory(
            user=user, started_at=timezone.now() - datetime.timedelta(days=n), severity=n
        )

    rows = csv_rows(london_client.get(CSV_URL))

    assert [row[2] for row in rows[1:]] == ["3", "2", "1"]


@pytest.mark.parametrize("count", [10, 2000], ids=["10 episodes", "2000 episodes"])
def test_csv_queries_do_not_grow_with_the_journal(
    user_client, user, count, django_assert_max_num_queries
):
    history_of(user, count)
    csv_rows(user_client.get(CSV_URL))  # writes each episode's line

    with django_assert_max_num_queries(EXPORT_QUERIES):
        rows = csv_rows(user_client.get(CSV_URL))

    assert len(rows) == count + 1
    assert all(row[5] and row[6] and row[7] for row in rows[1:])


def _export_queries(client):
    with CaptureQueriesContext(connection) as queries:
        csv_rows(client.get(CSV_URL))
    return len(queries)


def test_csv_makes_the_same_queries_for_10_and_2000_episodes(user_client, user):
    history_of(user, 10)
    _export_queries(user_client)
    small = _export_queries(user_client)
    history_of(user, 1990)
    first = _export_queries(user_client)
    large = _export_queries(user_client)

    assert large == small
    # The first export after a change writes the lines again: a few queries for each
    # CHUNK_SIZE episodes (SQLite inserts them a few hundred at a time), none for each.
    assert large < first <= large + 10 * math.ceil(2000 / CHUNK_SIZE)


def test_json_holds_everything_the_account_has(london_client, user, summer_episode):
    EpisodeFactory(
        user=user,
        started_at=datetime.datetime(2026, 1, 5, 7, 0, tzinfo=datetime.UTC),
        ended_at=None,
        severity=3,
        location="neck",
    )

    response = london_client.get(JSON_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="backcare-data-')
    document = json.loads(response.content)
    assert set(document) == {
        "exported_at",
        "user",
        "profile",
        "own_triggers",
        "own_remedies",
        "episodes",
    }
    assert document["user"]["username"] == "alex"
    assert document["user"]["email"] == "alex@example.com"
    assert datetime.datetime.fromisoformat(document["user"]["date_joined"]) == user.date_joined
    assert document["profile"] == {"timezone": "Europe/London"}
    ongoing, summer = document["episodes"]
    assert ongoing["started_at"] == "2026-01-05T07:00:00+00:00"
    assert ongoing["ended_at"] is None
    assert ongoing["remedies"] == [] and ongoing["triggers"] == []
    assert {k: summer[k] for k in summer if k not in ("created_at", "updated_at")} == {
        "started_at": "2026-07-01T08:30:00+01:00",
        "ended_at": "2026-07-01T10:45:00+01:00",
        "severity": 6,
        "location": "lower",
        "side": "left",
        "triggers": ["aa-long-drive", "zz-lifting-boxes"],
        "red_flags": ["tingling-left-leg"],
        "remedies": [
            {"remedy": "lying-flat", "effect": -1},
            {"remedy": "warm-shower", "effect": 2},
        ],
        "own_triggers": [],
        "own_remedies": [],
        "notes": summer_episode.notes,
        "readings": [{"taken_at": "2026-07-01T08:30:00+01:00", "severity": 6}],
    }
    assert datetime.datetime.fromisoformat(summer["created_at"]) == summer_episode.created_at


def test_json_has_only_the_persons_own_episodes(user_client, other_user):
    EpisodeFactory(user=other_user, notes="Not yours")

    document = json.loads(user_client.get(JSON_URL).content)

    assert document["episodes"] == []
