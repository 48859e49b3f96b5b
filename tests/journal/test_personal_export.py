"""A person's own triggers and remedies in the CSV and JSON exports, the import, and a
round trip (export, delete, import) that keeps them."""

import csv
import datetime
import html
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from journal import csv_format
from journal.models import Episode, PersonalRemedy, PersonalTrigger

from .factories import (
    EpisodeFactory,
    PersonalRemedyFactory,
    PersonalRemedyUseFactory,
    PersonalTriggerFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 1, 8, 30, tzinfo=datetime.UTC)
HEADER = ",".join(csv_format.CSV_COLUMNS)


def upload(client, text):
    file = SimpleUploadedFile("episodes.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("journal:import"), {"file": file}, follow=True)


def exported_csv(client):
    return b"".join(client.get(reverse("journal:export_csv")).streaming_content).decode()


def own_of(user):
    """Each episode's own triggers and remedies by name, oldest first."""
    return [
        (
            sorted(t.name for t in e.personal_triggers.all()),
            sorted((u.remedy.name, u.effect) for u in e.personal_remedy_uses.all()),
        )
        for e in Episode.objects.for_user(user).order_by("started_at")
    ]


@pytest.fixture
def with_own(user):
    episode = EpisodeFactory(
        user=user, started_at=START, triggers=[TriggerFactory(slug="long-drive")]
    )
    episode.personal_triggers.add(
        PersonalTriggerFactory(user=user, name="Stress: work"),
        PersonalTriggerFactory(user=user, name="Gardening", active=False),
    )
    RemedyUseFactory(episode=episode, remedy=RemedyFactory(slug="warm-bath"), effect=1)
    PersonalRemedyUseFactory(
        episode=episode, remedy=PersonalRemedyFactory(user=user, name="Plan B:2"), effect=2
    )
    return episode


def test_csv_names_own_entries_after_the_reviewed_ones(user_client, with_own):
    row = list(csv.reader(io.StringIO(exported_csv(user_client))))[1]

    assert row[5] == "long-drive;own:Gardening;own:Stress: work"
    assert row[7] == "warm-bath:1;own:Plan B:2:2"


def test_json_has_own_entries_on_episodes_and_in_the_account(user_client, with_own):
    document = json.loads(user_client.get(reverse("journal:export_json")).content)

    episode = document["episodes"][0]
    assert episode["triggers"] == ["long-drive"]
    assert episode["own_triggers"] == ["Gardening", "Stress: work"]
    assert episode["remedies"] == [{"remedy": "warm-bath", "effect": 1}]
    assert episode["own_remedies"] == [{"remedy": "Plan B:2", "effect": 2}]
    assert [(t["name"], t["active"]) for t in document["own_triggers"]] == [
        ("Gardening", False),
        ("Stress: work", True),
    ]
    assert [r["name"] for r in document["own_remedies"]] == ["Plan B:2"]


def test_json_has_no_one_elses_own_entries(user_client, other_user):
    PersonalTriggerFactory(user=other_user, name="Not yours")

    document = json.loads(user_client.get(reverse("journal:export_json")).content)

    assert document["own_triggers"] == [] and "Not yours" not in json.dumps(document)


def test_export_delete_import_keeps_own_entries(user_client, user, with_own):
    before = own_of(user)
    exported = exported_csv(user_client)
    Episode.objects.for_user(user).delete()
    PersonalTrigger.objects.filter(name="Stress: work").delete()  # gone: added back

    response = upload(user_client, exported)

    assert "1 imported" in response.content.decode()
    assert own_of(user) == before
    assert PersonalTrigger.objects.for_user(user).count() == 2
    # The one kept is reused as it was, retired; the one added back is in use.
    assert not PersonalTrigger.objects.get(name="Gardening").active


def test_import_reuses_own_entries_whatever_their_case_and_adds_new_ones(user_client, user):
    kept = PersonalRemedyFactory(user=user, name="Foam roller")
    body = (
        f"{HEADER}\r\n"
        "2026-03-01T08:30:00+00:00,,5,lower,,own:gardening;OWN:Gardening,,own:FOAM ROLLER:2,,\r\n"
        "2026-03-02T08:30:00+00:00,,5,lower,,own:Gardening,,,,\r\n"
    )

    response = upload(user_client, body)

    assert "2 imported" in response.content.decode()
    assert list(PersonalRemedy.objects.for_user(user)) == [kept]
    assert list(PersonalTrigger.objects.for_user(user).values_list("name", flat=True)) == [
        "gardening"
    ]
    assert own_of(user) == [(["gardening"], [("Foam roller", 2)]), (["gardening"], [])]


@pytest.mark.parametrize(
    ("triggers", "remedies", "message"),
    [
        ("own:", "", "Type a name for your trigger"),
        ("own:" + "x" * 61, "", "60 characters"),
        ("own:Bell\x07", "", "one line"),
        ("", "own:Foam roller", "must be -1, 0, 1 or 2"),
        ("", "own:Foam roller:5", "must be -1, 0, 1 or 2"),
        ("", "own:Roller:1;own:roller:2", "listed twice"),
        ("other:Gardening", "", "unknown trigger"),
    ],
    ids=[
        "empty-name",
        "name-too-long",
        "control-character",
        "remedy-without-effect",
        "effect-off-the-scale",
        "remedy-twice",
        "unknown-prefix",
    ],
)
def test_bad_own_entries_are_refused_and_nothing_is_saved(
    user_client, user, triggers, remedies, message
):
    row = f"2026-03-01T08:30:00+00:00,,5,lower,,{triggers},,{remedies},,"

    response = upload(user_client, f"{HEADER}\r\n{row}\r\n")

    assert message in html.unescape(response.content.decode())
    assert not Episode.objects.filter(user=user).exists()
    assert not PersonalTrigger.objects.exists() and not PersonalRemedy.objects.exists()


def test_a_semicolon_in_a_name_is_read_as_two_entries_never_one(user_client, user):
    # Names cannot hold ";" (journal.personal), so a file cannot make one either.
    body = f'{HEADER}\r\n2026-03-01T08:30:00+00:00,,5,lower,,"own:a;own:b",,,,\r\n'

    upload(user_client, body)

    assert own_of(user) == [(["a", "b"], [])]
