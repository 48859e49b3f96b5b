"""Chart.js is heavy for a phone: only pages with a chart ask for it, through the loader
(static/journal/charts.js) that fetches it as a chart nears the screen. Every script is
deferred, so none holds up the first paint, but the time-zone note's: that one runs where
it stands, so the note, when it shows, pushes nothing down (includes/timezone_note.html)."""

import datetime
import re

import pytest
from django.utils import timezone

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc=[^>]*>")
CHART_LOADER = re.compile(
    r'<script defer src="/static/journal/charts\.js" '
    r'data-chartjs="/static/vendor/chartjs/chart\.umd\.min\.js"></script>'
)


def scripts_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    tags = SCRIPT_TAG.findall(html)
    assert tags and all(
        re.search(r"\sdefer[\s>]", tag) or "/js/timezone.js" in tag for tag in tags
    ), tags
    return html, tags


def assert_no_chartjs(client, urls):
    for url in urls:
        html, _tags = scripts_of(client, url)
        assert "chart.umd" not in html, url
        assert "charts.js" not in html, url


def test_pages_without_a_chart_do_not_load_chartjs(client, user):
    # One episode with one reading: no course of the pain to draw on its page.
    episode = EpisodeFactory(user=user, started_at=timezone.now() - datetime.timedelta(hours=3))
    anonymous = ["/", "/guidance/", "/accounts/login/", "/accounts/signup/", "/privacy/"]
    journal = ["/", "/journal/", "/journal/episodes/", "/journal/episodes/new/"]
    journal += [episode.get_absolute_url(), "/journal/report/", "/accounts/settings/"]

    assert_no_chartjs(client, anonymous)
    client.force_login(user)
    assert_no_chartjs(client, journal)


def test_charts_load_chartjs_only_through_the_loader(client, user):
    start = timezone.now() - datetime.timedelta(days=2)
    episode = EpisodeFactory(user=user, started_at=start, readings=[(start, 6), (start, 4)])
    client.force_login(user)

    for url in ["/journal/history/", episode.get_absolute_url()]:
        html, tags = scripts_of(client, url)
        assert CHART_LOADER.search(html), url
        assert not [tag for tag in tags if "chart.umd" in tag.split("data-chartjs")[0]], url
