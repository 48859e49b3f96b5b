import pytest
from django.contrib.auth.models import Group

CONTENT_EDITORS = "Content editors"


@pytest.fixture
def editor(make_user):
    """A staff member in the "Content editors" group the migration creates."""
    person = make_user("editor", is_staff=True, first_name="Jo", last_name="Editor")
    person.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return person


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
