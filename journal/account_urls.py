from django.urls import path

from . import account_views

urlpatterns = [
    path("signup/", account_views.signup, name="signup"),
    path("settings/", account_views.account_settings, name="account_settings"),
    path("delete/", account_views.account_delete, name="account_delete"),
]
