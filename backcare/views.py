"""The home page: the one page that brings the guidance and the journal together."""

from django.shortcuts import render

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
