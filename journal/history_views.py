"""Looking back: the history and report pages, sharing the report, export and import.

Every view works on `request.user`'s own journal. The range is chosen in
`journal/ranges.py`, the charts built in `journal/history.py`, the report's figures in
`journal/report.py`, and the file formats live in `journal/exports.py` and `journal/fhir.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import login_required_warn_unsaved
from guidance.models import RedFlag, Remedy, Trigger

from . import csv_lines, exports, fhir, imports, sharing
from .blank_forms import blank_form_html
from .caching import cached, journal_state
from .csv_format import COLUMN_HELP
from .forms import ImportForm
from .history import history_charts
from .models import ShareLink
from .qr import qr_svg
from .ranges import CUSTOM, choose_range, describe_range
from .report import report_data
from .share_forms import ShareLinkForm, initial_for


def _for_chosen_range(request, name, compute, params=None):
    """(the chosen range, ``compute``'s result for it): cached until the journal changes.

    The range is the one asked for in ``params``, else in the query string.
    ``compute(user, day_range, tz, today, state)`` works in the person's time zone.
    """
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    choice = choose_range(request.GET if params is None else params, today)
    state = journal_state(request.user)
    result = cached(
        request.user,
        state,
        name,
        (today, choice.day_range),
        lambda: compute(request.user, choice.day_range, tz, today, state),
    )
    return choice, result


@login_required_warn_unsaved
@require_GET
def history(request):
    choice, charts = _for_chosen_range(request, "history", history_charts)
    context = {
        "choice": choice,
        "range_label": describe_range(choice, charts.first_day),
        "charts": charts,
    }
    return render(request, "journal/history.html", context, status=200 if choice.valid else 400)


@login_required_warn_unsaved
@require_GET
def report(request):
    choice, data = _for_chosen_range(request, "report", report_data)
    return _report_page(request, choice, data)


def _report_page(request, choice, data, *, share_form=None, new_link=None, status=None):
    """The person's own report, with the form to share it (and the link just made)."""
    range_label = describe_range(choice, data["totals"].first_day)
    custom_label = range_label if choice.preset == CUSTOM else ""
    if share_form is None:
        share_form = ShareLinkForm(
            initial=initial_for(choice),
            user=request.user,
            today=timezone.localdate(),
            custom_label=custom_label,
        )
    blank_share_form = None
    if not share_form.is_bound:  # the same for everyone shown the same range: kept drawn
        blank_share_form = blank_form_html(
            "journal/includes/share_form_fields.html",
            ShareLinkForm,
            share_form.initial,
            user=None,
            today=None,
            custom_label=custom_label,
        )
    context = {
        **data,
        "choice": choice,
        "range_label": range_label,
        "generated_at": timezone.localtime(),
        "timezone_name": str(timezone.get_current_timezone()),
        "person": request.user,
        "share_form": share_form,
        "blank_share_form": blank_share_form,
        "new_link": new_link,
    }
    if status is None:
        status = 200 if choice.valid else 400
    return render(request, "journal/report.html", context, status=status)


@dataclass(frozen=True)
class NewLink:
    """A link just made: its address is shown this once, never stored."""

    url: str
    link: ShareLink
    range_label: str
    qr_svg: str = ""  # the link as a QR code, when the person asked to print one


@login_required_warn_unsaved
@require_POST
def share_create(request):
    """Make a share link from the report page; the page comes back with it, once."""
    today = timezone.localdate()
    form = ShareLinkForm(request.POST, user=request.user, today=today)
    if not form.is_valid():
        choice, data = _for_chosen_range(request, "report", report_data, request.POST)
        return _report_page(request, choice, data, share_form=form, status=400)
    link, token = sharing.create_link(
        user=request.user,
        range_key=form.range_key,
        day_range=form.day_range(),
        lasts_days=form.cleaned_data["lasts"],
    )
    choice, data = _for_chosen_range(request, "report", report_data, form.range_params())
    url = request.build_absolute_uri(reverse("shared_report", args=[token]))
    new_link = NewLink(
        url,
        link,
        describe_range(choice, data["totals"].first_day),
        qr_svg(url) if form.cleaned_data["qr_code"] else "",
    )
    return _report_page(request, choice, data, new_link=new_link)


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@login_required_warn_unsaved
@require_GET
def export_csv(request):
    response = StreamingHttpResponse(
        csv_lines.csv_file(request.user), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, f"backcare-episodes-{timezone.localdate():%Y-%m-%d}.csv")


@never_cache
@login_required_warn_unsaved
@require_GET
def export_json(request):
    document = exports.export_document(request.user, timezone.get_current_timezone())
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    return _attachment(response, f"backcare-data-{timezone.localdate():%Y-%m-%d}.json")


@never_cache
@login_required_warn_unsaved
@require_GET
def export_fhir(request):
    bundle = fhir.fhir_bundle(request.user, timezone.get_current_timezone())
    response = HttpResponse(
        json.dumps(bundle, indent=2, ensure_ascii=False),
        content_type="application/fhir+json; charset=utf-8",
    )
    return _attachment(response, f"backcare-fhir-{timezone.localdate():%Y-%m-%d}.json")


def import_message(result: imports.ImportResult) -> str:
    return (
        f"Import finished: {result.imported} imported, {result.duplicates} already in your journal."
    )


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def import_episodes(request):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    result = None
    if form.is_bound and form.is_valid():
        result = imports.import_episodes_csv(
            user=request.user,
            raw=form.cleaned_data["file"].read(),
            tz=timezone.get_current_timezone(),
        )
        if result.ok:
            messages.success(request, import_message(result))
            return redirect("journal:episode_list")
    context = {
        "form": form,
        "result": result,
        "columns": COLUMN_HELP,
        "vocabularies": [
            ("Triggers", Trigger.objects.values_list("slug", "name")),
            ("Warning signs (red_flags)", RedFlag.objects.values_list("slug", "name")),
            ("Remedies", Remedy.objects.values_list("slug", "name")),
        ],
    }
    return render(
        request, "journal/import.html", context, status=400 if request.method == "POST" else 200
    )
