"""One migrated SQLite database for each set of migrations, kept between test runs.

Migrating from nothing takes seconds (Django renders model states for the data
migrations), and the suite would do it once per test worker and again for each test that
runs manage.py against a database of its own. So the first run migrates, for real, and
keeps a copy under .pytest_cache/; later runs, and the other workers, start from that
copy. The copy is named after the bytes of every migration file, Django's version and
SQLite's, so a new or edited migration makes a new copy: the database a test sees is
always the one the current migrations make.
"""

import hashlib
import os
import sqlite3
import tempfile
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import django
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
KEPT_IN = ROOT / ".pytest_cache" / "migrated-sqlite"


def _migration_files():
    for config in apps.get_app_configs():
        spec = find_spec(f"{config.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(folder.glob("*.py")):
            yield config.label, path


def template_path() -> Path:
    """Where the migrated copy for the current migrations lives (it may not exist yet)."""
    digest = hashlib.sha256(f"{django.__version__}|{sqlite3.sqlite_version}".encode())
    for label, path in _migration_files():
        digest.update(f"|{label}/{path.name}|".encode())
        digest.update(path.read_bytes())
    return KEPT_IN / f"{digest.hexdigest()[:20]}.sqlite3"


def keep(raw_connection) -> None:
    """Keep a copy of a just-migrated database (a sqlite3 connection) as the template.

    Written to a file of its own and renamed into place, so two workers keeping it at
    once, or a reader, never see half a file."""
    target = template_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    os.close(handle)
    with sqlite3.connect(scratch) as copy:
        raw_connection.backup(copy)
    copy.close()
    os.replace(scratch, target)


def fill_from_template(raw_connection) -> None:
    """Replace everything in a database (a sqlite3 connection) with the template's."""
    with sqlite3.connect(template_path()) as template:
        template.backup(raw_connection)
    template.close()


def copy_to(path: Path) -> bool:
    """Put a migrated database at `path`; False if there is no template yet."""
    template = template_path()
    if not template.exists():
        return False
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    source.close()
    target.close()
    return True


def forget_cached_rows() -> None:
    """Django keeps content types in memory; after the rows under it were replaced, the
    ones it kept may name other ids."""
    import_module("django.contrib.contenttypes.models").ContentType.objects.clear_cache()
