"""Logging in: refusals made before the password is checked, and the known-device cookie."""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

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


class LoginForm(AuthenticationForm):
    def clean(self):
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
