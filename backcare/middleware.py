"""Site-wide response headers: what the browser may use, and what it may store."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header: the site needs no camera, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


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
