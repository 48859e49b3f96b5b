"""Settings: renaming, retiring and bringing back a person's own triggers and remedies."""

import pytest
from django.urls import reverse

from journal.models import PersonalRemedy, PersonalTrigger
from tests.guidance.factories import RemedyFactory
from tests.journal.factories import (
    EpisodeFactory,
    PersonalRemedyFactory,
    PersonalTriggerFactory,
)

pytestmark = pytest.mark.django_db

SETTINGS = reverse("accounts:account_settings")


def url(action, kind, entry):
    return reverse(f"journal:own_{action}", args=[kind, entry.pk])


def message_of(response):
    return " ".join(str(m) for m in response.context["messages"])


def test_settings_lists_the_persons_own_entries_only(user_client, user, other_user):
    PersonalTriggerFactory(user=user, name="Gardening")
    PersonalRemedyFactory(user=user, name="Foam roller", active=False)
    PersonalTriggerFactory(user=other_user, name="Not yours")

    html = user_client.get(SETTINGS).content.decode()

    assert "Your own triggers and remedies" in html
    assert "Gardening" in html and "Foam roller" in html and "retired" in html
    assert "Not yours" not in html


def test_settings_says_how_to_add_one_when_there_are_none(user_client):
    assert "Only you can see them" in user_client.get(SETTINGS).content.decode()


def test_rename_changes_it_on_every_episode(user_client, user):
    trigger = PersonalTriggerFactory(user=user, name="Gardening")
    EpisodeFactory(user=user).personal_triggers.add(trigger)

    response = user_client.post(
        url("rename", "triggers", trigger), {"name": " Weeding "}, follow=True
    )

    assert "Renamed “Gardening” to “Weeding”" in message_of(response)
    trigger.refresh_from_db()
    assert trigger.name == "Weeding"
    assert "Weeding" in user_client.get(reverse("journal:episode_list")).content.decode()


def test_renaming_changes_the_case_of_a_name(user_client, user):
    remedy = PersonalRemedyFactory(user=user, name="foam roller")

    user_client.post(url("rename", "remedies", remedy), {"name": "Foam Roller"})

    remedy.refresh_from_db()
    assert remedy.name == "Foam Roller"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("GARDENING", "You already have a trigger called “GARDENING”"),
        ("", "Type a name for your trigger"),
        ("a;b", "semicolon"),
        ("x" * 61, "60 characters"),
        ("Warm bath", "already in the list of triggers everyone sees"),
    ],
    ids=["duplicate-any-case", "blank", "semicolon", "too-long", "a-reviewed-name"],
)
def test_a_bad_new_name_is_refused_with_a_message(user_client, user, name, message):
    from tests.guidance.factories import TriggerFactory

    TriggerFactory(name="Warm bath")
    PersonalTriggerFactory(user=user, name="Gardening")
    trigger = PersonalTriggerFactory(user=user, name="Weeding")

    response = user_client.post(url("rename", "triggers", trigger), {"name": name}, follow=True)

    assert "“Weeding” was not renamed" in message_of(response)
    assert message in message_of(response)
    trigger.refresh_from_db()
    assert trigger.name == "Weeding"


def test_a_reviewed_remedy_name_is_refused_for_an_own_remedy(user_client, user):
    RemedyFactory(name="Warm bath")
    remedy = PersonalRemedyFactory(user=user, name="Bath")

    response = user_client.post(
        url("rename", "remedies", remedy), {"name": "warm bath"}, follow=True
    )

    assert "remedies everyone sees" in message_of(response)


def test_retire_and_restore(user_client, user):
    remedy = PersonalRemedyFactory(user=user, name="Foam roller")
    new_episode = reverse("journal:episode_create")

    response = user_client.post(url("retire", "remedies", remedy), follow=True)
    remedy.refresh_from_db()
    assert not remedy.active
    assert "no longer offered" in message_of(response)
    assert "Foam roller" not in user_client.get(new_episode).content.decode()

    user_client.post(url("restore", "remedies", remedy))
    remedy.refresh_from_db()
    assert remedy.active
    assert "Foam roller" in user_client.get(new_episode).content.decode()


@pytest.mark.parametrize("action", ["rename", "retire", "restore"])
def test_another_persons_entry_is_404_and_unchanged(user_client, other_user, action):
    theirs = PersonalTriggerFactory(user=other_user, name="Theirs")

    response = user_client.post(url(action, "triggers", theirs), {"name": "Mine now"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.active) == ("Theirs", True)


def test_an_unknown_kind_is_404(user_client, user):
    trigger = PersonalTriggerFactory(user=user)

    assert user_client.post(url("retire", "warning-signs", trigger)).status_code == 404


def test_changes_are_post_only(user_client, user):
    trigger = PersonalTriggerFactory(user=user)

    assert user_client.get(url("retire", "triggers", trigger)).status_code == 405
    trigger.refresh_from_db()
    assert trigger.active


def test_anonymous_is_sent_to_log_in(client, user):
    trigger = PersonalTriggerFactory(user=user)

    response = client.post(url("retire", "triggers", trigger))

    assert response.status_code == 302 and "login" in response["Location"]
    trigger.refresh_from_db()
    assert trigger.active


def test_deleting_the_account_deletes_its_own_entries(user_client, user, password):
    episode = EpisodeFactory(user=user)
    episode.personal_triggers.add(PersonalTriggerFactory(user=user))
    PersonalRemedyFactory(user=user)

    user_client.post(reverse("accounts:account_delete"), {"password": password})

    assert not PersonalTrigger.objects.exists() and not PersonalRemedy.objects.exists()
