"""The installable app: the manifest, the service worker at the root, the offline page."""

import json
import re

import pytest
from django.templatetags.static import static
from django.urls import reverse

from guidance.content_version import ContentVersion
from guidance.models import Article

pytestmark = pytest.mark.django_db

DASHBOARD = "/journal/"


@pytest.fixture
def manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def test_the_manifest_names_the_app_and_opens_the_journal(manifest):
    assert manifest["name"] == "BackCare"
    assert manifest["short_name"] == "BackCare"
    assert manifest["start_url"] == DASHBOARD == reverse("journal:dashboard")
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0d6efd"
    assert manifest["scope"] == "/"


def test_the_manifest_has_maskable_icons_of_both_sizes(client, manifest):
    icons = {(icon["sizes"], icon["purpose"]): icon for icon in manifest["icons"]}
    for size in (192, 512):
        for purpose in ("any", "maskable"):
            icon = icons[(f"{size}x{size}", purpose)]
            assert icon["src"] == static(f"img/app-icon-{size}.png")
            assert icon["type"] == "image/png"


def test_the_manifest_offers_log_it_now(manifest):
    (shortcut,) = manifest["shortcuts"]
    assert shortcut["name"] == "Log it now"
    assert shortcut["url"].startswith(DASHBOARD)


def test_every_page_links_the_manifest(client):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0d6efd">' in html
    assert f'<script src="{static("js/offline-log.js")}" defer></script>' in html
    assert 'name="backcare-user"' not in html


def test_a_logged_in_page_says_whose_logs_to_send(user_client, user):
    html = user_client.get("/").content.decode()
    assert f'<meta name="backcare-user" content="{user.pk}"' in html


@pytest.fixture
def worker(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    return response


def test_the_worker_is_served_from_the_root_as_a_script_always_checked(worker):
    assert worker["Content-Type"] == "application/javascript"
    assert "no-cache" in worker["Cache-Control"]
    # At the root its scope is the whole site without a Service-Worker-Allowed header.
    assert not worker.has_header("Service-Worker-Allowed")


def _precached(worker):
    match = re.search(r"^const PRECACHE = (.*);$", worker.content.decode(), re.MULTILINE)
    return json.loads(match.group(1))


def test_the_worker_keeps_the_guidance_and_never_a_private_page(worker):
    kept = _precached(worker)
    for article in Article.objects.published():
        assert article.get_absolute_url() in kept
    for page in ("/", "/offline/", "/guidance/", static("css/site.css")):
        assert page in kept
    assert not [url for url in kept if url.startswith(("/journal/", "/accounts/", "/shared/"))]


def test_a_guidance_edit_gives_the_worker_a_new_version(client, worker):
    version = re.search(r'const VERSION = "(\w+)"', worker.content.decode()).group(1)
    ContentVersion.bump()
    again = client.get("/sw.js").content.decode()
    assert f'const VERSION = "{version}"' not in again


def test_the_policy_allows_only_our_own_manifest_and_worker(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "manifest-src 'self'" in policy
    assert "worker-src 'self'" in policy
    assert "script-src 'self'" in policy


def test_the_offline_page_points_to_the_guidance_kept(client):
    response = client.get("/offline/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No connection just now" in html
    assert Article.objects.warning_signs_page().get_absolute_url() in html
    assert "data-offline-journal hidden" in html


def test_logging_out_empties_the_browsers_cache(user_client):
    response = user_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
