"""The starting content and the "Content editors" group exist on a fresh database."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection

from guidance.models import Article, CareThresholds, RedFlag, Remedy, Trigger

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

RED_FLAG_URGENCIES = {
    "loss-of-bladder-or-bowel-control": "emergency",
    "saddle-numbness": "emergency",
    "weakness-in-both-legs": "emergency",
    "fever-with-back-pain": "urgent",
    "pain-after-fall-or-accident": "urgent",
    "night-pain-not-eased-by-moving": "urgent",
    "numbness-or-weakness-in-one-limb": "see_doctor",
    "pain-stops-you-sleeping": "see_doctor",
}


@pytest.mark.parametrize("section", Article.Section.values)
def test_every_section_has_a_substantial_published_article(section):
    articles = Article.objects.published().filter(section=section)

    assert articles.exists()
    for article in articles:
        assert len(article.body) > 800
        assert article.summary
        assert article.source_list()
        assert article.reviewed_by == "BackCare editorial team"
        assert article.next_review_due > article.last_reviewed


@pytest.mark.parametrize(
    "slug",
    [
        "what-is-a-back-spasm",
        "causes-and-triggers",
        "self-care-at-home",
        "treatments",
        "when-to-see-a-doctor",
    ],
)
def test_pages_linked_by_name_exist(slug):
    assert Article.objects.published().filter(slug=slug).exists()


def test_triggers_are_filled_in():
    triggers = Trigger.objects.active()

    assert triggers.count() >= 12
    assert all(trigger.description for trigger in triggers)


def test_remedies_are_filled_in_with_kind_evidence_and_cautions():
    remedies = Remedy.objects.active()

    assert remedies.count() >= 14
    assert {remedy.kind for remedy in remedies} == set(Remedy.Kind.values)
    for remedy in remedies:
        assert remedy.description
        assert remedy.evidence
        if remedy.kind == Remedy.Kind.MEDICINE:
            assert remedy.caution


def test_the_eight_red_flags_have_the_right_urgencies():
    flags = dict(RedFlag.objects.active().values_list("slug", "urgency"))

    assert flags == RED_FLAG_URGENCIES
    for flag in RedFlag.objects.all():
        assert flag.question.endswith("?")
        assert flag.advice


def test_one_care_thresholds_row_with_the_defaults():
    thresholds = CareThresholds.objects.get()

    assert thresholds.pk == 1
    assert thresholds.see_doctor_after_days == 14
    assert thresholds.symptom_free_gap_days == 3
    assert thresholds.recurrence_bouts == 3
    assert thresholds.recurrence_window_days == 90
    assert thresholds.severe_pain_level == 8


def _guidance_codenames():
    return {
        f"{action}_{model._meta.model_name}"
        for model in apps.get_app_config("guidance").get_models()
        for action in ("add", "change", "delete", "view")
    }


def test_content_editors_have_every_guidance_permission_and_nothing_else():
    group = Group.objects.get(name="Content editors")

    permissions = group.permissions.select_related("content_type")

    assert {p.content_type.app_label for p in permissions} == {"guidance"}
    codenames = {p.codename for p in permissions}
    assert codenames == _guidance_codenames()
    assert "change_historicalarticle" in codenames
    assert "change_carethresholds" in codenames


def test_group_migration_can_run_again_without_duplicates():
    migration = importlib.import_module("guidance.migrations.0003_content_editors_group")
    before = Permission.objects.count()

    migration.create_content_editors(apps, SimpleNamespace(connection=connection))

    assert Permission.objects.count() == before
    assert Group.objects.filter(name="Content editors").count() == 1
    assert Group.objects.get(name="Content editors").permissions.count() == len(
        _guidance_codenames()
    )


def test_starting_content_has_a_first_history_entry_to_revert_to():
    article = Article.objects.get(slug="what-is-a-back-spasm")
    first = article.history.earliest()
    assert first.history_type == "+"
    assert first.history_change_reason == "Starting content"
    assert first.summary == article.summary
    for model in (Trigger, Remedy, RedFlag, CareThresholds):
        assert (
            model.history.filter(history_change_reason="Starting content").count()
            == model.objects.count()
        )


def test_editing_starting_content_can_be_reverted_to_the_original():
    article = Article.objects.get(slug="what-is-a-back-spasm")
    original = article.summary
    article.summary = "Changed by an editor."
    article.save()
    article.history.earliest().instance.save()  # what the admin's "Revert" does
    article.refresh_from_db()
    assert article.summary == original


def test_login_names_already_on_review_lines_are_replaced(make_user, client):
    make_user("kpatel-login", is_staff=True, first_name="Kiran", last_name="Patel")
    make_user("quiet-login", is_staff=True)
    named = ArticleFactory(reviewed_by="kpatel-login")
    unnamed = ArticleFactory(reviewed_by="quiet-login")
    credited = ArticleFactory(reviewed_by="Dr A. Smith, GP")
    migration = importlib.import_module(
        "guidance.migrations.0006_reviewer_login_names_off_public_pages"
    )

    migration.replace_login_names(apps, SimpleNamespace(connection=connection))

    for article in (named, unnamed, credited):
        article.refresh_from_db()
    assert named.reviewed_by == "Kiran Patel"
    assert unnamed.reviewed_by == "BackCare editorial team"
    assert credited.reviewed_by == "Dr A. Smith, GP"
    assert unnamed.history.latest().history_change_reason == (
        "Login name replaced on the public review line"
    )
    assert credited.history.count() == 1
    html = client.get(unnamed.get_absolute_url()).content.decode()
    assert "quiet-login" not in html
    assert "by BackCare editorial team" in html
