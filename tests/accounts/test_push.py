"""Check-in notifications by Web Push: a real local HTTP server stands in for the push
service, and decrypts what arrives with the browser's own keys."""

import datetime
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from py_vapid import Vapid

from accounts.models import Profile, PushSubscription
from accounts.push import b64url, new_vapid_keys
from journal.models import CheckinSent
from journal.tasks import send_checkin

pytestmark = pytest.mark.django_db


class PushService(ThreadingHTTPServer):
    """Answers every POST with `status` and keeps what it was sent."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PushHandler)
        self.status = 201
        self.received = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class PushHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.received.append((self.path, headers, body))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def push_service():
    server = PushService()
    # A short poll interval lets shutdown() return at once rather than after half a second.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def vapid(settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY, settings.WEBPUSH_VAPID_PRIVATE_KEY = new_vapid_keys()
    settings.WEBPUSH_VAPID_SUBJECT = "mailto:care@backcare.example"
    return settings.WEBPUSH_VAPID_PUBLIC_KEY


class Browser:
    """What a browser holds for one push subscription: its key pair and auth secret."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        public = self.private_key.public_key()
        self.p256dh = b64url(public.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))

    def decrypt(self, body):
        return http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )


def signed_by(authorization, public_key):
    """Whether a VAPID Authorization header names this public key and its signature holds."""
    parts = dict(part.split("=", 1) for part in authorization.split(" ", 1)[1].split(","))
    return parts["k"] == public_key and Vapid.verify(authorization)


def subscribed(user, endpoint, browser):
    Profile.objects.filter(user=user).update(
        checkins_on=True, checkin_by_email=False, checkin_by_push=True
    )
    return PushSubscription.objects.create(
        user=user, endpoint=endpoint, p256dh=browser.p256dh, auth=b64url(browser.auth)
    )


def check_in_today(user):
    return CheckinSent.objects.create(
        user=user, kind=CheckinSent.Kind.DAILY, local_date=timezone.localdate()
    )


def test_the_notification_arrives_encrypted_and_decrypts_to_the_payload(
    user, push_service, vapid, settings
):
    settings.SITE_URL = "https://backcare.example"
    browser = Browser()
    subscribed(user, f"{push_service.url}/push/alex-phone", browser)
    checkin = check_in_today(user)
    assert send_checkin.call(checkin.pk) == "sent"
    [(path, headers, body)] = push_service.received
    assert path == "/push/alex-phone"
    assert headers["content-encoding"] == "aes128gcm"
    assert b"check-in" not in body  # encrypted on the wire
    assert json.loads(browser.decrypt(body)) == {
        "title": "Your BackCare check-in",
        "body": "Tap to open your check-in.",
        "url": "https://backcare.example/journal/check-in/",
    }
    # Signed with the site's VAPID key.
    assert signed_by(headers["authorization"], vapid)
    checkin.refresh_from_db()
    assert checkin.pushed == 1 and not checkin.emailed


def test_a_subscription_the_push_service_says_is_gone_is_deleted(user, push_service, vapid):
    push_service.status = 410
    gone = subscribed(user, f"{push_service.url}/push/old-laptop", Browser())
    checkin = check_in_today(user)
    send_checkin.call(checkin.pk)
    assert len(push_service.received) == 1
    assert not PushSubscription.objects.filter(pk=gone.pk).exists()
    checkin.refresh_from_db()
    assert checkin.pushed == 0


def test_a_push_service_error_keeps_the_subscription(user, push_service, vapid):
    push_service.status = 500
    kept = subscribed(user, f"{push_service.url}/push/tablet", Browser())
    send_checkin.call(check_in_today(user).pk)
    assert PushSubscription.objects.filter(pk=kept.pk).exists()


def subscription_json(browser, endpoint="https://push.example.net/send/abc", **extra):
    return json.dumps(
        {
            "endpoint": endpoint,
            "keys": {"p256dh": browser.p256dh, "auth": b64url(browser.auth)},
            **extra,
        }
    )


def post_subscription(client, body):
    return client.post(reverse("accounts:push_subscribe"), body, content_type="application/json")


def test_turning_notifications_on_stores_the_browsers_subscription(user_client, user, vapid):
    browser = Browser()
    response = post_subscription(user_client, subscription_json(browser, label="  My  phone "))
    assert response.status_code == 201
    assert response.json()["message"] == "Notifications are on for this device."
    device = PushSubscription.objects.get(user=user)
    assert (device.label, device.p256dh) == ("My phone", browser.p256dh)
    # The same browser again updates its row rather than adding a second.
    assert post_subscription(user_client, subscription_json(browser)).status_code == 200
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "The request was not JSON."),
        ("[1]", "The request was not a JSON object."),
        ('{"endpoint": "http://push.example.net/x", "keys": {}}', "must be an https:// URL"),
        ('{"endpoint": "https://push.example.net/x"}', "has no keys"),
        (
            '{"endpoint": "https://push.example.net/x", "keys": {"p256dh": "abc", "auth": "abc"}}',
            "p256dh key has the wrong length",
        ),
    ],
    ids=["not-json", "not-an-object", "not-https", "no-keys", "short-key"],
)
def test_a_bad_subscription_is_refused_with_a_reason(user_client, vapid, body, message):
    response = post_subscription(user_client, body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_login_and_a_csrf_token(client, user, vapid):
    body = subscription_json(Browser())
    assert post_subscription(client, body).status_code == 401
    client.force_login(user)
    client.handler.enforce_csrf_checks = True
    assert post_subscription(client, body).status_code == 403
    assert not PushSubscription.objects.exists()


def test_settings_offer_push_only_with_vapid_keys(user_client, settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY = ""
    page = user_client.get(reverse("accounts:account_settings")).content.decode()
    assert "Turn on notifications on this device" not in page
    assert "js/push.js" not in page
    settings.WEBPUSH_VAPID_PUBLIC_KEY, settings.WEBPUSH_VAPID_PRIVATE_KEY = new_vapid_keys()
    page = user_client.get(reverse("accounts:account_settings")).content.decode()
    assert "Turn on notifications on this device" in page
    assert f'data-push-key="{settings.WEBPUSH_VAPID_PUBLIC_KEY}"' in page


def test_settings_list_devices_and_remove_only_ones_own(user_client, user, other_user):
    mine = PushSubscription.objects.create(
        user=user, endpoint="https://push.example.net/mine", p256dh="k", auth="a", label="Phone"
    )
    theirs = PushSubscription.objects.create(
        user=other_user, endpoint="https://push.example.net/theirs", p256dh="k", auth="a"
    )
    page = user_client.get(reverse("accounts:account_settings")).content.decode()
    assert "Phone" in page
    remove = reverse("accounts:push_device_remove", args=[theirs.pk])
    assert user_client.post(remove).status_code == 404
    assert PushSubscription.objects.filter(pk=theirs.pk).exists()
    response = user_client.post(reverse("accounts:push_device_remove", args=[mine.pk]))
    assert response.status_code == 302
    assert not PushSubscription.objects.filter(pk=mine.pk).exists()


def test_webpush_keys_prints_a_pair_that_signs(capsys):
    call_command("webpush_keys")
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines() if "=" in line)
    public, private = lines["WEBPUSH_VAPID_PUBLIC_KEY"], lines["WEBPUSH_VAPID_PRIVATE_KEY"]
    claims = {"sub": "mailto:care@backcare.example", "aud": "https://push.example.net"}
    claims["exp"] = int((timezone.now() + datetime.timedelta(hours=1)).timestamp())
    assert signed_by(Vapid.from_string(private).sign(claims)["Authorization"], public)
