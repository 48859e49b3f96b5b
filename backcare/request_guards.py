"""Requests refused before any view reads them: bodies that are too big, NUL bytes in
query strings."""

import io

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.handlers.wsgi import LimitedStream
from django.shortcuts import render
from django.urls import reverse


def body_limit(path: str) -> int:
    """The most bytes a request body to `path` may hold: the import page may take more."""
    if path == reverse("journal:import"):
        return settings.MAX_IMPORT_REQUEST_BYTES
    return settings.MAX_REQUEST_BYTES


def too_large(request, limit):
    return render(
        request,
        "413.html",
        {"limit_mb": f"{limit / 1024 / 1024:g}"},
        status=413,
    )


class RequestSizeLimitMiddleware:
    """Refuse a body over the limit with 413 before anything reads it.

    Django would spool a large upload to disk before a view could look at it. A body
    with a Content-Length is judged by that header alone. A chunked body has none, so
    at most one byte more than the limit is read to judge it, and a body within the
    limit is handed on to Django as if it had come with its length.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path)
        declared = request.META.get("CONTENT_LENGTH")
        if declared:
            try:
                length = int(declared)
            except ValueError:
                raise BadRequest("The Content-Length header is not a number.") from None
            if length > limit:
                return too_large(request, limit)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            stream = request.environ.get("wsgi.input")
            body = stream.read(limit + 1) if stream is not None else b""
            if len(body) > limit:
                return too_large(request, limit)
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = LimitedStream(io.BytesIO(body), len(body))
        return self.get_response(request)


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )


class RejectNulBytesMiddleware:
    """A NUL byte in a query string is a 400, never a database error.

    PostgreSQL cannot store or compare text holding NUL ("\\x00"), so an admin filter or
    search term carrying one failed with a DataError and a 500. No address on the site
    has a use for it. Posted forms need no help: Django's text fields refuse NUL with a
    message beside the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            raise BadRequest("A NUL byte in the request.")
        return self.get_response(request)
