"""One-click unsubscribe from check-in emails (RFC 8058), by a signed link, no login.

Every check-in email carries the link in its body and in its List-Unsubscribe header.
A mail client's one-click POST (body ``List-Unsubscribe=One-Click``) turns check-in
emails off at once; a person who opens the link gets a page with a button that does
the same.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Profile

SALT = "backcare.accounts.checkin-unsubscribe"
# Old emails' links keep working this long; after that, Settings turns emails off.
LINK_MAX_AGE_SECONDS = 180 * 24 * 60 * 60


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=SALT, compress=True)


def unsubscribe_url(user) -> str:
    return settings.SITE_URL + reverse("checkin_unsubscribe", args=[unsubscribe_token(user)])


def _user_for(token: str):
    try:
        pk = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE_SECONDS)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(pk, int):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


# No CSRF token can be asked of a mail client's one-click POST (RFC 8058): the signed
# token in the address is what authenticates the request, and all it can do is turn
# check-in emails off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def checkin_unsubscribe(request, token):
    user = _user_for(token)
    if user is None:
        return render(request, "accounts/unsubscribe_bad_link.html", status=404)
    if request.method == "POST":
        Profile.objects.filter(user=user).update(checkin_by_email=False)
        return render(request, "accounts/unsubscribe.html", {"done": True})
    return render(request, "accounts/unsubscribe.html", {"done": False, "token": token})
