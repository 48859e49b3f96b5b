"""Profile moved from the journal app to accounts: its table, rows and versions stay."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Profile

# Transactional: SQLite's schema editor cannot run inside the test's transaction. The
# serialized rollback brings back the starting content when the test has finished.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNAL_BEFORE_THE_MOVE = ("journal", "0003_episode_ongoing_index")


def _migrate_to_before_the_move():
    """Unapply accounts (and the journal migration that hands Profile over); return the
    models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate([JOURNAL_BEFORE_THE_MOVE, ("accounts", None)])
    return executor.loader.project_state(JOURNAL_BEFORE_THE_MOVE).apps


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_profiles_keep_their_rows_and_versions_through_the_move():
    profile_type = ContentType.objects.get_for_model(Profile)
    try:
        old_apps = _migrate_to_before_the_move()
        old_user = old_apps.get_model("auth", "User")
        old_profile = old_apps.get_model("journal", "Profile")
        tokyo = old_profile.objects.create(
            user=old_user.objects.create(username="kenji"),
            timezone="Asia/Tokyo",
            journal_version="a" * 32,
        )
        lima = old_profile.objects.create(
            user=old_user.objects.create(username="rosa"),
            timezone="America/Lima",
            journal_version="b" * 32,
        )
        assert ContentType.objects.get(pk=profile_type.pk).app_label == "journal"
    finally:
        _migrate_to_latest()

    profiles = {p.user.username: p for p in Profile.objects.select_related("user")}
    assert profiles["kenji"].pk == tokyo.pk
    assert profiles["kenji"].timezone == "Asia/Tokyo"
    assert profiles["kenji"].journal_version == "a" * 32
    assert profiles["rosa"].pk == lima.pk
    assert profiles["rosa"].timezone == "America/Lima"
    assert profiles["rosa"].journal_version == "b" * 32
    assert Profile._meta.db_table == "journal_profile"
    # Permissions hang on the content type, so it moves rather than being replaced.
    assert ContentType.objects.get(pk=profile_type.pk).app_label == "accounts"
