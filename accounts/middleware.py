"""Times are shown, and days counted, in the logged-in person's own time zone."""

import zoneinfo

from django.utils import timezone

from .models import Profile


class UserTimezoneMiddleware:
    """Activate the person's time zone for the request; the server's for anyone else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        if request.user.is_authenticated:
            # The consent gate (accounts/consent.py) reads the version agreed to from
            # this same row, so a journal page costs no extra query for it.
            name, request.health_data_consent_version = Profile.objects.filter(
                user=request.user
            ).values_list("timezone", "health_data_consent_version").first() or (None, None)
        if name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The zone belongs to this request only: the next one on this thread starts afresh.
            timezone.deactivate()
