from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("guidance/", include("guidance.urls")),
    path("journal/", include("journal.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "BackCare staff"
admin.site.site_title = "BackCare staff"
admin.site.index_title = "Guidance content"
