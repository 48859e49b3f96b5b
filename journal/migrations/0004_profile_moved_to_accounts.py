# Profile now belongs to the accounts app (accounts/migrations/0001_initial.py); its
# table stays, so the journal only forgets the model.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("journal", "0003_episode_ongoing_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Profile")],
            database_operations=[],
        ),
    ]
