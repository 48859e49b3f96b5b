"""Addresses under /guidance/."""

from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.article_index, name="index"),
    path("<slug:slug>/", views.article_detail, name="article_detail"),
]
