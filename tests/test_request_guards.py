"""Requests refused before a view reads them: oversized bodies (413) and NUL bytes (400)."""

import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from journal.models import Episode

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 3 * MB
    # The declared length is all that is judged: the 4 MB are never sent or read.
    response = client.generic(
        "POST",
        reverse("login"),
        b"username=alex",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(4 * MB),
    )
    assert response.status_code == 413
    assert "at most 3 MB" in response.content.decode()


def test_a_real_multipart_upload_over_the_limit_is_refused(client, settings):
    settings.MAX_REQUEST_BYTES = 1 * MB
    upload = io.BytesIO(b"x" * (2 * MB))
    upload.name = "big.bin"
    response = client.post(reverse("login"), {"username": "alex", "file": upload})
    assert response.status_code == 413


def test_the_import_page_takes_more_but_not_without_end(user_client, settings):
    settings.MAX_REQUEST_BYTES = 1 * MB
    settings.MAX_IMPORT_REQUEST_BYTES = 4 * MB
    upload = io.BytesIO(b"started_at\n" + b"x" * (3 * MB))
    upload.name = "episodes.csv"
    response = user_client.post(reverse("journal:import"), {"file": upload})
    assert response.status_code != 413
    assert "the limit is 2 MB" in response.content.decode()
    assert not Episode.objects.exists()

    upload = io.BytesIO(b"x" * (5 * MB))
    upload.name = "episodes.csv"
    assert user_client.post(reverse("journal:import"), {"file": upload}).status_code == 413


def _wsgi_post(path, body_chunks, **headers):
    """POST through Django's WSGI handler with a chunked body and no Content-Length,
    as gunicorn hands such a request on."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input": io.BytesIO(b"".join(body_chunks)),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        **headers,
    }
    status = []
    # As Django's test client does: the test's database connection must stay open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(WSGIHandler()(environ, lambda s, headers: status.append(s)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(status[0].split()[0]), body, environ["wsgi.input"]


def test_a_chunked_body_over_the_limit_is_refused_after_reading_no_more_than_the_limit(
    settings,
):
    settings.MAX_REQUEST_BYTES = 1 * MB
    status, _, stream = _wsgi_post(reverse("login"), [b"username=" + b"a" * (3 * MB)])
    assert status == 413
    assert stream.tell() <= 1 * MB + 1


def test_a_small_chunked_body_is_read_as_usual(user, password):
    token = "a" * 32  # the same token in the cookie and the form, as a browser sends it
    body = f"csrfmiddlewaretoken={token}&username={user.username}&password={password}"
    status, _, _ = _wsgi_post(reverse("login"), [body.encode()], HTTP_COOKIE=f"csrftoken={token}")
    assert status == 302  # the form was read, and the password in it was right


@pytest.mark.parametrize(
    "query",
    ["q=%00", "%00=1", "status__exact=%00"],
    ids=["value", "key", "admin-filter"],
)
def test_a_nul_byte_in_a_query_string_is_a_400(client, query):
    response = client.get(f"/guidance/?{query}")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.fixture
def staff_client(client, django_user_model):
    staff = django_user_model.objects.create_superuser("editor", "e@example.com", "x-long-pass-77")
    client.force_login(staff)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/guidance/article/?status__exact=%00",
        "/admin/guidance/article/?q=%00",
        "/admin/autocomplete/?app_label=guidance&model_name=trigger&field_name=article&term=%00",
    ],
    ids=["filter", "search", "autocomplete"],
)
def test_nul_in_admin_filters_and_autocomplete_is_a_400_on_every_database(staff_client, path):
    assert staff_client.get(path).status_code == 400
