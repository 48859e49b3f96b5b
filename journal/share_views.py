"""A shared report as a clinician opens it (no login), and stopping a link.

The shared page is the person's report (the same template) for the link's range only,
read as of the range's last day in the person's own time zone, so nothing logged outside
those days shows. Every answer under /shared/, the report, the 404 and the 429 alike, is
kept out of caches, search engines and Referer headers: the address is the secret.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import login_required_warn_unsaved

from . import open_limits, sharing
from .assessment_inputs import user_timezone
from .caching import cached, journal_state
from .history import history_charts
from .models import ShareLink
from .periods import DayRange
from .ranges import describe_days
from .report import report_data


def _private(response):
    add_never_cache_headers(response)  # Cache-Control: ..., no-store, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _not_found(request):
    # The site's own 404, the same for every way a token can fail.
    return _private(render(request, "404.html", status=404))


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


@require_GET
def shared_report(request, token):
    opening = open_limits.count_opening(request)
    if not opening.allowed:
        response = render(request, "journal/shared_too_many.html", status=429)
        response["Retry-After"] = str(opening.retry_after)
        return _private(response)
    link = sharing.find_usable_link(token)
    if link is None:
        return _not_found(request)
    sharing.record_opening(link)
    owner = link.user
    tz = user_timezone(owner)
    day_range = DayRange(link.first_day, link.last_day)
    # As of the range's last day: bouts, the assessment and "ongoing" stop there.
    today = link.last_day
    state = journal_state(owner)
    data = cached(
        owner,
        state,
        "report",
        (today, day_range),
        lambda: report_data(owner, day_range, tz, today, state),
    )
    charts = cached(
        owner,
        state,
        "history",
        (today, day_range),
        lambda: history_charts(owner, day_range, tz, today, state),
    )
    with timezone.override(tz):
        context = {
            **data,
            "shared": True,
            "person": owner,
            "shared_by": person_name(owner),
            "shared_until": timezone.localtime(link.expires_at),
            "range_label": describe_days(day_range, data["totals"].first_day),
            "assessment_day": today,
            "charts": charts,
            "generated_at": timezone.localtime(),
            "timezone_name": str(tz),
        }
        response = render(request, "journal/report.html", context)
    return _private(response)


@login_required_warn_unsaved
@require_POST
def share_stop(request, pk):
    link = get_object_or_404(ShareLink.objects.for_user(request.user), pk=pk)
    sharing.stop_link(link)
    messages.success(request, "Stopped. That link no longer opens your report.")
    return redirect("accounts:account_settings")
