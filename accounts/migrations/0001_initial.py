# Profile moves here from the journal app. Its table (journal_profile) and rows stay as
# they are: only Django's record of which app owns the model changes.

import accounts.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _relabel(apps, schema_editor, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new_app, model="profile").exists():
        types.filter(app_label=old_app, model="profile").update(app_label=new_app)


def move_content_type(apps, schema_editor):
    # Permissions and admin log entries point at the content type: keep them.
    _relabel(apps, schema_editor, "journal", "accounts")


def move_content_type_back(apps, schema_editor):
    _relabel(apps, schema_editor, "accounts", "journal")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("journal", "0003_episode_ongoing_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Profile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "timezone",
                            models.CharField(
                                default="UTC",
                                help_text="IANA time zone name; days in the journal are counted in it.",
                                max_length=64,
                                validators=[accounts.models.validate_timezone],
                            ),
                        ),
                        (
                            "journal_version",
                            models.CharField(
                                default=accounts.models.new_journal_version,
                                editable=False,
                                help_text="Replaced whenever this person's episodes change; keys their cached charts.",
                                max_length=32,
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="profile",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "journal_profile"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
