"""Signing up without telling anyone who has an account.

Every valid sign-up gets the same page ("check your email") and one email, and does the
same work (one password hash) whatever the answer:

- a new address and a free username: an account waiting for confirmation, and a link
  that opens it (the person types the password they chose, so a link sent to someone
  who never signed up opens nothing);
- an address an account already uses: "you already have an account", with the ways in;
- a username that is taken, or looks like one that is: a free one to try instead.
"""

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.http import require_http_methods

from . import email_limits, login_limits
from .confusables import skeleton
from .consent import consent_values
from .forms import SignupForm
from .login import wait_message
from .models import Profile

User = get_user_model()


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """Like a reset link, and dead once the account is open (is_active is in its hash)."""

    key_salt = "accounts.signup.SignupTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


signup_tokens = SignupTokenGenerator()


def _waiting(users):
    """Accounts made by a sign-up and never confirmed."""
    return users.filter(is_active=False, is_staff=False, last_login__isnull=True)


def drop_expired_signups() -> int:
    """Delete accounts whose confirmation link has run out; how many went."""
    cutoff = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return (
        _waiting(User.objects.filter(date_joined__lt=cutoff)).delete()[1].get(User._meta.label, 0)
    )


def username_unavailable(username: str) -> bool:
    if User.objects.filter(username__iexact=username).exists():
        return True
    wanted = skeleton(username)
    return any(
        skeleton(name) == wanted
        for name in User.objects.values_list("username", flat=True).iterator()
    )


def free_username_like(username: str) -> str:
    base = username[: User._meta.get_field("username").max_length - 5]
    while True:
        candidate = f"{base}{secrets.randbelow(9000) + 1000}"
        if not username_unavailable(candidate):
            return candidate


def _send(request, email, template, context):
    context = {
        **context,
        "site": request.build_absolute_uri("/").rstrip("/"),
        "login_url": request.build_absolute_uri(reverse("login")),
        "reset_url": request.build_absolute_uri(reverse("password_reset")),
        "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject, _, body = render_to_string(template, context).partition("\n")
    send_mail(subject.strip(), body.lstrip(), None, [email])


@transaction.atomic
def start_signup(request, form):
    """Answer a valid sign-up by email; the page shown is the same in every case."""
    data = form.cleaned_data
    email, username = data["email"], data["username"]
    drop_expired_signups()
    # Signing up again before confirming starts over.
    _waiting(User.objects.filter(email__iexact=email)).delete()
    if User.objects.filter(email__iexact=email).exists():
        make_password(data["password1"])  # the same work as making an account
        _send(request, email, "registration/signup_email_known.txt", {})
    elif username_unavailable(username):
        make_password(data["password1"])
        _send(
            request,
            email,
            "registration/signup_email_username_taken.txt",
            {"username": username, "suggestion": free_username_like(username)},
        )
    else:
        user = form.save(commit=False)  # hashes the password
        user.is_active = False
        user.save()
        Profile.objects.update_or_create(
            user=user, defaults={"timezone": data["timezone"], **consent_values()}
        )
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        link = reverse("signup_confirm", args=[uid, signup_tokens.make_token(user)])
        _send(
            request,
            email,
            "registration/signup_email_confirm.txt",
            {"username": username, "link": request.build_absolute_uri(link)},
        )


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:dashboard")
    form = SignupForm(request.POST or None)
    if form.is_valid():
        if refusal := email_limits.refusal(request, form.cleaned_data["email"]):
            form.add_error(None, refusal)
            return render(request, "registration/signup.html", {"form": form}, status=429)
        start_signup(request, form)
        return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


def signup_sent(request):
    return render(request, "registration/signup_sent.html")


class ConfirmForm(forms.Form):
    password = forms.CharField(
        label="The password you chose",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _waiting_user(uidb64, token):
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = _waiting(User.objects.filter(pk=pk)).first()
    return user if user and signup_tokens.check_token(user, token) else None


@require_http_methods(["GET", "POST"])
def signup_confirm(request, uidb64, token):
    user = _waiting_user(uidb64, token)
    if user is None:
        return render(request, "registration/signup_confirm.html", {"valid": False}, status=404)
    form = ConfirmForm(request.POST or None)
    status = 200
    if form.is_valid():
        if wait := login_limits.seconds_to_wait(request, user.username):
            form.add_error(None, wait_message(*wait))
            status = 429
        elif not user.check_password(form.cleaned_data["password"]):
            login_limits.record_failure(request, user.username)
            form.add_error("password", "That is not the password chosen at sign-up.")
            status = 400
        else:
            user.is_active = True
            user.save(update_fields=["is_active"])
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to BackCare. Your journal is ready.")
            response = redirect("journal:dashboard")
            login_limits.remember_device(request, response, user.username)
            return response
    context = {"valid": True, "form": form, "username": user.username}
    return render(request, "registration/signup_confirm.html", context, status=status)
