# Pain readings: every episode gets one, at its start, with the severity it was saved with.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0004_profile_moved_to_accounts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="episode",
            name="severity",
            field=models.PositiveSmallIntegerField(
                help_text="Worst pain, 0 (none) to 10 (worst imaginable): the highest of its readings.",
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(10),
                ],
            ),
        ),
        migrations.CreateModel(
            name="PainReading",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("taken_at", models.DateTimeField()),
                (
                    "severity",
                    models.PositiveSmallIntegerField(
                        help_text="Pain at that moment, 0 (none) to 10 (worst imaginable).",
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(10),
                        ],
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="readings",
                        to="journal.episode",
                    ),
                ),
            ],
            options={
                "ordering": ["taken_at", "id"],
                "indexes": [
                    models.Index(
                        fields=["episode", "taken_at"], name="journal_pai_episode_d5e601_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("severity__gte", 0), ("severity__lte", 10)),
                        name="reading_severity_0_to_10",
                    )
                ],
            },
        ),
        migrations.RunSQL(
            # One statement, so a long journal is copied by the database, not row by row.
            sql=(
                "INSERT INTO journal_painreading (episode_id, taken_at, severity) "
                "SELECT id, started_at, severity FROM journal_episode"
            ),
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
