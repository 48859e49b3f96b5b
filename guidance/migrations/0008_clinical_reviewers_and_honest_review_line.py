"""The "Clinical reviewers" group, and no review line claiming a review that did not happen.

Before clinical sign-off existed, the starting content named "BackCare editorial team"
as its reviewer, dated before the text was written. No clinician has signed any article
off, so the reviewer name is cleared and the review date is made no earlier than the
article itself. Each change enters the article's history.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

GROUP_NAME = "Clinical reviewers"
# Reviewers read everything in guidance and change articles (a sign-off is a change).
PERMISSIONS = [
    "view_article",
    "change_article",
    "view_historicalarticle",
    "view_trigger",
    "view_remedy",
    "view_redflag",
    "view_carethresholds",
]
REASON = "Review line no longer claims a clinical review"


def create_group(apps, schema_editor):
    db = schema_editor.connection.alias
    guidance = apps.get_app_config("guidance")
    models_module = getattr(guidance, "models_module", None)
    guidance.models_module = True  # see 0003: state apps have no models module
    try:
        create_permissions(guidance, verbosity=0, using=db, apps=apps)
    finally:
        guidance.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.using(db).filter(
            content_type__app_label="guidance", codename__in=PERMISSIONS
        )
    )


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


def drop_unearned_review_claims(apps, schema_editor):
    Article = apps.get_model("guidance", "Article")
    HistoricalArticle = apps.get_model("guidance", "HistoricalArticle")
    now = timezone.now()
    copied = [field.attname for field in Article._meta.concrete_fields]
    for article in Article.objects.filter(clinically_reviewed_on__isnull=True):
        written = article.created_at.date()
        last_reviewed = max(article.last_reviewed, written)
        next_due = article.next_review_due
        if next_due <= last_reviewed:
            next_due = last_reviewed.replace(year=last_reviewed.year + 1)
        if (article.reviewed_by, article.last_reviewed) == ("", last_reviewed):
            continue
        article.reviewed_by = ""
        article.last_reviewed = last_reviewed
        article.next_review_due = next_due
        article.updated_at = now
        Article.objects.filter(pk=article.pk).update(
            reviewed_by="", last_reviewed=last_reviewed, next_review_due=next_due, updated_at=now
        )
        HistoricalArticle.objects.create(
            **{attname: getattr(article, attname) for attname in copied},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0007_clinical_review")]

    operations = [
        migrations.RunPython(create_group, remove_group),
        migrations.RunPython(drop_unearned_review_claims, migrations.RunPython.noop),
    ]
