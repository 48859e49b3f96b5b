"""Every write to guidance content, however it is made, gives the content a new version."""

import pytest
from django.apps import apps
from django.urls import reverse
from simple_history.models import HistoricalChanges
from simple_history.utils import bulk_create_with_history

from guidance.models import (
    Article,
    CareThresholds,
    ContentQuerySet,
    ContentVersion,
    RedFlag,
    Remedy,
    Trigger,
)

from .factories import ArticleFactory, RemedyFactory, TriggerFactory

pytestmark = pytest.mark.django_db


def version():
    return ContentVersion.objects.values_list("token", flat=True).first()


def _revert(article):
    article.summary = "Changed by an editor."
    article.save()
    before = version()
    article.history.earliest().instance.save()  # what the admin's "Revert" does
    return before


def _admin_action(client, action, articles, **extra):
    return client.post(
        reverse("admin:guidance_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
    )


WRITES = {
    "save": lambda: Trigger.objects.update_or_create(
        slug="long-drive", defaults={"name": "Long drive", "description": "Hours at the wheel."}
    ),
    "queryset update": lambda: CareThresholds.objects.filter(pk=1).update(see_doctor_after_days=7),
    "update of every row": lambda: Remedy.objects.update(order=3),
    "bulk create": lambda: Trigger.objects.bulk_create(
        [Trigger(name="Sneezing", slug="sneezing", description="A sudden sneeze.")]
    ),
    "bulk create with history": lambda: bulk_create_with_history(
        [Trigger(name="Coughing", slug="coughing", description="A hard cough.")], Trigger
    ),
    "bulk update": lambda: Remedy.objects.bulk_update(
        [Remedy(pk=pk, order=9) for pk in Remedy.objects.values_list("pk", flat=True)],
        ["order"],
    ),
    "object deleted": lambda: TriggerFactory().delete(),
    "queryset deleted": lambda: RedFlag.objects.filter(slug__startswith="nobody-").delete(),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_gives_a_new_version(write):
    before = version()

    write()

    assert version() != before


def test_a_new_object_and_its_removal_each_give_one():
    before = version()
    trigger = TriggerFactory()
    created = version()
    trigger.delete()

    assert len({before, created, version()}) == 3


def test_reverting_to_an_earlier_version_gives_a_new_version():
    article = Article.objects.get(slug="what-is-a-back-spasm")

    before = _revert(article)

    assert version() != before


def test_admin_bulk_actions_give_a_new_version(admin_client):
    articles = [ArticleFactory(), ArticleFactory()]
    before = version()

    _admin_action(admin_client, "delete_selected", articles, post="yes")

    assert version() != before
    assert not Article.objects.filter(pk__in=[a.pk for a in articles]).exists()


def test_reading_content_keeps_the_version():
    before = version()
    list(Article.objects.published())
    RemedyFactory.build()

    assert version() == before


def test_a_missing_version_row_is_made_again():
    ContentVersion.objects.all().delete()

    CareThresholds.objects.filter(pk=1).update(severe_pain_level=7)

    assert version()


def test_the_version_of_a_write_that_fails_is_not_kept():
    before = version()

    with pytest.raises(ValueError):  # a bad value fails inside the update's transaction
        CareThresholds.objects.filter(pk=1).update(see_doctor_after_days="many")

    assert version() == before


def test_every_content_model_bumps_on_bulk_writes():
    """A model added to guidance later gets the same queryset, or this test says so."""
    content_models = [
        model
        for model in apps.get_app_config("guidance").get_models()
        if model is not ContentVersion and not issubclass(model, HistoricalChanges)
    ]
    assert {Article, Trigger, Remedy, RedFlag, CareThresholds} <= set(content_models)
    for model in content_models:
        assert isinstance(model._default_manager.all(), ContentQuerySet), model
