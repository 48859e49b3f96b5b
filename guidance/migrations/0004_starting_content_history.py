"""Give the starting content a first entry in its history.

Data migrations do not go through django-simple-history, so without this the content
as first published could not be compared with, or reverted to, after a staff edit.
"""

from django.db import migrations
from django.utils import timezone

MODELS = ["Article", "Trigger", "Remedy", "RedFlag", "CareThresholds"]
REASON = "Starting content"


def record_starting_versions(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("guidance", name)
        historical = apps.get_model("guidance", f"Historical{name}")
        have_history = set(historical.objects.values_list("id", flat=True).distinct())
        copied = [field.attname for field in model._meta.concrete_fields]
        historical.objects.bulk_create(
            historical(
                **{attname: getattr(row, attname) for attname in copied},
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
            )
            for row in model.objects.exclude(pk__in=have_history)
        )


def forget_starting_versions(apps, schema_editor):
    for name in MODELS:
        historical = apps.get_model("guidance", f"Historical{name}")
        historical.objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0003_content_editors_group")]

    operations = [migrations.RunPython(record_starting_versions, forget_starting_versions)]
