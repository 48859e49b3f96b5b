"""Web Push for check-ins: the server's VAPID keys, a browser's subscription checked as it
arrives, and one notification sent (a browser the push service reports gone is forgotten).

Payloads are encrypted for the browser (aes128gcm, RFC 8291) by pywebpush; the service
worker at /sw.js shows them.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from dataclasses import dataclass

import requests
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

logger = logging.getLogger(__name__)

# A check-in that has waited half a day at the push service is stale: let it lapse.
PUSH_TTL_SECONDS = 12 * 60 * 60
PUSH_TIMEOUT_SECONDS = 10
# The push service's answer for a browser that unsubscribed or no longer exists.
GONE_STATUSES = {404, 410}

ENDPOINT_MAX_LENGTH = 2000
LABEL_MAX_LENGTH = 100
PUBLIC_KEY_BYTES = 65  # an uncompressed P-256 point
AUTH_SECRET_BYTES = 16


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def push_configured() -> bool:
    return bool(settings.WEBPUSH_VAPID_PUBLIC_KEY and settings.WEBPUSH_VAPID_PRIVATE_KEY)


def new_vapid_keys() -> tuple[str, str]:
    """A new (public, private) pair: the public key as browsers take it (an uncompressed
    point) and the private key as its raw 32 bytes, both base64url."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return b64url(public), b64url(private)


class SubscriptionError(ValueError):
    """What is wrong with a subscription a browser sent, in words for the person."""


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str
    label: str


def _key(keys: dict, name: str, size: int) -> str:
    value = keys.get(name)
    if not isinstance(value, str) or not value:
        raise SubscriptionError(f"The browser's subscription has no {name} key.")
    try:
        raw = b64url_decode(value.strip())
    except (binascii.Error, ValueError):
        raise SubscriptionError(f"The browser's {name} key is not base64url.") from None
    if len(raw) != size or (name == "p256dh" and raw[0] != 4):
        raise SubscriptionError(f"The browser's {name} key has the wrong length or form.")
    return b64url(raw)


def parse_subscription(body: bytes) -> Subscription:
    """The subscription a browser's PushManager gave, as posted by static/js/push.js:
    ``{"endpoint": ..., "keys": {"p256dh": ..., "auth": ...}, "label": ...}``."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SubscriptionError("The request was not JSON.") from None
    if not isinstance(data, dict):
        raise SubscriptionError("The request was not a JSON object.")
    endpoint = data.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint.startswith("https://"):
        raise SubscriptionError("The push address must be an https:// URL.")
    if len(endpoint) > ENDPOINT_MAX_LENGTH:
        raise SubscriptionError(f"The push address is over {ENDPOINT_MAX_LENGTH} characters.")
    keys = data.get("keys")
    if not isinstance(keys, dict):
        raise SubscriptionError("The browser's subscription has no keys.")
    label = data.get("label") or ""
    if not isinstance(label, str):
        raise SubscriptionError("The device name must be text.")
    label = " ".join(label.split())
    if len(label) > LABEL_MAX_LENGTH:
        raise SubscriptionError(f"Keep the device name to {LABEL_MAX_LENGTH} characters.")
    return Subscription(
        endpoint=endpoint,
        p256dh=_key(keys, "p256dh", PUBLIC_KEY_BYTES),
        auth=_key(keys, "auth", AUTH_SECRET_BYTES),
        label=label,
    )


def send_push(subscription, payload: dict) -> bool:
    """Send one notification to a PushSubscription; True when the push service took it.

    A browser the push service says is gone (404, 410) is deleted, so it is not tried
    again; any other failure is logged and left for the next check-in.
    """
    try:
        webpush(
            subscription.as_subscription_info(),
            data=json.dumps(payload),
            vapid_private_key=Vapid.from_string(settings.WEBPUSH_VAPID_PRIVATE_KEY),
            vapid_claims={"sub": settings.WEBPUSH_VAPID_SUBJECT},
            ttl=PUSH_TTL_SECONDS,
            timeout=PUSH_TIMEOUT_SECONDS,
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in GONE_STATUSES:
            subscription.delete()
            logger.info("Push subscription %s is gone (%s): deleted.", subscription.pk, status)
        else:
            logger.warning("Push to subscription %s failed: %s", subscription.pk, status)
        return False
    except requests.RequestException as error:
        logger.warning("Push to subscription %s failed: %s", subscription.pk, error)
        return False
    return True
