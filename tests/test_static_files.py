"""What the site serves from /static/: its own files, no test tools and no source maps."""

from django.conf import settings
from django.contrib.staticfiles import finders


def served_files():
    for finder in finders.get_finders():
        for path, _storage in finder.list(ignore_patterns=[]):
            yield path


def test_axe_core_is_not_served_by_the_site():
    assert finders.find("vendor/axe-core/axe.min.js") is None
    assert not [path for path in served_files() if "axe" in path]


def test_no_source_maps_are_served_or_pointed_at():
    files = list(served_files())
    assert "vendor/bootstrap/bootstrap.min.css" in files
    assert not [path for path in files if path.endswith(".map")]
    for directory in settings.STATICFILES_DIRS:
        for path in directory.rglob("*"):
            if path.suffix in {".js", ".css"}:
                assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path
