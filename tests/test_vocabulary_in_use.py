"""Vocabulary people have recorded stays on their episodes: it is retired, never deleted."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from guidance.models import RedFlag, Remedy, Trigger
from journal.models import Episode, RemedyUse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, make_user):
    editor = make_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def recorded(user):
    episode = Episode.objects.create(
        user=user, started_at=timezone.now(), severity=6, location="lower"
    )
    flag = RedFlag.objects.get(slug="loss-of-bladder-or-bowel-control")
    trigger = Trigger.objects.get(slug="stress-or-anxiety")
    remedy = Remedy.objects.get(slug="heat")
    episode.red_flags.add(flag)
    episode.triggers.add(trigger)
    RemedyUse.objects.create(episode=episode, remedy=remedy, effect=2)
    return episode, {"redflag": flag, "trigger": trigger, "remedy": remedy}


@pytest.mark.parametrize("model", ["redflag", "trigger", "remedy"])
def test_editor_cannot_delete_vocabulary_in_use(editor_client, recorded, model):
    _episode, things = recorded
    thing = things[model]
    url = f"/admin/guidance/{model}/{thing.pk}/delete/"
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert type(thing).objects.filter(pk=thing.pk).exists()
    change_list = editor_client.get(f"/admin/guidance/{model}/").content.decode()
    assert "delete_selected" not in change_list


def test_editor_can_delete_unused_vocabulary(editor_client):
    trigger = Trigger.objects.create(name="Never used", slug="never-used", description="x")
    response = editor_client.post(f"/admin/guidance/trigger/{trigger.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Trigger.objects.filter(pk=trigger.pk).exists()


def test_red_flag_on_an_episode_survives_any_delete(recorded):
    episode, things = recorded
    with pytest.raises(ProtectedError), transaction.atomic():
        things["redflag"].delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Trigger.objects.filter(pk=things["trigger"].pk).delete()
    assert list(episode.red_flags.all()) == [things["redflag"]]
    assert list(episode.triggers.all()) == [things["trigger"]]


def test_deleting_an_account_still_works_with_recorded_vocabulary(recorded, user):
    user.delete()
    assert RedFlag.objects.filter(slug="loss-of-bladder-or-bowel-control").exists()
