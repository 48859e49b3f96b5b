"""The trimmed Bootstrap keeps every rule the site can use.

static/css/bootstrap-site.min.css is Bootstrap cut down by `make css` to the classes the
site uses. A template, script or form that starts using another Bootstrap class would
silently lose its styling; this test names the rules that went missing instead. A rule
of the full Bootstrap is needed when every class in its selector is one the site uses:
found in a template, a script, Python code, a rendered form, or built from a value
(`alert-{{ level.style }}`).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages.utils import get_level_tags

from guidance.levels import CareLevel

BASE = Path(settings.BASE_DIR)
FULL = BASE / "static/vendor/bootstrap/bootstrap.min.css"
BUILT = BASE / "static/css/bootstrap-site.min.css"
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
# Set by Bootstrap's own script on the menu and the collapsing navigation.
SET_BY_BOOTSTRAP = {"show", "collapsing"}


def selectors(css):
    """Each selector of each rule, at-rules and keyframe steps left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = set()
    for head in re.findall(r"([^{}]+)\{", css):
        if head.lstrip().startswith("@"):
            continue
        found.update(part.strip() for part in head.split(","))
    return found


def attributes_in(selector):
    return set(re.findall(r"\[([\w-]+)", selector))


def classes_in(selector):
    """The classes a selector needs an element to have (:not(...) asks for the opposite)."""
    return set(CLASS.findall(re.sub(r":not\([^)]*\)", "", selector)))


def classes_in_markup(text):
    """Classes in class="..." attributes, with template tags and half-built names left out."""
    found = set()
    for value in CLASS_ATTRIBUTE.findall(text):
        plain = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", value)
        found.update(name for name in plain.split() if not name.endswith("-"))
    return found


def site_files():
    yield from (BASE / "templates").rglob("*.html")
    yield from (BASE / "static/js").glob("*.js")
    yield from (BASE / "static/journal").glob("*.js")


def classes_in_source():
    found = set(SET_BY_BOOTSTRAP)
    for path in site_files():
        text = path.read_text(encoding="utf-8")
        found |= classes_in_markup(text)
        found.update(re.findall(r"classList\.\w+\(\"([\w-]+)\"", text))
    for app in ("accounts", "backcare", "guidance", "journal", "ops"):
        for path in (BASE / app).rglob("*.py"):
            for value in re.findall(r"\"class\": \"([^\"]+)\"", path.read_text(encoding="utf-8")):
                found.update(value.split())
    # Built from a value in the templates.
    found.update(f"alert-{level.style}" for level in CareLevel)
    found.update(f"alert-{tag}" for tag in get_level_tags().values())
    return found


@pytest.mark.django_db
def test_trimmed_bootstrap_keeps_every_rule_the_site_uses(client, user):
    used = classes_in_source()
    # Forms as crispy-bootstrap5 draws them, with their errors.
    pages = client.post("/accounts/login/", {}).content.decode()
    client.force_login(user)
    response = client.post("/journal/episodes/new/", {"severity": "", "location": "lower"})
    assert response.status_code == 400
    pages += response.content.decode()
    used |= classes_in_markup(pages)
    assert {"form-control", "is-invalid", "invalid-feedback", "form-check-input"} <= used

    # A selector on an attribute (the dark theme's [data-bs-theme=dark], [multiple]) is
    # needed only where the site writes that attribute.
    markup = " ".join(path.read_text(encoding="utf-8") for path in site_files()) + pages
    built = selectors(BUILT.read_text(encoding="utf-8"))
    missing = sorted(
        selector
        for selector in selectors(FULL.read_text(encoding="utf-8"))
        if classes_in(selector)
        and classes_in(selector) <= used
        and all(name in markup for name in attributes_in(selector))
        and selector not in built
    )
    assert not missing, "Run `make css`; the trimmed Bootstrap lacks: " + " ".join(missing)


def test_trimmed_bootstrap_is_much_smaller_than_the_whole():
    assert BUILT.stat().st_size < FULL.stat().st_size / 3
    assert "Bootstrap" in BUILT.read_text(encoding="utf-8")[:300]  # its licence header kept
