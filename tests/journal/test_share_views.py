"""Sharing the report: making a link, a clinician opening it, and every way it must fail."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journal import sharing
from journal.models import ShareLink
from journal.periods import DayRange
from journal.qr import qr_svg
from tests.journal.factories import EpisodeFactory, RedFlagFactory, RemedyUseFactory, bulk_history

pytestmark = pytest.mark.django_db

SHARE_URL = "/journal/report/share/"
LINK = re.compile(r'id="share-url" value="(http://testserver/shared/([A-Za-z0-9_-]{32})/)"')


def days_ago(days, hour=10):
    now = timezone.now()
    return now.replace(hour=hour, minute=0, second=0, microsecond=0) - datetime.timedelta(days=days)


def share(client, **fields):
    data = {"range": "30", "lasts": "7", **fields}
    return client.post(SHARE_URL, data)


def link_for(user, *, first_day=None, last_day=None, lasts_days=7, range_key="30", now=None):
    today = timezone.localdate()
    last_day = last_day or today
    if first_day is None and range_key != "all":
        first_day = last_day - datetime.timedelta(days=29)
    return sharing.create_link(
        user=user,
        range_key=range_key,
        day_range=DayRange(first_day, last_day),
        lasts_days=lasts_days,
        now=now,
    )


@pytest.fixture
def clinician():
    """A browser with no session: whoever the link was given to."""
    return Client()


@pytest.fixture
def named_user(user):
    user.first_name, user.last_name = "Alex", "Morgan"
    user.save()
    return user


# Making a link


def test_report_offers_to_share_the_range_it_shows(user_client):
    response = user_client.get("/journal/report/?range=365")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Share with a clinician" in page
    assert '<option value="365" selected>' in page
    assert re.search(r'value="7"[^>]*checked', page)  # lasts a week unless changed


def test_making_a_link_shows_it_once_and_stores_only_its_hash(user_client, user):
    response = share(user_client)
    assert response.status_code == 200
    url, token = LINK.search(response.content.decode()).groups()
    link = ShareLink.objects.get()
    assert link.user == user
    assert link.token_hash == sharing.token_hash(token)
    assert (link.range, link.last_day) == ("30", timezone.localdate())
    assert link.first_day == timezone.localdate() - datetime.timedelta(days=29)
    assert link.expires_at - link.created_at == pytest.approx(
        datetime.timedelta(days=7), abs=datetime.timedelta(seconds=5)
    )
    assert response["Cache-Control"].count("no-store")
    # Never again: not on the report, not in settings.
    for page in ("/journal/report/", "/accounts/settings/"):
        assert token not in user_client.get(page).content.decode()
    assert url.endswith(f"/shared/{token}/")


@pytest.mark.parametrize("lasts", [1, 7, 30])
def test_link_lasts_the_days_chosen(user_client, lasts):
    share(user_client, lasts=str(lasts))
    link = ShareLink.objects.get()
    assert round((link.expires_at - link.created_at).total_seconds() / 86400) == lasts


def test_link_can_share_the_dates_the_report_shows(user_client):
    start = timezone.localdate() - datetime.timedelta(days=50)
    end = timezone.localdate() - datetime.timedelta(days=20)
    response = user_client.get(f"/journal/report/?start={start}&end={end}")
    assert '<option value="custom" selected>' in response.content.decode()
    share(user_client, range="custom", start=start.isoformat(), end=end.isoformat())
    link = ShareLink.objects.get()
    assert (link.range, link.first_day, link.last_day) == ("custom", start, end)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"lasts": "3"}, "Choose 1, 7 or 30 days."),
        ({"lasts": "many"}, "Choose 1, 7 or 30 days."),
        ({"range": "1000"}, "Choose one of the ranges listed."),
        ({"range": "custom"}, "Choose the dates with the range controls above"),
        ({"range": "custom", "start": "2026-13-01"}, "Choose the dates with the range controls"),
        ({"range": "custom", "start": "2026-03-01", "end": "2026-02-01"}, "must come before"),
        ({"range": "custom", "start": "1800-01-01", "end": "2026-02-01"}, "must come before"),
    ],
    ids=[
        "lasts-3",
        "lasts-word",
        "range-unknown",
        "custom-no-dates",
        "bad-date",
        "backwards",
        "1800",
    ],
)
def test_bad_share_input_is_explained_and_stores_nothing(user_client, fields, message):
    response = share(user_client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ShareLink.objects.exists()


def test_shared_range_cannot_reach_past_today(user_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = share(user_client, range="custom", start="2026-01-01", end=tomorrow.isoformat())
    assert response.status_code == 400
    assert "ends today at the latest" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_number_of_working_links_is_capped(user_client, user):
    for _ in range(sharing.MAX_ACTIVE_LINKS):
        link_for(user)
    response = share(user_client)
    assert response.status_code == 400
    assert "Stop one in Settings" in response.content.decode()
    assert ShareLink.objects.count() == sharing.MAX_ACTIVE_LINKS


def test_anonymous_cannot_make_a_link(clinician):
    response = share(clinician)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not ShareLink.objects.exists()


def test_making_a_link_needs_a_post(user_client):
    assert user_client.get(SHARE_URL).status_code == 405
    assert not ShareLink.objects.exists()


# Opening a link


def test_clinician_opens_the_report_without_logging_in(named_user, clinician):
    EpisodeFactory(user=named_user, started_at=days_ago(3), severity=7, notes="Inside note")
    link, token = link_for(named_user)
    response = clinician.get(f"/shared/{token}/")
    assert response.status_code == 200
    page = response.content.decode()
    until = timezone.localtime(link.expires_at).strftime("%-d %B %Y")
    assert f"Shared by Alex Morgan until {until}" in page
    assert "Inside note" in page
    assert "Share with a clinician" not in page  # the person's controls are not there
    assert 'name="csrfmiddlewaretoken"' not in page
    link.refresh_from_db()
    assert link.opened_count == 1
    assert link.last_opened_at is not None


def test_shared_report_shows_charts_bouts_warning_signs_and_remedies(user, clinician):
    flag = RedFlagFactory(name="Fever with the back pain")
    episode = EpisodeFactory(user=user, started_at=days_ago(5), severity=6, red_flags=[flag])
    RemedyUseFactory(episode=episode, remedy__name="Gentle walking", effect=2)
    _, token = link_for(user)
    page = clinician.get(f"/shared/{token}/").content.decode()
    assert 'id="bouts-heading"' in page
    assert "Fever with the back pain" in page
    assert "Gentle walking" in page
    assert '<svg id="chart-pain" class="chart-svg' in page
    assert "<script" not in page.split('id="charts-heading"')[1].split("</main>")[0]


def test_shared_report_shows_how_the_pain_readings_went(user, clinician):
    start = days_ago(4)
    readings = [(start, 8), (days_ago(3), 5), (days_ago(2), 2)]
    EpisodeFactory(user=user, started_at=start, ended_at=days_ago(2, hour=12), readings=readings)
    _, token = link_for(user)
    page = clinician.get(f"/shared/{token}/").content.decode()
    assert "8 \N{RIGHTWARDS ARROW} 2 (eased)" in page


def test_shared_report_shows_exactly_the_range_chosen(user, clinician):
    EpisodeFactory(user=user, started_at=days_ago(45), notes="Before the range")
    EpisodeFactory(user=user, started_at=days_ago(10), notes="Inside the range")
    EpisodeFactory(user=user, started_at=days_ago(0, hour=0), notes="After the range")
    last_day = timezone.localdate() - datetime.timedelta(days=1)
    _, token = link_for(user, first_day=last_day - datetime.timedelta(days=29), last_day=last_day)
    page = clinician.get(f"/shared/{token}/").content.decode()
    assert "Inside the range" in page
    assert "Before the range" not in page
    assert "After the range" not in page


def test_shared_report_never_shows_someone_elses_journal(user, other_user, clinician):
    EpisodeFactory(user=user, started_at=days_ago(2), notes="Mine")
    EpisodeFactory(user=other_user, started_at=days_ago(2), notes="Theirs")
    _, token = link_for(user)
    page = clinician.get(f"/shared/{token}/").content.decode()
    assert "Mine" in page
    assert "Theirs" not in page


def test_logged_in_stranger_sees_the_owners_report_not_their_own(user, other_user, client):
    EpisodeFactory(user=user, started_at=days_ago(2), notes="Note of the owner")
    EpisodeFactory(user=other_user, started_at=days_ago(2), notes="Note of the visitor")
    _, token = link_for(user)
    client.force_login(other_user)
    page = client.get(f"/shared/{token}/").content.decode()
    assert "Note of the owner" in page
    assert "Note of the visitor" not in page


def test_shared_pages_stay_out_of_caches_search_engines_and_referrers(user, clinician):
    _, token = link_for(user)
    for path in (f"/shared/{token}/", f"/shared/{sharing.new_token()}/", "/shared/x/"):
        response = clinician.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert "noindex" in response["X-Robots-Tag"], path
        assert response["Referrer-Policy"] == "no-referrer", path


def test_shared_page_has_no_inline_script_or_style(user, clinician):
    EpisodeFactory(user=user, started_at=days_ago(2))
    _, token = link_for(user)
    page = clinician.get(f"/shared/{token}/").content.decode()
    assert " style=" not in page
    assert "<style" not in page
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def failing_tokens(user, other_user):
    """Each way a token can fail, as (name, path)."""
    _, expired = link_for(user, lasts_days=1, now=timezone.now() - datetime.timedelta(days=2))
    revoked_link, revoked = link_for(user)
    sharing.stop_link(revoked_link)
    _, theirs = link_for(other_user)
    ShareLink.objects.filter(user=other_user).delete()  # an account deleted since
    return {
        "expired": f"/shared/{expired}/",
        "revoked": f"/shared/{revoked}/",
        "deleted": f"/shared/{theirs}/",
        "guessed": f"/shared/{sharing.new_token()}/",
        "hash-as-token": f"/shared/{revoked_link.token_hash}/",
        "short": "/shared/abc/",
        "odd-characters": "/shared/%3Cscript%3E/",
        "deeper-path": f"/shared/{expired}/more/",
    }


def test_every_failing_token_gets_the_same_404(user, other_user, clinician):
    paths = failing_tokens(user, other_user)
    answers = {name: clinician.get(path) for name, path in paths.items()}
    assert {name: r.status_code for name, r in answers.items()} == dict.fromkeys(paths, 404)
    bodies = {r.content for r in answers.values()}
    assert len(bodies) == 1
    assert b"Page not found" in bodies.pop()
    assert not ShareLink.objects.filter(opened_count__gt=0).exists()


def test_opening_is_rate_limited_per_address(user, clinician, settings):
    settings.SHARE_LINK_OPENS_PER_IP = 3
    _, token = link_for(user)
    statuses = [clinician.get(f"/shared/{token}/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = clinician.get(f"/shared/{token}/")
    assert response.status_code == 429
    assert "opened too often" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= settings.SHARE_LINK_WINDOW_SECONDS
    assert "no-store" in response["Cache-Control"]
    # Guessing counts too, and another address is not held back.
    assert clinician.get(f"/shared/{sharing.new_token()}/").status_code == 429
    elsewhere = clinician.get(f"/shared/{token}/", REMOTE_ADDR="203.0.113.9")
    assert elsewhere.status_code == 200


def test_shared_page_queries_do_not_grow_with_the_journal(user, clinician):
    _, token = link_for(user, range_key="all")
    bulk_history(user, 10, last_start=days_ago(1))
    cache.clear()  # both views read guidance too, as the first after a restart does
    with CaptureQueriesContext(connection) as small:
        assert clinician.get(f"/shared/{token}/").status_code == 200
    bulk_history(user, 500, last_start=days_ago(12))
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert clinician.get(f"/shared/{token}/").status_code == 200
    assert len(large) == len(small)


def test_deleting_the_account_ends_its_links(user, clinician):
    _, token = link_for(user)
    get_user_model().objects.filter(pk=user.pk).delete()
    assert clinician.get(f"/shared/{token}/").status_code == 404


# Settings: the person's links, and stopping one


def test_settings_lists_links_with_status_range_and_openings(user_client, user):
    working, token = link_for(user)
    sharing.record_opening(working)
    stopped, _ = link_for(user, range_key="all")
    sharing.stop_link(stopped)
    link_for(user, lasts_days=1, now=timezone.now() - datetime.timedelta(days=3))
    page = user_client.get("/accounts/settings/").content.decode()
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(\w+)</th>", page)
    assert sorted(rows) == ["Active", "Expired", "Stopped"]
    assert "1 time<" in page
    assert "All time to" in page
    assert page.count("Stop sharing<") == 1  # only the working link can be stopped
    assert f"/journal/share/{working.pk}/stop/" in page
    assert token not in page


def test_settings_lists_every_working_link_however_many_old_ones(user_client, user):
    working = [link_for(user)[0] for _ in range(3)]
    for _ in range(sharing.PAST_LINKS_LISTED + 2):
        sharing.stop_link(link_for(user)[0])
    page = user_client.get("/accounts/settings/").content.decode()
    for link in working:
        assert f"/journal/share/{link.pk}/stop/" in page
    assert page.count('<th scope="row">Stopped</th>') == sharing.PAST_LINKS_LISTED
    assert "Older links, all expired or stopped, are not listed." in page


def test_stop_sharing_ends_the_link_at_once(user_client, user, clinician):
    link, token = link_for(user)
    response = user_client.post(f"/journal/share/{link.pk}/stop/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/settings/"
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert clinician.get(f"/shared/{token}/").status_code == 404


def test_another_users_link_cannot_be_stopped(user_client, other_user, clinician):
    link, token = link_for(other_user)
    response = user_client.post(f"/journal/share/{link.pk}/stop/")
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert clinician.get(f"/shared/{token}/").status_code == 200


def test_stop_sharing_needs_a_post_and_a_login(user_client, user, clinician):
    link, _ = link_for(user)
    assert user_client.get(f"/journal/share/{link.pk}/stop/").status_code == 405
    assert clinician.post(f"/journal/share/{link.pk}/stop/").status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is None


# The QR code on the printed report


def test_qr_code_of_the_new_link_is_drawn_on_the_report_as_inline_svg(user_client):
    response = share(user_client, qr_code="on")
    page = response.content.decode()
    assert LINK.search(page)
    figure = re.search(r'<figure class="report-qr" id="report-qr">(.*?)</figure>', page, re.S)
    assert figure, "no QR code on the report"
    svg = figure.group(1)
    assert '<svg role="img"' in svg
    assert "<title>QR code of the link to this report</title>" in svg
    assert "style" not in svg  # the content security policy allows no inline style
    assert "<script" not in svg


def test_qr_code_is_the_drawing_of_the_link_shown(user_client):
    page = share(user_client, qr_code="on").content.decode()
    url, _ = LINK.search(page).groups()
    assert qr_svg(url) in page


def test_no_qr_code_unless_asked(user_client):
    page = share(user_client).content.decode()
    assert LINK.search(page)
    assert "report-qr" not in page


def test_rate_limit_counts_the_real_client_behind_a_trusted_proxy(user, clinician, settings):
    settings.SHARE_LINK_OPENS_PER_IP = 1
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    _, token = link_for(user)
    path = f"/shared/{token}/"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert clinician.get(path, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 200
    # The same client, claiming another address on the left, is still the same client.
    spoofed = "203.0.113.1, 198.51.100.7"
    assert clinician.get(path, HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429
    assert clinician.get(path, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 200


def test_deleting_the_account_from_settings_ends_its_links(user_client, user, password, clinician):
    _, token = link_for(user)
    response = user_client.post("/accounts/delete/", {"password": password})
    assert response.status_code == 302
    assert not ShareLink.objects.exists()
    assert clinician.get(f"/shared/{token}/").status_code == 404
