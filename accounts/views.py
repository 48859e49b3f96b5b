"""Setting a new password, and the account's own settings: time zone, name, "About you",
and deleting everything."""

from axes.utils import reset as reset_failed_logins
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device

from journal import sharing
from journal.personal_views import own_entries
from journal.summaries import journal_changed

from . import at_a_glance, deletion, email_limits, sessions
from .decorators import login_required_warn_unsaved
from .forms import AboutYouForm, CheckinForm, DeleteAccountForm, NameForm, ProfileForm
from .login_limits import forget_failures
from .models import Profile
from .push import push_configured
from .reentry import password_reentry_failed
from .timezones import place_names
from .two_factor import TurnOffForm


class LogoutView(auth_views.LogoutView):
    """Logging out also tells the browser to empty its cache of the site's pages (the
    service worker empties its own copies when it sees the logout go by)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def account_settings(request):
    profile, _ = Profile.objects.get_or_create(user=request.user)
    data = request.POST if request.method == "POST" else None
    # A zone suggested by the "this device is set to ..." note: shown, not saved yet.
    suggested = request.GET.get("timezone", "")
    initial = {"timezone": suggested} if suggested and suggested in place_names() else None
    form = ProfileForm(data, instance=profile, initial=initial)
    name_form = NameForm(data, instance=request.user)
    checkin_form = CheckinForm(data, instance=profile, prefix="checkins")
    if all([form.is_valid(), name_form.is_valid(), checkin_form.is_valid()]):
        with transaction.atomic():
            form.save()
            name_form.save()
            checkin_form.save()
            if "timezone" in form.changed_data:
                # The journal's days are counted in this zone: its summary moves with it.
                journal_changed(request.user.pk)
        messages.success(request, f"Settings saved. Your time zone is {profile.timezone}.")
        return redirect("accounts:account_settings")
    context = {
        "form": form,
        "name_form": name_form,
        "checkin_form": checkin_form,
        "push_devices": request.user.push_subscriptions.all(),
        "push_configured": push_configured(),
        "push_public_key": settings.WEBPUSH_VAPID_PUBLIC_KEY,
        "two_factor_on": user_has_device(request.user),
        "turn_off_form": TurnOffForm(),
        "own": own_entries(request.user),
        **sharing.links_for_settings(request.user),
        "sessions": sessions.sessions_of(request.user),
        "this_session": request.session.session_key,
        "held": at_a_glance.held_counts(request.user),
        **at_a_glance.recent_logins(request.user),
    }
    return render(request, "accounts/settings.html", context)


@login_required_warn_unsaved(after_login="accounts:account_settings")
@require_http_methods(["POST"])
def end_other_sessions(request):
    ended = sessions.end_other_sessions(request.user, keep=request.session.session_key)
    messages.success(
        request,
        f"Logged out everywhere else ({ended} other session{'s' if ended != 1 else ''} ended).",
    )
    return redirect("accounts:account_settings")


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def about_you(request):
    """Optional questions about the person; a yes adds a reason to get help during a bout."""
    profile, _ = Profile.objects.get_or_create(user=request.user)
    form = AboutYouForm(request.POST or None, instance=profile)
    if request.method == "POST" and "skip" in request.POST:
        if profile.about_you_answered_at is None:
            profile.about_you_answered_at = timezone.now()
            profile.save(update_fields=["about_you_answered_at"])
        messages.info(request, "Skipped. You can answer these any time from Settings.")
        return redirect("journal:dashboard")
    if form.is_valid():
        with transaction.atomic():
            profile = form.save()
            profile.about_you_answered_at = timezone.now()
            profile.save(update_fields=["about_you_answered_at"])
            # The assessment reads these answers: nothing computed before may be reused.
            # The episodes' rows do not name them.
            journal_changed(request.user.pk, episodes=())
        count = profile.risk_factors.filter(active=True).count()
        messages.success(
            request,
            "Saved. BackCare will take "
            + (f"your {count} answer{'s' if count != 1 else ''}" if count else "this")
            + " into account during a bout of back pain.",
        )
        return redirect("journal:dashboard")
    return render(request, "accounts/about_you.html", {"form": form, "profile": profile})


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if form.has_error("password", "wrong_password") and password_reentry_failed(request):
        return redirect("login")
    if form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            deletion.account_delete(user=user)
        messages.success(request, "Your account and all of its data have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


class PasswordReset(auth_views.PasswordResetView):
    """Django's reset form, sending no more emails than accounts/email_limits.py allows."""

    def form_valid(self, form):
        if refusal := email_limits.refusal(self.request, form.cleaned_data["email"]):
            form.add_error(None, refusal)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """The emailed link's new-password form. Setting a new password this way also lifts
    a lockout after too many failed logins: the lockout page offers it as the way back in,
    and whoever uses the link has proved they own the account's email."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_failed_logins(username=form.user.get_username())
        forget_failures(form.user.get_username())
        return response
