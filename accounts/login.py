"""Logging in: refusals made before the password is checked, and the known-device cookie."""

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Sum

from . import login_limits

USERNAME_MAX_LENGTH = get_user_model()._meta.get_field("username").max_length


def wait_message(seconds: int, reason: str) -> str:
    minutes = max(1, round(seconds / 60))
    when = f"{minutes} minute{'s' if minutes != 1 else ''}"
    if reason == "address":
        return f"Too many failed logins have come from your network. Please try again in {when}."
    return (
        "Too many wrong passwords have been tried for this username, so logging in to it "
        f"is slowed down. Please try again in {when}, or reset your password. On a device "
        "you have logged in from before, you can log in as usual."
    )


def canonical_username(typed: str) -> str:
    """The account's own spelling of a username typed in any case ("Alice" for "alice")."""
    User = get_user_model()
    if len(typed) > USERNAME_MAX_LENGTH or User.objects.filter(username=typed).exists():
        return typed
    matches = list(
        User.objects.filter(username__iexact=typed).values_list("username", flat=True)[:2]
    )
    return matches[0] if len(matches) == 1 else typed


def _cooloff_minutes() -> int:
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


class LoginForm(AuthenticationForm):
    """Usernames in any case, and a warning when one attempt is left before the lockout.

    The username is put in the account's own spelling before the password is checked, so
    django-axes (per username and address) counts "Alice" and "alice" as one.
    """

    def clean_username(self):
        return canonical_username(self.cleaned_data["username"])

    def _attempts_left(self) -> int | None:
        if not settings.AXES_ENABLED or self.request is None:
            return None
        failures = AccessAttempt.objects.filter(
            username=self.cleaned_data.get("username"),
            ip_address=get_client_ip_address(self.request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        return settings.AXES_FAILURE_LIMIT - (failures or 0)

    def clean(self):
        try:
            return self._checked()
        except ValidationError as error:
            if error.code == "invalid_login" and self._attempts_left() == 1:
                self.add_error(
                    None,
                    "One attempt left: after one more wrong password, logging in is locked "
                    f"for {_cooloff_minutes()} minutes. Forgotten your password? Reset it instead.",
                )
            raise

    def _checked(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > USERNAME_MAX_LENGTH:
            # No account has such a name: answered as any wrong login, before axes or the
            # database ever see it.
            login_limits.record_failure(self.request, None)
            raise self.get_invalid_login_error()
        if username and (wait := login_limits.seconds_to_wait(self.request, username)):
            raise ValidationError(wait_message(*wait), code="slowed")
        return super().clean()


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        login_limits.remember_device(self.request, response, form.get_user().get_username())
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "slowed"):
            response.status_code = 429
        return response
