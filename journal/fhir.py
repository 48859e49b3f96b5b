"""The journal as an HL7 FHIR R4 Bundle, the format clinical record systems read.

A ``collection`` Bundle holding a Patient (the display name the person chose, nothing that
identifies them further), an Observation per pain reading (LOINC 72514-3, 0-10 numeric
rating, with the part of the back as a SNOMED CT body site), a Condition per bout (onset
and abatement) and an Observation per warning sign reported. README.md, "Your data",
has the mapping as a table. Plain dicts: the product does not depend on a FHIR library;
the tests validate the result with one.
"""

from __future__ import annotations

import bisect
import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from guidance.models import RedFlag, Remedy, Trigger

from .assessment import Bout, assess
from .csv_format import iso_moment
from .exports import EpisodeRecord, episode_records
from .models import Episode, RemedyUse

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"

PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
# SNOMED CT has no separate concept for the upper and the mid back that a clinical
# system would recognise: both are the thoracic region; the text says which.
BODY_SITES = {
    Episode.Location.LOWER: ("37822005", "Lower back structure"),
    Episode.Location.MID: ("1141986006", "Structure of thoracic vertebral column region"),
    Episode.Location.UPPER: ("1141986006", "Structure of thoracic vertebral column region"),
    Episode.Location.NECK: ("45048000", "Neck structure"),
}
SURVEY = [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}]
BOUT_TEXT = "Bout of back muscle spasms (recorded by the person)"


@dataclass(frozen=True)
class Reading:
    """One pain score at a moment of an episode."""

    episode: EpisodeRecord
    taken_at: datetime.datetime
    severity: int


def pain_readings(episodes: Iterable[EpisodeRecord]) -> list[Reading]:
    """Every reading of every episode, oldest first within each (an episode has at least
    one; without any, its worst pain at its start stands in)."""
    return [
        Reading(episode, taken_at, severity)
        for episode in episodes
        for taken_at, severity in episode.readings or [(episode.started_at, episode.severity)]
    ]


class _Entries:
    """The Bundle's entries, each with a fresh urn:uuid that the others refer to."""

    def __init__(self):
        self.entries: list[dict] = []

    def add(self, resource: dict) -> str:
        resource_id = str(uuid.uuid4())
        full_url = f"urn:uuid:{resource_id}"
        self.entries.append({"fullUrl": full_url, "resource": {**resource, "id": resource_id}})
        return full_url


def _names(model) -> dict[str, str]:
    return dict(model.objects.values_list("slug", "name"))


def _effect_words(effect: int) -> str:
    return RemedyUse.Effect(effect).label.lower()


def _episode_note(episode: EpisodeRecord, names: dict[str, dict[str, str]]) -> list[dict]:
    # Reviewed ones by their names, then the person's own as they wrote them.
    triggers = [names["triggers"].get(slug, slug) for slug in episode.triggers]
    triggers += episode.own_triggers
    remedies = [(names["remedies"].get(slug, slug), effect) for slug, effect in episode.remedies]
    remedies += episode.own_remedies
    parts = []
    if triggers:
        parts.append(f"Triggers: {'; '.join(triggers)}.")
    if remedies:
        tried = "; ".join(f"{name} ({_effect_words(effect)})" for name, effect in remedies)
        parts.append(f"Remedies tried: {tried}.")
    if episode.notes:
        parts.append(f"Notes: {episode.notes}")
    return [{"text": " ".join(parts)}] if parts else []


def _body_site(episode: EpisodeRecord) -> dict:
    code, display = BODY_SITES[episode.location]
    text = Episode.Location(episode.location).label
    if episode.side:
        text += f", {Episode.Side(episode.side).label.lower()}"
    return {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": text}


def _pain_observation(reading: Reading, patient: str, tz, names) -> dict:
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "category": SURVEY,
        "code": {"coding": [PAIN_SEVERITY], "text": "Pain severity (0-10)"},
        "subject": {"reference": patient},
        "effectiveDateTime": iso_moment(reading.taken_at, tz),
        "valueInteger": reading.severity,
        "bodySite": _body_site(reading.episode),
    }
    note = _episode_note(reading.episode, names)
    if note:
        observation["note"] = note
    return observation


def _warning_sign_observation(episode: EpisodeRecord, slug, patient, tz, flags) -> dict:
    name, urgency = flags.get(slug, (slug, ""))
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "category": SURVEY,
        "code": {"text": f"Warning sign: {name}"},
        "subject": {"reference": patient},
        "effectiveDateTime": iso_moment(episode.started_at, tz),
        "valueBoolean": True,
    }
    if urgency:
        label = RedFlag.Urgency(urgency).label
        observation["note"] = [{"text": f"BackCare urgency for this sign: {label}."}]
    return observation


def _bout_condition(bout: Bout, patient: str, threshold_days: int, evidence: list[str]) -> dict:
    condition = {
        "resourceType": "Condition",
        "clinicalStatus": {
            "coding": [
                {"system": CONDITION_CLINICAL, "code": "active" if bout.ongoing else "resolved"}
            ]
        },
        "verificationStatus": {
            "coding": [{"system": CONDITION_VERIFICATION, "code": "unconfirmed"}]
        },
        "category": [{"coding": [{"system": CONDITION_CATEGORY, "code": "problem-list-item"}]}],
        "code": {"text": BOUT_TEXT},
        "subject": {"reference": patient},
        "onsetDateTime": bout.start.isoformat(),
        "note": [
            {
                "text": f"{bout.days} day{'s' if bout.days != 1 else ''}, "
                f"{bout.episode_count} episode{'s' if bout.episode_count != 1 else ''}, "
                f"worst pain {bout.peak_severity}/10; "
                + (
                    f"longer than the {threshold_days}-day threshold for seeing a doctor."
                    if bout.passed_threshold
                    else f"within the {threshold_days}-day threshold for seeing a doctor."
                )
            }
        ],
    }
    if not bout.ongoing:
        condition["abatementDateTime"] = bout.last_day.isoformat()
    if evidence:
        condition["evidence"] = [{"detail": [{"reference": url} for url in evidence]}]
    return condition


def _bout_of(day: datetime.date, bouts: list[Bout], starts: list[datetime.date]) -> int | None:
    """The index of the bout that ``day`` falls in; bouts are disjoint, oldest first."""
    index = bisect.bisect_right(starts, day) - 1
    if index >= 0 and day <= bouts[index].last_day:
        return index
    return None


def fhir_bundle(user, tz: datetime.tzinfo, now: datetime.datetime | None = None) -> dict:
    """Everything in the person's journal as one FHIR R4 collection Bundle."""
    now = now or timezone.now()
    episodes = list(episode_records(user))
    names = {"triggers": _names(Trigger), "remedies": _names(Remedy)}
    flags = {
        slug: (name, urgency)
        for slug, name, urgency in RedFlag.objects.values_list("slug", "name", "urgency")
    }
    assessment = assess(user, today=timezone.localdate(now, timezone=tz))
    bouts = list(assessment.bouts)
    starts = [bout.start for bout in bouts]

    entries = _Entries()
    patient: dict = {"resourceType": "Patient"}
    if user.get_full_name():
        patient["name"] = [{"text": user.get_full_name()}]
    patient_url = entries.add(patient)

    evidence: dict[int, list[str]] = {}
    for reading in pain_readings(episodes):
        url = entries.add(_pain_observation(reading, patient_url, tz, names))
        bout = _bout_of(timezone.localdate(reading.taken_at, timezone=tz), bouts, starts)
        if bout is not None:
            evidence.setdefault(bout, []).append(url)
    for episode in episodes:
        for slug in episode.red_flags:
            entries.add(_warning_sign_observation(episode, slug, patient_url, tz, flags))
    for index, bout in enumerate(bouts):
        entries.add(
            _bout_condition(bout, patient_url, assessment.threshold_days, evidence.get(index, []))
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": iso_moment(now, tz),
        "entry": entries.entries,
    }
