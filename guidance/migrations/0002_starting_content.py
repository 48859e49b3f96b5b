"""Formerly the starting guidance content, now kept as files in guidance/content/.

Content is data, loaded by `manage.py load_guidance` (which `make run` and the test
set-up call), never by a migration. A database that ran the old version of this
migration keeps its rows; the loader brings them up to date unless staff edited them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0001_initial"),
    ]

    operations = []
