import zoneinfo

from django.utils import timezone

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
