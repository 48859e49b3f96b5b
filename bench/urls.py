"""The site's URLs plus the floor view the benchmark compares every page with."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    # The cheapest page the site could serve a logged-in person: same middleware,
    # same base layout, no content of its own.
    return render(request, "base.html", {})


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("backcare.urls")),
]
