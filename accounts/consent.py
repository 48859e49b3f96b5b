"""Consent to store health information: asked at signup, and once of people who signed
up before it was asked (or before a notice change that needs it again)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .decorators import login_required_warn_unsaved
from .models import Profile
from .privacy import CONSENT_VERSION, NOTICE

CONSENT_LABEL = (
    "I agree that BackCare may store the health information I enter, as the privacy notice says."
)
CONSENT_REQUIRED = (
    "To create an account, tick the box to agree that BackCare may store your health "
    "information. Without it BackCare cannot keep your journal."
)

# The pages that show or hold a person's health records; the downloads stay open, so
# someone who does not agree can still take their data before deleting it.
GATED_NAMESPACES = {"journal"}
OPEN_VIEWS = {"journal:export_csv", "journal:export_json", "journal:export_fhir"}


def consent_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=CONSENT_LABEL,
        required=True,
        initial=False,
        error_messages={"required": CONSENT_REQUIRED},
    )


def consent_values(now=None) -> dict:
    """The Profile fields that record agreeing to the current notice."""
    return {
        "health_data_consent_at": now or timezone.now(),
        "health_data_consent_version": NOTICE.version,
    }


def record_consent(user, now=None) -> None:
    # Through user.profile, so a profile already loaded with the user says so too.
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        profile = Profile(user=user)
    for name, value in consent_values(now).items():
        setattr(profile, name, value)
    profile.save()


def has_consented(version: int | None) -> bool:
    return version is not None and version >= CONSENT_VERSION


class HealthDataConsentMiddleware:
    """Journal pages wait until their owner has agreed to the current notice.

    The version agreed to is read by UserTimezoneMiddleware with the time zone, in the
    query it makes anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not (match and match.namespaces[:1] and match.namespaces[0] in GATED_NAMESPACES):
            return None
        if match.view_name in OPEN_VIEWS or not request.user.is_authenticated:
            return None
        if not hasattr(request, "health_data_consent_version"):
            request.health_data_consent_version = (
                Profile.objects.filter(user=request.user)
                .values_list("health_data_consent_version", flat=True)
                .first()
            )
        if has_consented(request.health_data_consent_version):
            return None
        back_to = (
            request.get_full_path() if request.method == "GET" else reverse("journal:dashboard")
        )
        return redirect(f"{reverse('accounts:consent')}?next={back_to}")


def _safe_next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("journal:dashboard")


class ConsentForm(forms.Form):
    consent_health_data = consent_field()


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def consent(request):
    """Agree, or decline and be offered your data and the way to delete the account."""
    declined = request.method == "POST" and "decline" in request.POST
    form = ConsentForm(request.POST if request.method == "POST" and not declined else None)
    if form.is_valid():
        record_consent(request.user)
        messages.success(request, "Thank you. Your journal is open.")
        return redirect(_safe_next(request))
    context = {"form": form, "declined": declined, "next": _safe_next(request), "notice": NOTICE}
    return render(request, "accounts/consent.html", context)
