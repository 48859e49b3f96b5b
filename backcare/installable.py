"""The site as an app on a phone's home screen: its manifest, its service worker (served at
the root, so it looks after every page) and the page shown for an address it cannot reach.

The worker keeps a copy of the site's shell and the published guidance, so "what to do
now" and the warning signs can be read with no connection. Its cache is named after a
version made from guidance's content version and the bytes of the static files it keeps,
so a staff edit or a new release replaces the whole copy.
"""

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from guidance.content_version import ContentVersion
from guidance.models import Article
from journal.forms import QuickLogForm

from .views import SELF_CARE_SLUG

THEME_COLOUR = "#0d6efd"
BACKGROUND_COLOUR = "#ffffff"
ICON_SIZES = (192, 512)

# What every page needs to show, kept by the worker as static files.
SHELL_STATIC = (
    "css/bootstrap-site.min.css",
    "css/site.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/timezone.js",
    "js/forms.js",
    "js/offline-log.js",
    "img/favicon.ico",
    "img/favicon.svg",
    *(f"img/app-icon-{size}.png" for size in ICON_SIZES),
)

# Addresses the worker never keeps a copy of: a person's own records and account.
PRIVATE_PREFIXES = ("/journal/", "/accounts/", "/shared/", "/admin/")


def _icon(size, purpose):
    return {
        "src": static(f"img/app-icon-{size}.png"),
        "sizes": f"{size}x{size}",
        "type": "image/png",
        "purpose": purpose,
    }


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def manifest(request):
    dashboard = reverse("journal:dashboard")
    data = {
        "id": dashboard,
        "name": "BackCare",
        "short_name": "BackCare",
        "description": "Guidance on back muscle spasms, and a private journal to track them.",
        "lang": "en-GB",
        "start_url": dashboard,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "medical"],
        # The icons are full squares with the mark inside the safe circle: good as they
        # are and for any mask a phone puts on them.
        "icons": [_icon(size, purpose) for purpose in ("any", "maskable") for size in ICON_SIZES],
        "shortcuts": [
            {
                "name": "Log it now",
                "short_name": "Log it",
                "description": "Log how bad it is and where, in two taps.",
                "url": f"{dashboard}#quick-log-heading",
                "icons": [_icon(192, "any")],
            }
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@cache
def _static_fingerprint(urls):
    """A digest of the static files' bytes, read once per process (a release restarts it)."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        path = finders.find(name)
        digest.update(name.encode())
        if path:
            with open(path, "rb") as file:
                digest.update(file.read())
    digest.update("\n".join(urls).encode())
    return digest.hexdigest()


def precached_urls():
    """Everything the worker keeps: the shell, the offline page and the guidance."""
    articles = Article.objects.published().in_reading_order().values_list("slug", flat=True)
    return [
        reverse("home"),
        reverse("offline"),
        reverse("guidance:index"),
        *(reverse("guidance:article_detail", args=[slug]) for slug in articles),
        *(static(name) for name in SHELL_STATIC),
    ]


def cache_version(urls):
    content = ContentVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""
    static_part = _static_fingerprint(tuple(urls))
    return hashlib.sha256(f"{content}:{static_part}".encode()).hexdigest()[:16]


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    urls = precached_urls()
    context = {
        "version": cache_version(urls),
        "precache": json.dumps(urls),
        "private_prefixes": json.dumps(PRIVATE_PREFIXES),
        "offline_url": json.dumps(reverse("offline")),
        "dashboard_url": json.dumps(reverse("journal:dashboard")),
        "quick_log_url": json.dumps(reverse("journal:quick_log")),
        "logout_url": json.dumps(reverse("logout")),
        "icon_url": json.dumps(static("img/app-icon-192.png")),
    }
    return render(request, "sw.js", context, content_type="application/javascript")


@require_safe
def offline(request):
    """Shown by the worker for a page it cannot fetch and has no copy of."""
    context = {
        "quick_form": QuickLogForm(),
        "self_care": Article.objects.published().filter(slug=SELF_CARE_SLUG).first(),
        "see_a_doctor": Article.objects.warning_signs_page(),
    }
    return render(request, "offline.html", context)
