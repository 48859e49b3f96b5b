"""Sending one check-in, by email and push, as a background task (django-tasks).

The row was written by journal.checkins before the task was queued. Here it is taken with
a conditional update that only one run can win, so a task run twice (a retry, or two
workers) sends once. Neither the email nor the notification says anything about the
person's health: a lock screen or a shared inbox shows only "Your BackCare check-in".
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.push import push_configured, send_push
from accounts.unsubscribe import unsubscribe_url

from .assessment_inputs import zone
from .models import CheckinSent

SUBJECT = "Your BackCare check-in"
PUSH_BODY = "Tap to open your check-in."


def checkin_url() -> str:
    return settings.SITE_URL + reverse("journal:checkin")


def checkin_email(user) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(user)
    context = {
        "checkin_url": checkin_url(),
        "unsubscribe_url": unsubscribe,
        "settings_url": settings.SITE_URL + reverse("accounts:account_settings"),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECT,
        body=render_to_string("journal/email/checkin.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            # RFC 8058: mail clients offer an unsubscribe button that POSTs to the link.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("journal/email/checkin.html", context), "text/html")
    return message


def push_payload() -> dict:
    """What /sw.js shows: a title, a body and the page a tap opens."""
    return {"title": SUBJECT, "body": PUSH_BODY, "url": checkin_url()}


@task()
def send_checkin(checkin_id: int) -> str:
    """Send a claimed check-in; what happened, in a word, for the task's result."""
    taken = CheckinSent.objects.filter(pk=checkin_id, sending_at__isnull=True).update(
        sending_at=timezone.now()
    )
    if not taken:
        return "already sent"
    checkin = CheckinSent.objects.select_related("user__profile").get(pk=checkin_id)
    user, profile = checkin.user, checkin.user.profile
    # A queue that was stopped past midnight must not send yesterday's check-in today.
    if timezone.localdate(timezone=zone(profile.timezone)) != checkin.local_date:
        return "too late"
    emailed = False
    if profile.checkins_on and profile.checkin_by_email and user.email:
        emailed = checkin_email(user).send() == 1
    pushed = 0
    if profile.checkins_on and profile.checkin_by_push and push_configured():
        payload = push_payload()
        pushed = sum(send_push(device, payload) for device in user.push_subscriptions.all())
    CheckinSent.objects.filter(pk=checkin_id).update(
        sent_at=timezone.now(), emailed=emailed, pushed=pushed
    )
    return "sent"
