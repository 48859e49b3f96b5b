"""Two-step login with django-otp: a code from an authenticator app (TOTP), or a one-time
recovery code. Staff must use it for the admin; anyone may turn it on in Settings.

After the password, a person with a second factor is asked for a code before any page
but this one; a staff member without one is sent to set it up before the admin.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .decorators import login_required_warn_unsaved
from .reentry import password_reentry_failed

RECOVERY_CODES = 10
# Set at login: this session still owes a code (the person has a second factor).
CODE_OWED = "two_factor_code_owed"


@receiver(user_logged_in)
def note_code_owed(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[CODE_OWED] = user_has_device(user)


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class TwoFactorMiddleware:
    """Send a logged-in, not yet verified person to the code page or the set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            path = request.path_info
            free = path.startswith(("/accounts/two-factor/", "/static/")) or path in {
                reverse("logout"),
                reverse("admin:logout"),
            }
            if not free:
                back = f"?next={request.get_full_path()}"
                if request.session.get(CODE_OWED):
                    return redirect(reverse("two_factor_verify") + back)
                if (
                    user.is_staff
                    and settings.TWO_FACTOR_REQUIRED_FOR_STAFF
                    and path.startswith("/admin/")
                ):
                    return redirect(reverse("two_factor_setup") + back)
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def verify(request):
    next_url = _safe_next(request, reverse("journal:dashboard"))
    if request.user.is_verified() or not user_has_device(request.user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            request.session[CODE_OWED] = False
            return redirect(next_url)
        if password_reentry_failed(request):
            return redirect("login")
        form.add_error("code", "That code is not right. Codes change every 30 seconds.")
    status = 400 if form.errors else 200
    context = {"form": form, "next": next_url}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


def _qr_svg(device):
    return segno.make(device.config_url, micro=False).svg_inline(
        scale=4, dark="#000", light="#fff", title="QR code for your authenticator app"
    )


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def setup(request):
    if user_has_device(request.user):
        messages.info(request, "Two-step login is already on.")
        return redirect("accounts:account_settings")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            with transaction.atomic():
                device.confirmed = True
                device.save()
                recovery = StaticDevice.objects.create(user=request.user, name="Recovery codes")
                codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
                recovery.token_set.bulk_create(
                    [StaticToken(device=recovery, token=code) for code in codes]
                )
            otp_login(request, device)
            request.session[CODE_OWED] = False
            next_url = _safe_next(request, reverse("accounts:account_settings"))
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url}
            )
        form.add_error("code", "That code is not right. Check the app and try the new one.")
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "key": device.config_url.split("secret=")[1].split("&")[0],
        "next": _safe_next(request, ""),
    }
    return render(
        request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200
    )


class TurnOffForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


@login_required_warn_unsaved
@require_POST
def turn_off(request):
    if request.user.is_staff and settings.TWO_FACTOR_REQUIRED_FOR_STAFF:
        messages.error(request, "Staff need two-step login for the admin, so it stays on.")
        return redirect("accounts:account_settings")
    form = TurnOffForm(request.POST)
    if form.is_valid() and request.user.check_password(form.cleaned_data["password"]):
        for device in devices_for_user(request.user, confirmed=None):
            device.delete()
        messages.success(request, "Two-step login is off.")
    elif not password_reentry_failed(request):
        messages.error(request, "That password is not right. Two-step login is still on.")
    else:
        return redirect("login")
    return redirect("accounts:account_settings")
