"""The home page, which brings the guidance and the journal together; the icons browsers
ask for at the site's root; and security.txt."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from guidance.models import Article, CareThresholds, RedFlag
from journal.forms import QuickLogForm

# What to do now: the article the home page's "In pain right now?" links first.
SELF_CARE_SLUG = "self-care-at-home"


def home(request):
    published = Article.objects.published()
    context = {
        "sections": published.by_section(),
        "thresholds": CareThresholds.current(),
        "emergency_flags": RedFlag.objects.active().filter(urgency=RedFlag.Urgency.EMERGENCY),
        "self_care": published.filter(slug=SELF_CARE_SLUG).first(),
        "see_a_doctor": Article.objects.warning_signs_page(),
        "quick_form": QuickLogForm() if request.user.is_authenticated else None,
    }
    return render(request, "home.html", context)


# Asked for by name at the root (the admin's pages have no icon link, and some browsers and
# apps look there first); the pages link the same files from static/ under hashed names.
ROOT_ICONS = {"favicon.ico": "image/x-icon", "apple-touch-icon.png": "image/png"}


@cache
def _icon_bytes(name):
    return (settings.BASE_DIR / "static" / "img" / name).read_bytes()


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def root_icon(request, name):
    return HttpResponse(_icon_bytes(name), content_type=ROOT_ICONS[name])


def security_txt(request):
    """RFC 9116: where to report a security problem, and until when this says so."""
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {settings.SECURITY_TXT_EXPIRES}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
