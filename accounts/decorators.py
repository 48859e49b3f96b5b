"""Pages for logged-in people, with a clear way back for anyone whose session ended."""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse

SESSION_ENDED = (
    "You had been logged out, so what you sent was not saved. Log in, then please enter it again."
)

SIGN_IN_TO_SEND = "Log in to send the logs kept on this phone."


def wants_json(request) -> bool:
    """A script asking for a JSON answer rather than a page (the offline log's sender)."""
    return "application/json" in request.headers.get("Accept", "")


def login_required_warn_unsaved(view=None, *, after_login: str | None = None):
    """Django's login_required, and a form sent after the session ended is never lost
    without a word: the person is told it was not saved.

    After logging in they come back to the page they were on, or to `after_login` (a URL
    name) for views that only take POST, whose own address would refuse the visit.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if wants_json(request):
                # Nothing is lost: the script keeps what it sent, to send after login.
                return JsonResponse({"message": SIGN_IN_TO_SEND}, status=401)
            if request.method == "POST":
                messages.warning(request, SESSION_ENDED)
            back_to = reverse(after_login) if after_login else request.get_full_path()
            return redirect_to_login(back_to)

        return wrapped

    return decorator(view) if view is not None else decorator
