"""Addresses under /accounts/: a person's own pages, signing up and the reset link."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import consent, push_views, signup, two_factor, unsubscribe, views
from .login import LoginView
from .reentry import PasswordChange

app_name = "accounts"

# A logged-in person's own pages. Being in the "accounts" namespace is what keeps them
# out of browsers' caches (backcare.middleware.PrivatePagesMiddleware).
urlpatterns = [
    path("settings/", views.account_settings, name="account_settings"),
    path("settings/sessions/end-others/", views.end_other_sessions, name="end_other_sessions"),
    path("settings/devices/", push_views.push_subscribe, name="push_subscribe"),
    path(
        "settings/devices/<int:pk>/remove/",
        push_views.push_device_remove,
        name="push_device_remove",
    ),
    path("consent/", consent.consent, name="consent"),
    path("about-you/", views.about_you, name="about_you"),
    path("delete/", views.account_delete, name="account_delete"),
    path("two-factor/", two_factor.verify, name="two_factor_verify"),
    path("two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path("two-factor/off/", two_factor.turn_off, name="two_factor_off"),
    path("password_change/", PasswordChange.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

# Pages for anyone, outside the namespace like the rest of django.contrib.auth.urls.
public_urlpatterns = [
    # Included before django.contrib.auth.urls, so ours answers.
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("signup/", signup.signup, name="signup"),
    path("signup/sent/", signup.signup_sent, name="signup_sent"),
    path("signup/confirm/<uidb64>/<token>/", signup.signup_confirm, name="signup_confirm"),
    path(
        "checkins/unsubscribe/<str:token>/",
        unsubscribe.checkin_unsubscribe,
        name="checkin_unsubscribe",
    ),
    path("password_reset/", views.PasswordReset.as_view(), name="password_reset"),
    # Included before django.contrib.auth.urls, so ours answers.
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
]
