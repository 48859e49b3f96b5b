import zoneinfo

from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .models import Profile


class UserTimezoneMiddleware:
    """Show times, and count days, in the logged-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        if request.user.is_authenticated:
            name = (
                Profile.objects.filter(user=request.user).values_list("timezone", flat=True).first()
            )
        if name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


PRIVATE_URL_NAMES = {
    "account_settings",
    "account_delete",
    "password_change",
    "password_change_done",
}


class PrivatePagesMiddleware:
    """Health records are never stored by browsers or proxies.

    Journal and account pages get "no-store", so after logging out the Back button or a
    shared computer's cache cannot bring a journal page back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match and (match.namespace == "journal" or match.url_name in PRIVATE_URL_NAMES):
            add_never_cache_headers(response)
        return response
