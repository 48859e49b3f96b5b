"""Signing up and the account's own settings: time zone, and deleting everything."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .account_forms import DeleteAccountForm, ProfileForm, SignupForm
from .models import Profile


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:dashboard")
    form = SignupForm(request.POST or None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to BackCare. Your journal is ready.")
        return redirect("journal:dashboard")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    profile, _ = Profile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if form.is_valid():
        form.save()
        messages.success(request, f"Time zone saved: {profile.timezone}.")
        return redirect("account_settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            user.delete()  # episodes, remedy uses and the profile go with it (CASCADE)
        messages.success(request, "Your account and all of its data have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
