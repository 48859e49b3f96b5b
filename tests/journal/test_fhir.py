"""The HL7 FHIR export: a valid R4 collection Bundle whose codes and values match the journal."""

import datetime
import json
import zoneinfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from journal.models import Episode, RemedyUse
from tests.journal.factories import (
    EpisodeFactory,
    PersonalRemedyFactory,
    PersonalRemedyUseFactory,
    PersonalTriggerFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
    bulk_history,
)

pytestmark = pytest.mark.django_db

URL = "/journal/export/fhir.json"
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")  # +05:30, no daylight saving


def at(days_ago, hour=9):
    day = timezone.localdate(timezone=KOLKATA) - datetime.timedelta(days=days_ago)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=KOLKATA)


@pytest.fixture
def person(user):
    user.first_name, user.last_name = "Alex", "Morgan"
    user.save()
    user.profile.timezone = "Asia/Kolkata"
    user.profile.save()
    return user


def download(client):
    response = client.get(URL)
    assert response.status_code == 200
    document = json.loads(response.content)
    Bundle.model_validate(document)  # raises on anything FHIR R4 does not allow
    return response, document


def resources(document, kind):
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


def pain_observations(document):
    return [o for o in resources(document, "Observation") if "valueInteger" in o]


def test_export_is_a_valid_fhir_collection_bundle(client, person):
    EpisodeFactory(user=person, started_at=at(2), severity=6)
    client.force_login(person)
    response, document = download(client)
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="backcare-fhir-')
    assert "no-store" in response["Cache-Control"]
    assert document["resourceType"] == "Bundle"
    assert document["type"] == "collection"
    urls = [entry["fullUrl"] for entry in document["entry"]]
    assert len(set(urls)) == len(urls)
    assert all(
        url == f"urn:uuid:{entry['resource']['id']}"
        for url, entry in zip(urls, document["entry"], strict=True)
    )


def test_patient_has_the_chosen_name_and_nothing_else(client, person):
    client.force_login(person)
    _, document = download(client)
    (patient,) = resources(document, "Patient")
    assert patient == {
        "resourceType": "Patient",
        "id": patient["id"],
        "name": [{"text": "Alex Morgan"}],
    }
    text = json.dumps(document)
    assert person.username not in text
    assert person.email not in text


def test_patient_without_a_chosen_name_is_nameless(user_client):
    _, document = download(user_client)
    (patient,) = resources(document, "Patient")
    assert set(patient) == {"resourceType", "id"}


def test_each_episode_is_a_pain_severity_observation_with_the_time_and_offset(client, person):
    first = EpisodeFactory(user=person, started_at=at(3, hour=8), severity=7)
    second = EpisodeFactory(user=person, started_at=at(1, hour=21), severity=4)
    client.force_login(person)
    _, document = download(client)
    observations = pain_observations(document)
    assert [o["valueInteger"] for o in observations] == [7, 4]
    for observation, episode in zip(observations, [first, second], strict=True):
        assert observation["code"]["coding"] == [
            {
                "system": "http://loinc.org",
                "code": "72514-3",
                "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            }
        ]
        assert observation["status"] == "final"
        effective = observation["effectiveDateTime"]
        assert effective.endswith("+05:30")
        assert datetime.datetime.fromisoformat(effective) == episode.started_at
        patient = document["entry"][0]["fullUrl"]
        assert observation["subject"] == {"reference": patient}


def test_each_pain_reading_is_an_observation_of_its_own(client, person):
    start = at(2, hour=8)
    readings = [(start, 8), (start + datetime.timedelta(hours=5), 6), (at(1, hour=20), 3)]
    trigger = TriggerFactory(name="Long drive")
    EpisodeFactory(
        user=person,
        started_at=start,
        ended_at=None,
        severity=8,
        readings=readings,
        triggers=[trigger],
    )
    client.force_login(person)
    _, document = download(client)
    observations = pain_observations(document)
    assert [
        (datetime.datetime.fromisoformat(o["effectiveDateTime"]), o["valueInteger"])
        for o in observations
    ] == readings
    assert all(o["note"] == [{"text": "Triggers: Long drive."}] for o in observations)
    (bout,) = resources(document, "Condition")
    assert len(bout["evidence"][0]["detail"]) == 3


@pytest.mark.parametrize(
    ("location", "side", "code", "text"),
    [
        ("lower", "left", "37822005", "Lower back, left"),
        ("mid", "", "1141986006", "Mid back"),
        ("upper", "both", "1141986006", "Upper back, both sides"),
        ("neck", "right", "45048000", "Neck, right"),
    ],
    ids=["lower", "mid", "upper", "neck"],
)
def test_body_site_is_the_snomed_code_of_the_part_of_the_back(
    client, person, location, side, code, text
):
    EpisodeFactory(user=person, started_at=at(2), location=location, side=side)
    client.force_login(person)
    _, document = download(client)
    (observation,) = pain_observations(document)
    (coding,) = observation["bodySite"]["coding"]
    assert (coding["system"], coding["code"]) == ("http://snomed.info/sct", code)
    assert observation["bodySite"]["text"] == text


def test_note_names_the_triggers_and_remedies_with_their_effect(client, person):
    lifting = TriggerFactory(name="Lifting a box")
    heat = RemedyFactory(name="Heat pad")
    episode = EpisodeFactory(user=person, started_at=at(2), triggers=[lifting], notes="Bad night")
    RemedyUseFactory(episode=episode, remedy=heat, effect=RemedyUse.Effect.MUCH_BETTER)
    EpisodeFactory(user=person, started_at=at(1))
    client.force_login(person)
    _, document = download(client)
    with_note, without = pain_observations(document)
    assert with_note["note"] == [
        {
            "text": "Triggers: Lifting a box. Remedies tried: Heat pad (much better). "
            "Notes: Bad night"
        }
    ]
    assert "note" not in without


def test_note_names_the_persons_own_triggers_and_remedies_too(client, person):
    episode = EpisodeFactory(user=person, started_at=at(2))
    episode.personal_triggers.add(PersonalTriggerFactory(user=person, name="Carrying my son"))
    PersonalRemedyUseFactory(
        episode=episode,
        remedy=PersonalRemedyFactory(user=person, name="Cat on my back"),
        effect=RemedyUse.Effect.WORSE,
    )
    client.force_login(person)
    _, document = download(client)
    (observation,) = pain_observations(document)
    assert observation["note"] == [
        {"text": "Triggers: Carrying my son. Remedies tried: Cat on my back (made it worse)."}
    ]


def test_each_bout_is_a_condition_with_onset_and_abatement(client, person):
    # Two bouts: days 40-38 ago (over), and one going on now.
    EpisodeFactory(user=person, started_at=at(40), ended_at=at(38))
    EpisodeFactory(user=person, started_at=at(2), ended_at=None)
    client.force_login(person)
    _, document = download(client)
    old, current = resources(document, "Condition")
    today = timezone.localdate(timezone=KOLKATA)
    assert old["onsetDateTime"] == (today - datetime.timedelta(days=40)).isoformat()
    assert old["abatementDateTime"] == (today - datetime.timedelta(days=38)).isoformat()
    assert old["clinicalStatus"]["coding"][0]["code"] == "resolved"
    assert current["onsetDateTime"] == (today - datetime.timedelta(days=2)).isoformat()
    assert "abatementDateTime" not in current
    assert current["clinicalStatus"]["coding"][0]["code"] == "active"
    assert current["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
    assert "3 days, 1 episode, worst pain 5/10" in current["note"][0]["text"]
    # Each bout points at the pain readings it is made of.
    old_reading, current_reading = (
        e["fullUrl"] for e in document["entry"] if "valueInteger" in e["resource"]
    )
    assert old["evidence"] == [{"detail": [{"reference": old_reading}]}]
    assert current["evidence"] == [{"detail": [{"reference": current_reading}]}]


def test_each_warning_sign_reported_is_an_observation(client, person):
    fever = RedFlagFactory(name="Fever with back pain", urgency="urgent")
    numb = RedFlagFactory(name="Numb groin", urgency="emergency")
    episode = EpisodeFactory(user=person, started_at=at(2), red_flags=[fever, numb])
    client.force_login(person)
    _, document = download(client)
    signs = [o for o in resources(document, "Observation") if "valueBoolean" in o]
    assert sorted(s["code"]["text"] for s in signs) == [
        "Warning sign: Fever with back pain",
        "Warning sign: Numb groin",
    ]
    for sign in signs:
        assert sign["valueBoolean"] is True
        assert datetime.datetime.fromisoformat(sign["effectiveDateTime"]) == episode.started_at
    assert any("Emergency" in s["note"][0]["text"] for s in signs)


def test_export_holds_only_the_persons_own_journal(client, person, other_user):
    EpisodeFactory(user=person, started_at=at(2), severity=3)
    EpisodeFactory(user=other_user, started_at=at(2), severity=9, notes="Someone else")
    client.force_login(person)
    _, document = download(client)
    assert [o["valueInteger"] for o in pain_observations(document)] == [3]
    assert "Someone else" not in json.dumps(document)


def test_empty_journal_exports_just_the_patient(user_client):
    _, document = download(user_client)
    assert [e["resource"]["resourceType"] for e in document["entry"]] == ["Patient"]


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_export_queries_do_not_grow_with_the_journal(user_client, user):
    bulk_history(user, 10, last_start=timezone.now() - datetime.timedelta(days=1))
    cache.clear()  # both downloads read guidance too, as the first after a restart does
    with CaptureQueriesContext(connection) as small:
        download(user_client)
    bulk_history(user, 300, last_start=timezone.now() - datetime.timedelta(days=12))
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        _, document = download(user_client)
    assert len(large) == len(small)
    assert len(pain_observations(document)) == 310
    assert Episode.objects.filter(user=user).count() == 310
