"""Deleting an account: every row that names the person goes, not only their journal."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from journal import services as journal_services


def _session_keys_of(user) -> list[str]:
    """The person's sessions: each one's data says whose it is, so each is read."""
    user_id = str(user.pk)
    return [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]


@transaction.atomic
def account_delete(*, user):
    """Delete the account, its journal and profile, its sessions and its login records.

    Login records (django-axes) name a person by username, not by key, so they are
    found by name; failed logins under the name typed in another case go too.
    """
    username = user.get_username()
    Session.objects.filter(session_key__in=_session_keys_of(user)).delete()
    Session.objects.filter(expire_date__lte=timezone.now()).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=username).delete()
    journal_services.account_delete(user=user)
