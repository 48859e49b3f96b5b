"""Security: headers, no inline script anywhere, login lockout."""

from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from guidance.models import Remedy, Trigger
from journal.models import Episode, RemedyUse

pytestmark = pytest.mark.django_db

DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block, and the page's same-site links."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.links = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> inline event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=...> inline style attribute")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:...>")
        if tag == "script" and "src" not in attrs and attrs.get("type") not in DATA_BLOCK_TYPES:
            self.problems.append("<script> without src: inline script")
        if tag == "style":
            self.problems.append("<style> element: inline style")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def crawl(client, start_paths, limit=200):
    """Visit every page reachable from start_paths by same-site links (GET only)."""
    seen, queue, visited = set(), list(start_paths), {}
    while queue and len(visited) < limit:
        path = urldefrag(queue.pop(0))[0]
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        visited[path] = response
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        finder = InlineCodeFinder()
        finder.feed(response.content.decode())
        response.inline_problems = finder.problems
        for link in finder.links:
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
                continue
            if parsed.path.startswith(("/admin/", "/static/")) or "/delete/" in parsed.path:
                continue
            queue.append(link)
    return visited


@pytest.fixture
def journal_with_history(user):
    trigger = Trigger.objects.first()
    remedy = Remedy.objects.first()
    for day in range(20):
        episode = Episode.objects.create(
            user=user,
            started_at=timezone.now() - timedelta(days=day * 3, hours=2),
            ended_at=timezone.now() - timedelta(days=day * 3, hours=1) if day else None,
            severity=day % 11,
            location="lower",
            notes="<script>alert(1)</script> onload=",
        )
        episode.triggers.add(trigger)
        RemedyUse.objects.create(episode=episode, remedy=remedy, effect=1)
    return user


def assert_clean(pages):
    problems = {
        path: response.inline_problems
        for path, response in pages.items()
        if getattr(response, "inline_problems", None)
    }
    assert not problems
    errors = {path: r.status_code for path, r in pages.items() if r.status_code >= 500}
    assert not errors


def test_public_pages_have_no_inline_script_or_handlers(client):
    pages = crawl(
        client,
        ["/", "/guidance/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"],
    )
    assert len([p for p in pages if p.startswith("/guidance/")]) >= 9  # index and every article
    assert_clean(pages)


def test_journal_pages_have_no_inline_script_or_handlers(client, journal_with_history):
    client.force_login(journal_with_history)
    episode = Episode.objects.filter(user=journal_with_history).first()
    start = [
        "/journal/",
        "/journal/episodes/",
        "/journal/episodes/new/",
        f"/journal/episodes/{episode.pk}/",
        f"/journal/episodes/{episode.pk}/edit/",
        f"/journal/episodes/{episode.pk}/delete/",
        "/journal/history/?range=all",
        "/journal/report/",
        "/journal/import/",
        "/accounts/settings/",
        "/accounts/delete/",
        "/accounts/password_change/",
    ]
    pages = crawl(client, start)
    assert all(pages[path].status_code == 200 for path in start), {
        p: pages[p].status_code for p in start
    }
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in pages[f"/journal/episodes/{episode.pk}/"].content.decode()
    )
    assert_clean(pages)


def test_security_headers_on_every_response(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_https_settings_send_hsts_and_secure_cookies(client, settings, user, password):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.post(
        reverse("login"), {"username": user.username, "password": password}, secure=True
    )
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"]
    assert session_cookie["httponly"]


def test_csrf_is_enforced(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(reverse("journal:quick_log"), {"severity": "5", "location": "lower"})
    assert response.status_code == 403
    assert not Episode.objects.filter(user=user).exists()


def test_repeated_failed_logins_lock_the_account(client, settings, user, password):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = 0.25  # hours
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 429
    html = response.content.decode()
    assert "too many failed attempts" in html.lower()
    assert "after 5 wrong passwords" in html
    assert "wait 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_still_let_you_in(client, settings, user, password):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    "path",
    [
        "/journal/",
        "/journal/episodes/",
        "/journal/history/",
        "/journal/report/",
        "/journal/export/episodes.csv",
        "/accounts/settings/",
    ],
)
def test_private_pages_are_never_stored_by_browsers(user_client, path):
    response = user_client.get(path)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_public_guidance_may_be_cached(client):
    response = client.get("/guidance/")
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/guidance/", "/guidance/symptoms/"])
def test_public_pages_drawn_for_a_logged_in_person_are_private(user_client, path):
    response = user_client.get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_resetting_the_password_by_email_lifts_a_lockout(client, settings, user, password):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": user.username, "password": password}).status_code
        == 429
    )

    client.post(reverse("password_reset"), {"email": user.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    form_url = client.get(link[link.index("/accounts/reset/") :]).url
    new_password = "a-fresh-long-passphrase-77"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})

    response = client.post(reverse("login"), {"username": user.username, "password": new_password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
