"""The home page: the one page that brings the guidance and the journal together; and the
icons browsers ask for at the site's root."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
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
