from django.urls import path

from . import account_views

urlpatterns = [
    path("signup/", account_views.signup, name="signup"),
    path("settings/", account_views.account_settings, name="account_settings"),
    path("delete/", account_views.account_delete, name="account_delete"),
    # Before django.contrib.auth.urls (included after this list), so ours answers.
    path(
        "reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
]
