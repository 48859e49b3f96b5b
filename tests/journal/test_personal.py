"""A person's own triggers and remedies ("Other: ..."): the models, the episode form,
the follow-up "Trying anything?", and where they show: detail, list, charts, report."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from guidance.models import Remedy, Trigger
from journal import aggregates
from journal.models import Episode, PersonalRemedy, PersonalRemedyUse, PersonalTrigger, RemedyUse
from journal.personal import clean_name
from tests.journal.factories import (
    EpisodeFactory,
    PersonalRemedyFactory,
    PersonalRemedyUseFactory,
    PersonalTriggerFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

pytestmark = pytest.mark.django_db

NEW = reverse("journal:episode_create")


def form_data(**overrides):
    data = {
        "started_at": timezone.localtime(timezone.now() - timedelta(hours=3)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "ended_at": "",
        "severity": "6",
        "location": "lower",
        "side": "",
        "notes": "",
    }
    data.update(overrides)
    return data


# Models


def test_names_are_unique_per_person_whatever_their_case(user, other_user):
    PersonalTrigger.objects.create(user=user, name="Gardening")
    PersonalTrigger.objects.create(user=other_user, name="gardening")  # someone else's: fine

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalTrigger.objects.create(user=user, name="GARDENING")


def test_a_remedy_use_keeps_the_effect_scale(user):
    use = PersonalRemedyUseFactory(episode=EpisodeFactory(user=user))

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalRemedyUse.objects.filter(pk=use.pk).update(effect=3)


def test_one_use_per_own_remedy_per_episode(user):
    use = PersonalRemedyUseFactory(episode=EpisodeFactory(user=user))

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalRemedyUse.objects.create(episode=use.episode, remedy=use.remedy, effect=0)


def test_for_user_gives_only_the_persons_own(user, other_user):
    mine = PersonalTriggerFactory(user=user)
    PersonalTriggerFactory(user=other_user)

    assert list(PersonalTrigger.objects.for_user(user)) == [mine]


def test_str_says_nothing_about_health(user):
    trigger = PersonalTriggerFactory(user=user, name="Ex-partner's visit")

    assert "partner" not in str(trigger)
    assert "partner" not in str(PersonalRemedyFactory(user=user, name="partner massage"))


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Foam   roller ", "Foam roller"),
        ("line\nbreak\u2028here", "line break here"),
        ("Stress: work", "Stress: work"),
        ("Å" * 60, "Å" * 60),
    ],
    ids=["spaces-collapsed", "line-breaks-are-spaces", "colon-allowed", "sixty-characters"],
)
def test_names_are_tidied(typed, kept):
    assert clean_name(typed, "remedy") == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Type a name"),
        ("x" * 61, "60 characters"),
        ("heat;ice", "semicolon"),
        ("bell\x07", "one line"),
    ],
    ids=["blank", "too-long", "semicolon", "control-character"],
)
def test_names_that_cannot_be_kept_are_refused(typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        clean_name(typed, "remedy")


# The episode form


def test_other_trigger_and_remedy_are_added_as_the_persons_own(user_client, user):
    response = user_client.post(
        NEW,
        form_data(other_trigger="Gardening", other_remedy="Foam roller", other_remedy_effect="2"),
    )

    assert response.status_code == 302
    episode = Episode.objects.get(user=user)
    trigger = PersonalTrigger.objects.get(user=user)
    assert (trigger.name, trigger.active) == ("Gardening", True)
    assert list(episode.personal_triggers.all()) == [trigger]
    use = PersonalRemedyUse.objects.get(episode=episode)
    assert (use.remedy.name, use.remedy.user, use.effect) == ("Foam roller", user, 2)


def test_typing_an_existing_name_in_any_case_reuses_it(user_client, user):
    trigger = PersonalTriggerFactory(user=user, name="Gardening")
    remedy = PersonalRemedyFactory(user=user, name="Foam roller", active=False)

    user_client.post(
        NEW,
        form_data(other_trigger="GARDENING", other_remedy="foam ROLLER", other_remedy_effect="1"),
    )

    episode = Episode.objects.get(user=user)
    assert list(episode.personal_triggers.all()) == [trigger]
    assert PersonalTrigger.objects.filter(user=user).count() == 1
    assert list(episode.personal_remedies.all()) == [remedy]
    remedy.refresh_from_db()
    assert remedy.active  # typed again: in use again


def test_another_persons_entry_of_the_same_name_is_not_used(user_client, user, other_user):
    theirs = PersonalTriggerFactory(user=other_user, name="Gardening")

    user_client.post(NEW, form_data(other_trigger="Gardening"))

    mine = PersonalTrigger.objects.get(user=user)
    assert mine != theirs
    assert list(Episode.objects.get(user=user).personal_triggers.all()) == [mine]


def test_other_naming_a_listed_trigger_or_remedy_ticks_that_one(user_client, user):
    trigger = TriggerFactory(name="Long drive")
    remedy = RemedyFactory(name="Warm bath")

    user_client.post(
        NEW,
        form_data(other_trigger="long drive", other_remedy="WARM BATH", other_remedy_effect="2"),
    )

    episode = Episode.objects.get(user=user)
    assert list(episode.triggers.all()) == [trigger]
    assert RemedyUse.objects.get(episode=episode).remedy == remedy
    assert not PersonalTrigger.objects.exists() and not PersonalRemedy.objects.exists()


def test_own_entries_are_offered_beside_the_reviewed_ones(user_client, user, other_user):
    PersonalTriggerFactory(user=user, name="Gardening")
    PersonalTriggerFactory(user=user, name="Old retired one", active=False)
    PersonalTriggerFactory(user=other_user, name="Someone else's trigger")
    remedy = PersonalRemedyFactory(user=user, name="Foam roller")

    html = user_client.get(NEW).content.decode()

    assert "Your own triggers" in html and "Gardening" in html
    assert f'name="own-remedy-{remedy.pk}"' in html
    assert "Old retired one" not in html
    assert "Someone else" not in html
    assert 'name="other_trigger"' in html and 'name="other_remedy"' in html


def test_ticking_and_answering_own_entries_saves_them(user_client, user):
    trigger = PersonalTriggerFactory(user=user)
    remedy = PersonalRemedyFactory(user=user)

    user_client.post(
        NEW, form_data(personal_triggers=[trigger.pk], **{f"own-remedy-{remedy.pk}": "-1"})
    )

    episode = Episode.objects.get(user=user)
    assert list(episode.personal_triggers.all()) == [trigger]
    assert episode.personal_remedy_uses.get().effect == -1


def test_a_retired_entry_stays_on_the_episodes_that_name_it(user_client, user):
    trigger = PersonalTriggerFactory(user=user, name="Gardening", active=False)
    remedy = PersonalRemedyFactory(user=user, name="Foam roller", active=False)
    episode = EpisodeFactory(user=user)
    episode.personal_triggers.add(trigger)
    PersonalRemedyUseFactory(episode=episode, remedy=remedy, effect=2)

    edit = user_client.get(reverse("journal:episode_update", args=[episode.pk]))
    detail = user_client.get(episode.get_absolute_url()).content.decode()

    assert "Gardening" in edit.content.decode()
    assert edit.context["form"][f"own-remedy-{remedy.pk}"].value() == 2
    assert "Gardening" in detail and "Foam roller" in detail


def test_clearing_an_own_remedy_on_edit_removes_its_use(user_client, user, save_through_form):
    episode = EpisodeFactory(user=user)
    use = PersonalRemedyUseFactory(episode=episode)

    save_through_form(episode, **{f"own-remedy-{use.remedy.pk}": ""})

    assert not PersonalRemedyUse.objects.filter(episode=episode).exists()
    assert PersonalRemedy.objects.filter(pk=use.remedy.pk).exists()  # the entry stays


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"other_trigger": "a;b"}, "other_trigger", "semicolon"),
        ({"other_trigger": "x" * 61}, "other_trigger", "60 characters"),
        ({"other_remedy": "Foam roller"}, "other_remedy_effect", "how much “Foam roller” helped"),
        ({"other_remedy_effect": "2"}, "other_remedy", "Type the name"),
        ({"other_remedy": "x\x07y", "other_remedy_effect": "1"}, "other_remedy", "one line"),
        ({"other_remedy": "Roller", "other_remedy_effect": "5"}, "other_remedy_effect", "list"),
        ({"personal_triggers": ["999999"]}, "personal_triggers", "not one of your own"),
    ],
    ids=[
        "semicolon-in-trigger",
        "trigger-too-long",
        "remedy-without-effect",
        "effect-without-remedy",
        "control-character-in-remedy",
        "effect-off-the-scale",
        "unknown-own-trigger",
    ],
)
def test_bad_other_entries_are_explained_and_nothing_is_saved(
    user_client, user, overrides, field, message
):
    response = user_client.post(NEW, form_data(**overrides))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Episode.objects.filter(user=user).exists()
    assert not PersonalTrigger.objects.exists() and not PersonalRemedy.objects.exists()


def test_another_persons_own_trigger_cannot_be_ticked(user_client, user, other_user):
    theirs = PersonalTriggerFactory(user=other_user)

    response = user_client.post(NEW, form_data(personal_triggers=[theirs.pk]))

    assert response.status_code == 400
    assert not Episode.objects.filter(user=user).exists()


def test_another_persons_own_remedy_field_is_ignored(user_client, user, other_user):
    theirs = PersonalRemedyFactory(user=other_user)

    user_client.post(NEW, form_data(**{f"own-remedy-{theirs.pk}": "2"}))

    assert not PersonalRemedyUse.objects.exists()


def test_two_answers_for_the_same_remedy_are_refused(user_client, user):
    remedy = PersonalRemedyFactory(user=user, name="Foam roller")

    response = user_client.post(
        NEW,
        form_data(
            other_remedy="foam roller", other_remedy_effect="2", **{f"own-remedy-{remedy.pk}": "0"}
        ),
    )

    assert response.status_code == 400
    assert "give one answer" in response.context["form"].errors["other_remedy"][0]
    assert not Episode.objects.exists()


def test_trying_anything_offers_own_remedies_and_other(user_client, user):
    episode = EpisodeFactory(user=user, ended_at=None)
    remedy = PersonalRemedyFactory(user=user, name="Foam roller")
    url = reverse("journal:episode_remedies", args=[episode.pk])

    assert "Foam roller" in user_client.get(url).content.decode()
    response = user_client.post(
        url, {f"own-remedy-{remedy.pk}": "1", "other_remedy": "Stretch", "other_remedy_effect": "2"}
    )

    assert response.status_code == 302
    effects = {u.remedy.name: u.effect for u in episode.personal_remedy_uses.all()}
    assert effects == {"Foam roller": 1, "Stretch": 2}


# Where they show


def test_list_shows_own_triggers_beside_the_reviewed_ones(user_client, user):
    episode = EpisodeFactory(user=user, triggers=[TriggerFactory(name="Long drive")])
    episode.personal_triggers.add(PersonalTriggerFactory(user=user, name="Gardening"))

    html = user_client.get(reverse("journal:episode_list")).content.decode()

    assert "Long drive, Gardening" in html


def test_charts_and_report_count_own_entries_by_name(user_client, user, other_user):
    gardening = PersonalTriggerFactory(user=user, name="Gardening")
    roller = PersonalRemedyFactory(user=user, name="Foam roller")
    heat = RemedyFactory(name="Warm bath")
    for _ in range(2):
        episode = EpisodeFactory(user=user)
        episode.personal_triggers.add(gardening)
        PersonalRemedyUseFactory(episode=episode, remedy=roller, effect=2)
        RemedyUseFactory(episode=episode, remedy=heat, effect=1)
    theirs = EpisodeFactory(user=other_user)
    theirs.personal_triggers.add(PersonalTriggerFactory(user=other_user, name="Not mine"))

    episodes = Episode.objects.for_user(user)
    triggers = aggregates.trigger_counts(episodes)
    remedies = aggregates.remedy_effects(episodes)
    history = user_client.get(reverse("journal:history") + "?range=all").content.decode()
    report = user_client.get(reverse("journal:report") + "?range=all").content.decode()

    assert [(t.name, t.episodes) for t in triggers] == [("Gardening", 2)]
    assert [(r.name, r.figure, r.tried) for r in remedies] == [
        ("Foam roller", "+2.0", 2),
        ("Warm bath", "+1.0", 2),
    ]
    assert "Your most common trigger was Gardening" in history
    assert "Foam roller helped most" in history
    assert "Gardening" in report and "Foam roller" in report
    assert "Not mine" not in history + report


def test_deleting_an_episode_keeps_the_persons_own_entries(user):
    episode = EpisodeFactory(user=user)
    episode.personal_triggers.add(PersonalTriggerFactory(user=user))
    PersonalRemedyUseFactory(episode=episode)

    episode.delete()

    assert PersonalTrigger.objects.filter(user=user).exists()
    assert PersonalRemedy.objects.filter(user=user).exists()


def test_no_model_from_guidance_points_at_personal_data():
    for model in (Trigger, Remedy):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert PersonalTrigger not in related and PersonalRemedy not in related
