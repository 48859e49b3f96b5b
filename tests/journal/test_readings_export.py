"""Readings in the CSV and JSON exports, the import, and a round trip that keeps them."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from journal import csv_format
from journal.models import Episode

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
START = datetime.datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
HEADER = ",".join(csv_format.CSV_COLUMNS)


def upload(client, text):
    file = SimpleUploadedFile("episodes.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("journal:import"), {"file": file}, follow=True)


def readings_of(user):
    return [
        [(r.taken_at, r.severity) for r in e.readings.all()]
        for e in Episode.objects.for_user(user).order_by("started_at").prefetch_related("readings")
    ]


@pytest.fixture
def with_readings(user):
    return EpisodeFactory(
        user=user,
        started_at=START,
        ended_at=START + datetime.timedelta(hours=6),
        readings=[
            (START, 4),
            (START + datetime.timedelta(hours=2), 8),
            (START + datetime.timedelta(hours=5), 3),
        ],
    )


def test_csv_has_a_readings_column_oldest_first(user_client, with_readings):
    response = user_client.get(reverse("journal:export_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][-1] == "readings"
    assert rows[1][2] == "8"
    assert rows[1][-1] == (
        "2026-03-01T08:30:00+00:00@4;2026-03-01T10:30:00+00:00@8;2026-03-01T13:30:00+00:00@3"
    )


def test_json_has_the_readings(user_client, with_readings):
    document = json.loads(user_client.get(reverse("journal:export_json")).content)
    assert document["episodes"][0]["readings"] == [
        {"taken_at": "2026-03-01T08:30:00+00:00", "severity": 4},
        {"taken_at": "2026-03-01T10:30:00+00:00", "severity": 8},
        {"taken_at": "2026-03-01T13:30:00+00:00", "severity": 3},
    ]


def test_export_delete_import_keeps_the_readings(user_client, user, with_readings):
    before = readings_of(user)
    exported = b"".join(user_client.get(reverse("journal:export_csv")).streaming_content).decode()
    Episode.objects.for_user(user).delete()

    response = upload(user_client, exported)

    assert "1 imported" in response.content.decode()
    assert readings_of(user) == before
    assert Episode.objects.get(user=user).severity == 8


def test_an_old_csv_without_readings_gets_one_at_each_start(user_client, user):
    header = ",".join(csv_format.CSV_COLUMNS_BEFORE_READINGS)
    response = upload(user_client, f"{header}\r\n2026-03-01T08:30:00+00:00,,5,lower,,,,,\r\n")
    assert "1 imported" in response.content.decode()
    assert readings_of(user) == [[(START, 5)]]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2026-03-01T09:00:00+00:00@7", "severity 5 is not the highest reading (7)"),
        ("2026-03-01T09:00:00+00:00@11", "a reading&#x27;s score must be a whole number"),
        ("2026-02-01T09:00:00+00:00@5", "outside the episode"),
        ("2026-03-01T09:00:00+00:00", "should look like"),
        ("yesterday@5", "is not a date and time"),
    ],
    ids=["not-the-peak", "off-the-scale", "before-the-start", "no-score", "bad-time"],
)
def test_bad_readings_are_refused_and_nothing_is_saved(user_client, user, cell, message):
    response = upload(
        user_client, f"{HEADER}\r\n2026-03-01T08:30:00+00:00,,5,lower,,,,,,{cell}\r\n"
    )
    html = response.content.decode()
    assert "Line 2" in html
    assert message in html
    assert not Episode.objects.filter(user=user).exists()
