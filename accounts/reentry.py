"""A logged-in person typing their password again (to change it, or to delete the account):
wrong tries count with the login limits, and five end the session."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.urls import reverse_lazy

MAX_REENTRY_FAILURES = 5
SESSION_KEY = "password_reentry_failures"
LOGGED_OUT = (
    "You were logged out after {count} wrong passwords. Log in again, or reset your "
    "password if you have forgotten it."
)


def password_reentry_failed(request) -> bool:
    """Count one wrong password from a logged-in person; True once the session is ended.

    Sent as a failed login, so django-axes and the login limits count it as one.
    """
    user_login_failed.send(
        sender=__name__,
        credentials={"username": request.user.get_username()},
        request=request,
    )
    failures = request.session.get(SESSION_KEY, 0) + 1
    if failures >= MAX_REENTRY_FAILURES:
        logout(request)
        messages.error(request, LOGGED_OUT.format(count=failures))
        return True
    request.session[SESSION_KEY] = failures
    return False


class PasswordChange(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")

    def form_invalid(self, form):
        if form.has_error("old_password") and password_reentry_failed(self.request):
            return redirect("login")
        return super().form_invalid(form)
