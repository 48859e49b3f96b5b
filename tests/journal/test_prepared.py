"""Queries written out once and run with each person's id (journal.prepared)."""

import pytest
from django.db.models import Q

from journal.models import Episode
from journal.prepared import PreparedQuery
from journal.views import with_trigger_names

from .factories import EpisodeFactory, TriggerFactory

pytestmark = pytest.mark.django_db


def test_each_person_gets_their_own_rows_converted_as_the_model_says(make_user):
    lifting = TriggerFactory(name="Lifting")
    alex, sam = make_user("alex"), make_user("sam")
    mine = EpisodeFactory(user=alex, severity=7, triggers=[lifting])
    theirs = EpisodeFactory(user=sam, severity=3)
    latest = PreparedQuery(
        Episode, lambda user_id: with_trigger_names(Episode.objects.filter(user_id=user_id))
    )

    [alex_row] = latest.rows(alex.pk)
    [sam_row] = latest.rows(sam.pk)  # the same SQL, another person's id

    assert (alex_row.pk, alex_row.severity, alex_row.trigger_names) == (mine.pk, 7, "Lifting")
    assert alex_row.started_at == mine.started_at  # a datetime again, in UTC
    assert (sam_row.pk, sam_row.trigger_names) == (theirs.pk, None)
    assert latest.rows(make_user("kim").pk) == []


def test_a_query_must_take_the_persons_id_exactly_once(user):
    twice = PreparedQuery(
        Episode, lambda user_id: Episode.objects.filter(Q(user_id=user_id) | Q(pk=user_id))
    )
    with pytest.raises(ValueError, match="exactly once"):
        twice.rows(user.pk)
