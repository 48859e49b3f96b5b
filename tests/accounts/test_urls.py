"""Account addresses: private by their namespace, the same paths and names as ever."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OWN_PAGES = {
    "account_settings": "/accounts/settings/",
    "account_delete": "/accounts/delete/",
    "password_change": "/accounts/password_change/",
    "password_change_done": "/accounts/password_change/done/",
}


@pytest.mark.parametrize(("name", "path"), OWN_PAGES.items(), ids=OWN_PAGES.keys())
def test_own_pages_keep_their_paths_and_their_names_from_before_the_namespace(name, path):
    assert reverse(f"accounts:{name}") == path
    assert reverse(name) == path


@pytest.mark.parametrize("path", OWN_PAGES.values(), ids=OWN_PAGES.keys())
def test_own_pages_are_never_stored_by_browsers(user_client, path):
    response = user_client.get(path)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_own_pages_are_answered_in_the_accounts_namespace(user_client):
    match = user_client.get("/accounts/settings/").resolver_match
    assert match.namespaces == ["accounts"]


@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/password_reset/"])
def test_pages_for_anyone_are_not_marked_private(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
