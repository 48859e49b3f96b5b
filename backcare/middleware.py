from django.conf import settings


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header: the site needs no camera, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
