"""Charts come drawn in the page (SVG from journal/chart_drawings.py), so no page fetches
a charting library or runs a script to draw one. Every script is deferred, so none holds
up the first paint, but the time-zone note's: that one runs where it stands, so the note,
when it shows, pushes nothing down (includes/timezone_note.html)."""

import datetime
import re

import pytest
from django.utils import timezone

from .factories import EpisodeFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc=[^>]*>")
CHART = re.compile(r'<svg id="chart-[a-z]+" class="chart-svg[^"]*" height="\d+" role="img"')


def scripts_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    tags = SCRIPT_TAG.findall(html)
    assert tags and all(
        re.search(r"\sdefer[\s>]", tag) or "/js/timezone.js" in tag for tag in tags
    ), tags
    return html, tags


def test_every_script_is_deferred_and_none_draws_charts(client, user):
    start = timezone.now() - datetime.timedelta(days=2)
    episode = EpisodeFactory(user=user, started_at=start, readings=[(start, 6), (start, 4)])
    anonymous = ["/", "/guidance/", "/accounts/login/", "/accounts/signup/", "/privacy/"]
    for url in anonymous:
        scripts_of(client, url)
    client.force_login(user)

    for url in ["/journal/", "/journal/episodes/", "/journal/episodes/new/", "/journal/report/"]:
        scripts_of(client, url)
    for url, charts in [("/journal/history/", 4), (episode.get_absolute_url(), 1)]:
        html, tags = scripts_of(client, url)
        assert len(CHART.findall(html)) == charts, url  # no triggers or remedies to draw
        assert not [tag for tag in tags if "chart" in tag.lower()], url
        assert "<canvas" not in html
