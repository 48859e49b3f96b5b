"""The starting content (loaded from guidance/content/) and the staff groups the
migrations make."""

import importlib
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection

from guidance.models import Article, CareThresholds, RedFlag, Remedy, RiskFactor, Trigger

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The warning signs NICE NG59 and the NHS name, at the urgency they call for.
RED_FLAG_URGENCIES = {
    "difficulty-starting-or-stopping-peeing": "emergency",
    "cannot-feel-full-bladder": "emergency",
    "loss-of-bladder-or-bowel-control": "emergency",
    "saddle-numbness": "emergency",
    "new-problem-with-sexual-function": "emergency",
    "numbness-or-weakness-in-both-legs": "emergency",
    "back-pain-with-chest-pain": "emergency",
    "pain-after-serious-accident": "emergency",
    "fever-with-back-pain": "urgent",
    "fall-or-minor-injury-with-thin-bones": "urgent",
    "pain-between-shoulder-blades": "urgent",
    "night-pain-not-eased-by-moving": "urgent",
    "back-changed-shape-or-lump": "urgent",
    "pain-worse-coughing-sneezing-or-toilet": "urgent",
    "numbness-or-weakness-in-one-limb": "see_doctor",
    "pain-stops-you-sleeping": "see_doctor",
    "pain-not-improving": "see_doctor",
}
# Signs whose meaning split in two: kept for the episodes that recorded them, not asked.
RETIRED_RED_FLAGS = {"pain-after-fall-or-accident", "weakness-in-both-legs"}


@pytest.mark.parametrize("section", Article.Section.values)
def test_every_section_has_a_substantial_published_article(section):
    articles = Article.objects.published().filter(section=section)

    assert articles.exists()
    for article in articles:
        assert len(article.body) > 800
        assert article.summary
        assert article.source_list()
        assert all(url.startswith("https://") for _, url in article.source_list())
        assert article.reviewed_by == ""  # no clinician has signed it off
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


def test_every_warning_sign_has_the_right_urgency():
    flags = dict(RedFlag.objects.active().values_list("slug", "urgency"))

    assert flags == RED_FLAG_URGENCIES
    assert set(RedFlag.objects.filter(active=False).values_list("slug", flat=True)) == (
        RETIRED_RED_FLAGS
    )
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
    assert thresholds.severe_pain_days == 2
    assert thresholds.not_improving_after_days == 7


def _guidance_codenames():
    """Every guidance permission but those on staff profiles, which are about people."""
    return {
        f"{action}_{model._meta.model_name}"
        for model in apps.get_app_config("guidance").get_models()
        for action in model._meta.default_permissions
        if model._meta.model_name != "staffprofile"
    }


def test_content_editors_have_every_guidance_permission_and_nothing_else():
    group = Group.objects.get(name="Content editors")

    permissions = group.permissions.select_related("content_type")

    assert {p.content_type.app_label for p in permissions} == {"guidance"}
    codenames = {p.codename for p in permissions}
    assert codenames == _guidance_codenames()
    assert "change_historicalarticle" in codenames
    assert "change_carethresholds" in codenames
    assert "change_riskfactor" in codenames


def test_group_migration_can_run_again_without_duplicates():
    migration = importlib.import_module("guidance.migrations.0003_content_editors_group")
    before = Permission.objects.count()
    group = Group.objects.get(name="Content editors")
    granted = group.permissions.count()

    migration.create_content_editors(apps, SimpleNamespace(connection=connection))

    assert Permission.objects.count() == before
    assert Group.objects.filter(name="Content editors").count() == 1
    assert group.permissions.count() >= granted


def test_clinical_reviewers_read_guidance_and_change_only_articles():
    group = Group.objects.get(name="Clinical reviewers")

    codenames = set(group.permissions.values_list("codename", flat=True))

    assert "change_article" in codenames
    assert "view_redflag" in codenames
    assert not {name for name in codenames if name.startswith(("add_", "delete_"))}
    assert "change_redflag" not in codenames


def test_old_review_claims_are_dropped(make_user):
    migration = importlib.import_module(
        "guidance.migrations.0008_clinical_reviewers_and_honest_review_line"
    )
    article = ArticleFactory(last_reviewed=date(2026, 11, 1), next_review_due=date(2027, 11, 1))
    Article.objects.filter(pk=article.pk).update(
        reviewed_by="BackCare editorial team", created_at=datetime(2026, 11, 20, tzinfo=UTC)
    )

    migration.drop_unearned_review_claims(apps, SimpleNamespace(connection=connection))

    article.refresh_from_db()
    assert article.reviewed_by == ""
    assert article.last_reviewed == date(2026, 11, 20)  # never before the text existed
    assert article.history.latest().history_change_reason == (
        "Review line no longer claims a clinical review"
    )


def test_starting_content_has_a_first_history_entry_to_revert_to():
    article = Article.objects.get(slug="what-is-a-back-spasm")
    first = article.history.earliest()
    assert first.history_type == "+"
    assert first.history_change_reason == "Loaded from the content files"
    assert first.summary == article.summary
    for model in (Trigger, Remedy, RedFlag, RiskFactor, CareThresholds):
        assert (
            model.history.filter(history_change_reason="Loaded from the content files").count()
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
