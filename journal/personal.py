"""A person's own triggers and remedies: what a name may be, and finding one by name.

Names are matched whatever their case ("Gardening" and "gardening" are one entry), in
Python with ``str.casefold`` over the person's few entries, so SQLite and PostgreSQL
agree; the database's unique (user, lower(name)) constraint is the backstop.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import PERSONAL_NAME_MAX_LENGTH, PersonalRemedy, PersonalTrigger

# In the CSV a person's own entry is written "own:Name" among the reviewed slugs, and
# ";" separates the entries, so a name may not hold one (":" is fine: the prefix is
# taken off the front, and a remedy's effect off the end).
OWN_PREFIX = "own:"
FORBIDDEN_IN_NAME = ";"

NOUNS = {PersonalTrigger: "trigger", PersonalRemedy: "remedy"}


def clean_name(value: str, noun: str) -> str:
    """A name as it is kept: spaces collapsed; refused with a message saying why."""
    name = " ".join((value or "").split())
    if not name:
        raise ValidationError(f"Type a name for your {noun}.", code="blank")
    if len(name) > PERSONAL_NAME_MAX_LENGTH:
        raise ValidationError(
            f"Keep the name of your {noun} to {PERSONAL_NAME_MAX_LENGTH} characters "
            f"(it has {len(name)}).",
            code="too_long",
        )
    if FORBIDDEN_IN_NAME in name:
        raise ValidationError(
            f"A name cannot contain a semicolon (;). Use a comma instead: "
            f"“{name.replace(';', ',')}”.",
            code="semicolon",
        )
    # Line breaks are spaces by now (split() above); other control characters are refused.
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise ValidationError(
            f"The name of your {noun} has a character that cannot be shown, such as a "
            "line break. Type it on one line.",
            code="control",
        )
    return name


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def find_by_name(entries, name: str):
    """The entry among `entries` with this name, whatever its case, or None."""
    return next((entry for entry in entries if same_name(entry.name, name)), None)


def find_or_add(model, *, user, name: str, restore: bool = True):
    """The person's own entry called `name` (any case), added if new, and restored if
    retired unless told not to.

    Typing a retired one again under "Other" means it is in use again; an imported file
    naming it on old episodes does not (``restore=False``). Call it inside the
    transaction that links the entry to an episode.
    """
    entries = list(model.objects.for_user(user))
    entry = find_by_name(entries, name)
    if entry is None:
        try:
            with transaction.atomic():
                return model.objects.create(user=user, name=name)
        except IntegrityError:
            # The same name added a moment ago from another device.
            entry = find_by_name(model.objects.for_user(user), name)
            if entry is None:
                raise
    if restore and not entry.active:
        entry.active = True
        entry.save(update_fields=["active"])
    return entry


def name_taken(model, *, user, name: str, exclude_pk=None) -> bool:
    return any(
        same_name(other, name)
        for other in model.objects.for_user(user)
        .exclude(pk=exclude_pk)
        .values_list("name", flat=True)
    )


def own_cell_item(name: str) -> str:
    """How a person's own entry is named in the CSV: own:Name."""
    return f"{OWN_PREFIX}{name}"
