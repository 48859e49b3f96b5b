import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_missing_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_expired_form_explains_that_nothing_was_saved(user):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(reverse("journal:quick_log"), {"severity": "5", "location": "lower"})
    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()


def test_server_error_page_needs_no_database_or_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
    assert "emergency number" in html
