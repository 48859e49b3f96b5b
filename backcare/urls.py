"""The site's addresses: each app's URLs under its own prefix."""

from django.contrib import admin
from django.urls import include, path

from accounts import privacy
from accounts import urls as account_urls
from journal import urls as journal_urls

from . import installable, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.root_icon, {"name": "favicon.ico"}),
    path("apple-touch-icon.png", views.root_icon, {"name": "apple-touch-icon.png"}),
    path("manifest.webmanifest", installable.manifest, name="manifest"),
    path("sw.js", installable.service_worker, name="service_worker"),
    path("offline/", installable.offline, name="offline"),
    path("privacy/", privacy.privacy_notice, name="privacy"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("guidance/", include("guidance.urls")),
    path("journal/", include("journal.urls")),
    path("shared/", include(journal_urls.public_urlpatterns)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(account_urls.public_urlpatterns)),
    # The account pages' names from before they had a namespace ("account_settings"),
    # for reversing only: the namespaced patterns above answer every request.
    path("accounts/", include(account_urls.urlpatterns)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "BackCare staff"
admin.site.site_title = "BackCare staff"
admin.site.index_title = "Guidance content"
