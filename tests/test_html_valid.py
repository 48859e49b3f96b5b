"""Every main page is valid HTML, by the W3C Nu HTML checker (vnu-jar).

The pages are rendered by the test client, logged in and not, written to files, and
checked in one run of the checker (one Java start). `make test` installs the checker
into node_modules/ with npm; where Java or the checker is missing the test is skipped,
except in CI (.ci/run sets HTML_CHECK_REQUIRED=1), where that is a failure.
"""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from accounts.push import new_vapid_keys
from accounts.unsubscribe import unsubscribe_token
from guidance.models import Article, RedFlag, Remedy, Trigger
from journal import periods, sharing
from tests.journal.factories import EpisodeFactory, RemedyUseFactory

pytestmark = pytest.mark.htmlcheck

VNU_JAR = Path(
    os.environ.get("VNU_JAR", settings.BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar")
)


def checker_command():
    """The command that runs the checker, or a skip (a failure in CI) naming what is missing."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (Debian package default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (make test installs it with npm)")
    if missing:
        message = "The HTML check needs " + " and ".join(missing)
        if os.environ.get("HTML_CHECK_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def render(client, pages, name, url, *, data=None, status=200):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == status, (name, url, response.status_code)
    pages[name] = response.content.decode()


@pytest.mark.django_db
def test_every_main_page_is_valid_html(client, user, tmp_path):
    command = checker_command()
    pages: dict[str, str] = {}

    article = Article.objects.published().first()
    render(client, pages, "home", "/")
    render(client, pages, "guidance-index", "/guidance/")
    render(client, pages, "article", f"/guidance/{article.slug}/")
    render(client, pages, "search-results", "/guidance/?q=spasm")
    render(client, pages, "login", "/accounts/login/")
    render(client, pages, "signup", "/accounts/signup/")
    render(client, pages, "password-reset", "/accounts/password_reset/")
    render(client, pages, "not-found", "/no-such-page/", status=404)
    render(client, pages, "offline", "/offline/")
    render(client, pages, "privacy", "/privacy/")
    render(
        client, pages, "unsubscribe", f"/accounts/checkins/unsubscribe/{unsubscribe_token(user)}/"
    )

    # A journal with something on every part of its pages: an ended episode with a
    # trigger, a remedy, a warning sign and two readings (the course of its pain is drawn),
    # and one still going with no reading for a day and a half (the dashboard asks
    # "Still going?").
    now = timezone.now()
    started = now - datetime.timedelta(days=3)
    episode = EpisodeFactory(
        user=user,
        started_at=started,
        readings=[(started, 5), (started + datetime.timedelta(hours=1), 7)],
        triggers=[Trigger.objects.first()],
        red_flags=[RedFlag.objects.first()],
        notes="Lifting the shopping.",
    )
    RemedyUseFactory(episode=episode, remedy=Remedy.objects.first(), effect=2)
    ongoing = EpisodeFactory(
        user=user, started_at=now - datetime.timedelta(hours=36), ended_at=None
    )
    # The report a clinician opens from a share link, with no session of their own.
    _link, token = sharing.create_link(
        user=user,
        range_key="30",
        day_range=periods.DayRange(
            timezone.localdate() - datetime.timedelta(days=30), timezone.localdate()
        ),
        lasts_days=7,
    )
    render(client, pages, "shared-report", f"/shared/{token}/")
    client.force_login(user)

    render(client, pages, "home-logged-in", "/")
    render(client, pages, "dashboard", "/journal/")
    render(client, pages, "episode-list", "/journal/episodes/")
    render(client, pages, "episode-form", "/journal/episodes/new/")
    render(
        client,
        pages,
        "episode-form-errors",
        "/journal/episodes/new/",
        data={"started_at": "", "severity": "", "location": "lower"},
        status=400,
    )
    render(client, pages, "episode", f"/journal/episodes/{episode.pk}/")
    render(client, pages, "episode-edit", f"/journal/episodes/{episode.pk}/edit/")
    render(client, pages, "episode-delete", f"/journal/episodes/{episode.pk}/delete/")
    render(client, pages, "episode-end", f"/journal/episodes/{ongoing.pk}/end/")
    render(client, pages, "episode-remedies", f"/journal/episodes/{ongoing.pk}/remedies/")
    render(client, pages, "episode-signs", f"/journal/episodes/{ongoing.pk}/warning-signs/")
    render(client, pages, "history", "/journal/history/")
    render(client, pages, "report", "/journal/report/")
    render(client, pages, "import", "/journal/import/")
    render(client, pages, "check-in", "/journal/check-in/")
    # With Web Push set up, Settings offers notifications on this device.
    public_key, private_key = new_vapid_keys()
    with override_settings(
        WEBPUSH_VAPID_PUBLIC_KEY=public_key, WEBPUSH_VAPID_PRIVATE_KEY=private_key
    ):
        render(client, pages, "settings", "/accounts/settings/")
    render(client, pages, "about-you", "/accounts/about-you/")
    render(client, pages, "account-delete", "/accounts/delete/")

    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [*command, *files], capture_output=True, text=True, timeout=120, check=False
    )
    # The checker writes its JSON report to standard error.
    report = json.loads(result.stderr or '{"messages": []}')
    problems = [
        f"{Path(message.get('url', '?')).stem} line {message.get('lastLine', '?')}: "
        f"{message['message']} [{' '.join(message.get('extract', '').split())[:160]}]"
        for message in report["messages"]
        if message["type"] in {"error", "non-document-error"}
    ]
    assert not problems, "\n".join(problems)
    assert result.returncode == 0, result.stderr
