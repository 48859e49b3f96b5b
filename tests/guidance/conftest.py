import pytest
from django.contrib.auth.models import Group

from guidance.models import StaffProfile

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


CLINICAL_REVIEWERS = "Clinical reviewers"


@pytest.fixture
def clinician(make_user):
    """A member of the "Clinical reviewers" group, with credentials on their staff profile."""
    person = make_user("asmith", is_staff=True, first_name="Anna", last_name="Smith")
    person.groups.add(Group.objects.get(name=CLINICAL_REVIEWERS))
    StaffProfile.objects.create(user=person, credentials="GP")
    return person


@pytest.fixture
def clinician_client(client, clinician):
    client.force_login(clinician)
    return client


@pytest.fixture
def article_form():
    """article_form(article, **changes) -> the admin change form's data for ``article``."""

    def data(article, **changes):
        return {
            "title": article.title,
            "slug": article.slug,
            "section": article.section,
            "order": article.order,
            "status": article.status,
            "summary": article.summary,
            "body": article.body,
            "sources": article.sources,
            "last_reviewed": article.last_reviewed.isoformat(),
            "next_review_due": article.next_review_due.isoformat(),
        } | changes

    return data
