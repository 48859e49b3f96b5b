"""The home page, which brings the guidance and the journal together, and security.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

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


def security_txt(request):
    """RFC 9116: where to report a security problem, and until when this says so."""
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {settings.SECURITY_TXT_EXPIRES}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
