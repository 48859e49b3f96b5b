"""Deleting an account leaves no row in any table that names the person."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journal.models import Episode, PersonalRemedy, PersonalRemedyUse, PersonalTrigger

pytestmark = pytest.mark.django_db

NAME = "quokka-delete-me"


def rows_naming(username) -> dict[str, int]:
    """Every table and column whose text holds the username, with the count of rows."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                quoted = connection.ops.quote_name
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted(table)} "
                    f"WHERE LOWER(CAST({quoted(column.name)} AS TEXT)) LIKE %s",
                    [f"%{username.lower()}%"],
                )
                if count := cursor.fetchone()[0]:
                    found[f"{table}.{column.name}"] = count
    return found


def rows_pointing_at(user_id) -> dict[str, int]:
    """Every foreign key to the user model, in every installed model, holding the id."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target._meta.label == settings.AUTH_USER_MODEL:
                count = model._base_manager.filter(**{field.attname: user_id}).count()
                if count:
                    found[f"{model._meta.db_table}.{field.column}"] = count
    return found


def sessions_of(user_id) -> int:
    return sum(
        1
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    )


def test_deleting_an_account_deletes_every_row_that_names_the_person(
    settings, make_user, password, other_user
):
    settings.AXES_ENABLED = True
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    person = make_user(NAME)
    phone, laptop = Client(), Client()
    phone.post(reverse("login"), {"username": NAME, "password": "wrong"})
    phone.post(reverse("login"), {"username": NAME.upper(), "password": "wrong"})
    phone.post(reverse("login"), {"username": NAME, "password": password})
    laptop.post(reverse("login"), {"username": NAME, "password": password})
    episode = Episode.objects.create(
        user=person, started_at=timezone.now(), severity=5, location="lower"
    )
    # Their own trigger and remedy, named so that the scan would find them if left.
    episode.personal_triggers.add(PersonalTrigger.objects.create(user=person, name=f"{NAME} t"))
    PersonalRemedyUse.objects.create(
        episode=episode,
        remedy=PersonalRemedy.objects.create(user=person, name=f"{NAME} r"),
        effect=2,
    )
    Episode.objects.create(user=other_user, started_at=timezone.now(), severity=5, location="lower")
    assert rows_naming(NAME)  # the scan finds what there is to find
    assert rows_pointing_at(person.pk)
    assert sessions_of(person.pk) == 2

    response = phone.post(reverse("accounts:account_delete"), {"password": password}, follow=True)

    assert "have been deleted" in response.content.decode()
    assert rows_naming(NAME) == {}
    assert rows_pointing_at(person.pk) == {}
    assert sessions_of(person.pk) == 0
    assert laptop.get(reverse("journal:dashboard")).status_code == 302  # logged out there too
    assert Episode.objects.filter(user=other_user).count() == 1
