"""Importing a CSV: every row checked first, all or nothing, and twice is the same as once."""

import datetime
import re
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from journal import csv_format, imports
from journal.models import Episode, RemedyUse

from .conftest import snapshot
from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("journal:import")
# Files from before episodes had readings: the format most of these tests write.
HEADER = ",".join(csv_format.CSV_COLUMNS_BEFORE_READINGS)
GOOD_ROW = "2026-03-01T08:30:00+00:00,2026-03-01T12:00:00+00:00,5,lower,left,test-lifting,,test-warmth:2,Fine"
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def vocabulary(db):
    return {
        "trigger": TriggerFactory(slug="test-lifting"),
        "old_trigger": TriggerFactory(slug="test-retired", active=False),
        "red_flag": RedFlagFactory(slug="test-numb-leg"),
        "remedy": RemedyFactory(slug="test-warmth"),
        "other_remedy": RemedyFactory(slug="test-walking"),
    }


def upload(client, content, name="episodes.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(IMPORT, {"file": file}, follow=True)


def csv_file(*rows):
    return "\r\n".join([HEADER, *rows]) + "\r\n"


def test_import_page_explains_the_columns(user_client):
    response = user_client.get(IMPORT)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="file"' in html and 'accept=".csv,text/csv"' in html
    assert re.search(r'<label\s+for="id_file"', html)
    assert 'enctype="multipart/form-data"' in html
    for column in csv_format.CSV_COLUMNS:
        assert f"<code>{column}</code>" in html


def test_good_file_adds_episodes_with_everything(user_client, user, vocabulary):
    response = upload(
        user_client,
        csv_file(
            GOOD_ROW,
            "2026-03-02T21:00:00+01:00,,7,neck,,test-lifting;test-retired,test-numb-leg,"
            "test-warmth:-1;test-walking:0,'=not a formula",
        ),
    )

    assert "Import finished: 2 imported, 0 already in your journal." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("journal:episode_list")
    assert snapshot(user) == [
        (
            datetime.datetime(2026, 3, 1, 8, 30, tzinfo=datetime.UTC),
            datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC),
            5,
            "lower",
            "left",
            "Fine",
            ["test-lifting"],
            [],
            [("test-warmth", 2)],
        ),
        (
            datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC),
            None,
            7,
            "neck",
            "",
            "=not a formula",
            ["test-lifting", "test-retired"],
            ["test-numb-leg"],
            [("test-walking", 0), ("test-warmth", -1)],
        ),
    ]


def test_times_without_an_offset_are_in_the_persons_time_zone(client, user):
    user.profile.timezone = "Europe/London"
    user.profile.save()
    client.force_login(user)

    upload(client, csv_file("2026-07-01T09:00:00,,4,mid,,,,,"))

    (episode,) = Episode.objects.for_user(user)
    assert episode.started_at == datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(user_client, user):
    content = csv_file(GOOD_ROW, "2026-03-05T10:00:00+00:00,,3,upper,,,,,")
    upload(user_client, content)

    response = upload(user_client, content)

    assert "Import finished: 0 imported, 2 already in your journal." in response.content.decode()
    assert Episode.objects.for_user(user).count() == 2
    assert RemedyUse.objects.filter(episode__user=user).count() == 1


def test_only_new_rows_are_added(user_client, user):
    upload(user_client, csv_file(GOOD_ROW))

    response = upload(user_client, csv_file(GOOD_ROW, "2026-03-05T10:00:00+00:00,,3,upper,,,,,"))

    assert "1 imported, 1 already in your journal." in response.content.decode()


def test_export_then_import_into_a_fresh_account_reproduces_the_history(
    client, make_user, vocabulary
):
    source = make_user("source")
    source.profile.timezone = "Europe/London"
    source.profile.save()
    base = timezone.now() - datetime.timedelta(days=30)
    for n in range(6):
        episode = EpisodeFactory(
            user=source,
            started_at=base + datetime.timedelta(days=n * 3, minutes=n, seconds=n, microseconds=n),
            ended_at=None if n == 5 else base + datetime.timedelta(days=n * 3, hours=n + 1),
            severity=n + 2,
            location=["lower", "mid", "upper", "neck"][n % 4],
            side=["", "left", "both"][n % 3],
            notes=["", "=1+1", 'Line one\nline two, with "quotes"', "'apostrophe", "-", "ok"][n],
            triggers=[vocabulary["trigger"], vocabulary["old_trigger"]][: n % 3],
            red_flags=[vocabulary["red_flag"]] if n == 2 else [],
        )
        RemedyUseFactory(episode=episode, remedy=vocabulary["remedy"], effect=n % 4 - 1)
    client.force_login(source)
    exported = b"".join(client.get(reverse("journal:export_csv")).streaming_content)

    fresh = make_user("fresh")
    fresh.profile.timezone = "America/New_York"
    fresh.profile.save()
    client.force_login(fresh)
    response = upload(client, exported)

    assert "6 imported, 0 already in your journal." in response.content.decode()
    assert snapshot(fresh) == snapshot(source)
    assert len(snapshot(fresh)) == 6


BAD_FILES = [
    pytest.param(
        "start,end,pain\r\n2026-03-01,2026-03-02,5\r\n",
        "Line 1: the first line must be the column names",
        id="wrong header",
    ),
    pytest.param(
        '{"episodes": []}\n',
        "Line 1: the first line must be the column names",
        id="a JSON file, not CSV",
    ),
    pytest.param(
        HEADER.replace("side,", "") + "\r\n",
        "missing side",
        id="a column missing",
    ),
    pytest.param(
        csv_file("2026-03-02T10:00:00+00:00,,4,lower,,,,,Café").encode("latin-1"),
        "The file is not UTF-8 text",
        id="not UTF-8",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "The file is not UTF-8 text",
        id="an image",
    ),
    pytest.param(
        HEADER.encode() + b"\r\n\x00\x00\x00",
        "The file is not a CSV text file",
        id="binary zeros",
    ),
    pytest.param("", "The file is empty.", id="empty file"),
    pytest.param(
        HEADER + "\r\n", "The file has the right columns but no episodes.", id="header only"
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-02-30T10:00:00+00:00,,4,lower,,,,,"),
        "Line 3: started_at “2026-02-30T10:00:00+00:00” is not a date and time",
        id="impossible date",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "last tuesday,,4,lower,,,,,"),
        "Line 3: started_at “last tuesday” is not a date and time",
        id="words for a date",
    ),
    pytest.param(
        csv_file(GOOD_ROW, ",,4,lower,,,,,"),
        "Line 3: started_at is empty",
        id="no start",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,2026-03-02T09:00:00+00:00,4,lower,,,,,"),
        "Line 3: ended_at is before started_at.",
        id="end before start",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2999-03-02T10:00:00+00:00,,4,lower,,,,,"),
        "Line 3: started_at “2999-03-02T10:00:00+00:00” is in the future.",
        id="start in the future",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "1850-03-02T10:00:00+00:00,,4,lower,,,,,"),
        "Line 3: started_at “1850-03-02T10:00:00+00:00” is before 1900.",
        id="start before 1900",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,11,lower,,,,,"),
        "Line 3: severity must be a whole number from 0 to 10, not “11”.",
        id="severity out of range",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,seven,lower,,,,,"),
        "Line 3: severity must be a whole number from 0 to 10, not “seven”.",
        id="severity not a number",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,back,,,,,"),
        "Line 3: location “back” is not one of lower, mid, upper, neck.",
        id="unknown location",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,up,,,,"),
        "Line 3: side “up” is not one of left, right, both, centre (or empty).",
        id="unknown side",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,test-lifting;juggling,,,"),
        "Line 3: unknown trigger “juggling”.",
        id="unknown trigger",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,,green-spots,,"),
        "Line 3: unknown red flag “green-spots”.",
        id="unknown red flag",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,,,magic-beans:2,"),
        "Line 3: unknown remedy “magic-beans”.",
        id="unknown remedy",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,,,test-warmth:5,"),
        "Line 3: the effect of test-warmth must be -1, 0, 1 or 2, not “5”.",
        id="effect out of range",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,,,test-warmth,"),
        "Line 3: remedies entry “test-warmth” should look like heat:2",
        id="remedy without an effect",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,,,test-warmth:1;test-warmth:2,"),
        "Line 3: remedy test-warmth is listed twice.",
        id="remedy twice",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower,,,,," + "x" * 2001),
        "Line 3: notes are 2,001 characters long; the limit is 2,000.",
        id="notes too long",
    ),
    pytest.param(
        csv_file(GOOD_ROW, "2026-03-02T10:00:00+00:00,,4,lower"),
        "Line 3: expected 9 values, found 4.",
        id="too few values",
    ),
    pytest.param(
        csv_file(GOOD_ROW, GOOD_ROW.replace("Fine", "Again")),
        "Line 3: the same start time as line 2",
        id="same start twice",
    ),
    pytest.param(
        csv_file(
            '2026-03-01T08:00:00+00:00,,5,lower,,,,,"two\nlines"',
            "2026-03-02T10:00:00+00:00,,12,lower,,,,,",
        ),
        "Line 4: severity must be a whole number from 0 to 10, not “12”.",
        id="line numbers count lines inside quoted notes",
    ),
    *[
        pytest.param(
            csv_file(GOOD_ROW, f"2026-03-02T10:00:00+00:00,,{digits},lower,,,,,"),
            f"Line 3: severity must be a whole number from 0 to 10, not “{digits}”.",
            id=f"severity {name}",
        )
        for name, digits in [
            ("with an underscore", "1_0"),
            ("in full-width digits", "\uff17"),
            ("in Arabic-Indic digits", "\u0667"),
        ]
    ],
    pytest.param(
        csv_file(GOOD_ROW, '2026-03-02T10:00:00+00:00,,4,lower,,,,,"never closed'),
        "this is not a readable CSV file",
        id="quote left open at the end",
    ),
    pytest.param(
        "x" * (imports.MAX_IMPORT_BYTES + 1),
        "the limit is 2 MB",
        id="larger than 2 MB",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_bad_file_is_refused_with_its_line_and_nothing_is_saved(
    user_client, user, content, message
):
    EpisodeFactory(user=user)  # already in the journal

    response = upload(user_client, content)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert Episode.objects.for_user(user).count() == 1
    assert RemedyUse.objects.filter(episode__user=user).count() == 0


def test_too_many_rows_is_refused(user_client, user, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 2)
    rows = [f"2026-03-0{n}T10:00:00+00:00,,4,lower,,,,," for n in range(1, 4)]

    response = upload(user_client, csv_file(*rows))

    assert "Line 4: the file has more than 2 episodes; split it into smaller files." in (
        response.content.decode()
    )
    assert Episode.objects.for_user(user).count() == 0


def test_every_problem_is_listed_not_just_the_first(user_client):
    response = upload(
        user_client,
        csv_file("2026-03-02T10:00:00+00:00,,11,back,,,,,", GOOD_ROW, ",,4,lower,,,,,"),
    )

    html = response.content.decode()
    assert "Line 2: severity must be" in html
    assert "Line 2: location “back”" in html
    assert "Line 4: started_at is empty" in html
    assert "Nothing was imported" in html


def test_a_long_list_of_problems_is_cut_short(user_client, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LISTED_ERRORS", 3)

    response = upload(user_client, csv_file(*[",,4,lower,,,,,"] * 10))

    html = response.content.decode()
    assert html.count("started_at is empty") == 3
    assert "Only the first 3 problems are listed." in html


def test_no_file_chosen(user_client):
    response = user_client.post(IMPORT, {})

    assert response.status_code == 400
    assert "Choose a CSV file to upload." in response.content.decode()


def test_anonymous_upload_saves_nothing(client):
    response = upload(client, csv_file(GOOD_ROW))

    assert reverse("login") in response.redirect_chain[0][0]
    assert Episode.objects.count() == 0


def test_imported_episodes_belong_to_the_uploader_only(user_client, user, other_user):
    upload(user_client, csv_file(GOOD_ROW))

    assert Episode.objects.for_user(user).count() == 1
    assert Episode.objects.for_user(other_user).count() == 0


def test_a_byte_order_mark_from_a_spreadsheet_is_fine(user_client, user):
    upload(user_client, "\ufeff" + csv_file(GOOD_ROW))

    assert Episode.objects.for_user(user).count() == 1
