"""Site-wide response headers: what the browser may use, and what it may store."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header: the site needs no camera, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# Every page in these URL namespaces shows a person's own records or account.
PRIVATE_NAMESPACES = {"journal", "accounts"}


class PrivatePagesMiddleware:
    """Health records are never stored by browsers or proxies.

    Journal and account pages get "no-store", so after logging out the Back button or a
    shared computer's cache cannot bring a journal page back. A page is private by its
    URL namespace, so a new journal or account page is private without a word here.
    Every other page answered to a logged-in person is "private".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match and match.namespaces and match.namespaces[0] in PRIVATE_NAMESPACES:
            add_never_cache_headers(response)
        elif getattr(request, "user", None) and request.user.is_authenticated:
            # Any other page drawn for a logged-in person (their name in the menu, their
            # quick-log form) is theirs alone: a shared cache must not keep it.
            patch_cache_control(response, private=True)
        return response
