import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from accounts.consent import record_consent

from . import migrated

PASSWORD = "correct-horse-battery-staple-42"

# People whose journal summary a factory dropped, to rebuild when the next request starts
# (tests/journal/factories.py).
waiting_summaries: set[int] = set()

# How hard the property tests look: a quick look locally, a long one in CI (.ci/run sets
# HYPOTHESIS_PROFILE=ci). A test that sets its own max_examples keeps it in both.
hypothesis_settings.register_profile("dev", max_examples=25)
hypothesis_settings.register_profile("ci", max_examples=100, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# pytest-xdist (make test: -n auto --dist loadgroup) runs a group's tests on one worker,
# one after another; every other test is shared out on its own. The browser tests keep
# to two groups: two Chromiums at most, each started once, and the long accessibility
# walks beside the rest. (xdist's own xdist_group mark does not group under pytest 9,
# so the groups are named here, by path.)
XDIST_GROUPS = {
    "tests/browser/test_accessibility.py": "browser-accessibility",
    "tests/browser/": "browser",
    # One migrated database (a module fixture, made by manage.py) for all the refusals.
    "tests/test_backup.py": "backup",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class PathGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            for prefix, group in XDIST_GROUPS.items():
                if nodeid.startswith(prefix):
                    return group
            return super()._split_scope(nodeid)

    return PathGroupScheduling(config, log)


def _on_sqlite():
    return connection.vendor == "sqlite"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, once the current migrations have been run for real and kept
    (tests/migrated.py), each worker's database starts from that copy instead of
    migrating again: Django is told not to migrate (it makes bare tables, replaced below)."""
    if _on_sqlite() and migrated.template_path().exists():
        connection.settings_dict["TEST"]["MIGRATE"] = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated (or copied from the migrated template), holds the
    guidance content, loaded as `make run` loads it."""
    with django_db_blocker.unblock():
        if _on_sqlite():
            connection.ensure_connection()
            if connection.settings_dict["TEST"].get("MIGRATE") is False:
                migrated.fill_from_template(connection.connection)
                migrated.forget_cached_rows()
                if hasattr(connection, "_test_serialized_contents"):
                    # What a serialized rollback brings back: the rows as migrated.
                    connection._test_serialized_contents = (
                        connection.creation.serialize_db_to_string()
                    )
                connection.settings_dict["TEST"]["MIGRATE"] = True
            else:
                migrated.keep(connection.connection)
        call_command("load_guidance", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    # A fast hasher keeps the suite quick; axes is tested on its own (tests/test_security.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    # Staff in tests log in with force_login; tests/accounts/test_two_factor.py turns it on.
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = False
    cache.clear()  # cached assessments must not leak from one test to the next
    waiting_summaries.clear()  # nor a summary left to rebuild (tests/journal/factories.py)
    # Nor a time zone: a request activates its person's zone (accounts.middleware) and
    # leaves it active in this thread, where the next test would read times in it.
    timezone.deactivate()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(username=None, **extra):
        counter["n"] += 1
        username = username or f"person{counter['n']}"
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.com", password=PASSWORD, **extra
        )
        # Everyone made here agreed to the privacy notice, as a sign-up now does.
        record_consent(user)
        return user

    return make


@pytest.fixture
def user(make_user):
    return make_user("alex")


@pytest.fixture
def other_user(make_user):
    return make_user("sam")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client
