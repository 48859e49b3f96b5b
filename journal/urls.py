"""The journal's addresses: the person's own, in the private "journal" namespace, and the
public address of a shared report."""

from django.urls import path

from . import checkin_views, history_views, personal_views, share_views, views

app_name = "journal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("log-now/", views.quick_log, name="quick_log"),
    path("check-in/", checkin_views.checkin, name="checkin"),
    path("episodes/", views.episode_list, name="episode_list"),
    path("episodes/new/", views.episode_create, name="episode_create"),
    path("episodes/<int:pk>/", views.episode_detail, name="episode_detail"),
    path("episodes/<int:pk>/edit/", views.episode_update, name="episode_update"),
    path("episodes/<int:pk>/delete/", views.episode_delete, name="episode_delete"),
    path("episodes/<int:pk>/end/", views.episode_end, name="episode_end"),
    path("episodes/<int:pk>/readings/", views.reading_add, name="reading_add"),
    path(
        "episodes/<int:pk>/warning-signs/",
        views.episode_warning_signs,
        name="episode_warning_signs",
    ),
    path("episodes/<int:pk>/remedies/", views.episode_remedies, name="episode_remedies"),
    path("history/", history_views.history, name="history"),
    path("report/", history_views.report, name="report"),
    path("report/share/", history_views.share_create, name="share_create"),
    path("share/<int:pk>/stop/", share_views.share_stop, name="share_stop"),
    path("export/episodes.csv", history_views.export_csv, name="export_csv"),
    path("export/data.json", history_views.export_json, name="export_json"),
    path("export/fhir.json", history_views.export_fhir, name="export_fhir"),
    path("import/", history_views.import_episodes, name="import"),
    # A person's own triggers and remedies, changed from Settings; kind: triggers, remedies.
    path("own/<str:kind>/<int:pk>/rename/", personal_views.rename, name="own_rename"),
    path("own/<str:kind>/<int:pk>/retire/", personal_views.retire, name="own_retire"),
    path("own/<str:kind>/<int:pk>/restore/", personal_views.restore, name="own_restore"),
]

# Under /shared/, outside the namespace: no login. Any path below it reaches the view, so
# every kind of bad token gets the same answer.
public_urlpatterns = [
    path("<path:token>/", share_views.shared_report, name="shared_report"),
]
