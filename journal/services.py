"""Every write to a journal, each giving it a new version in the same transaction.

The journal's cached pages are keyed by ``Profile.journal_version`` (journal.caching), so
this module is the one owner of that key: views, the import, the demo data and account
deletion change episodes only through the functions here, and each one calls
``journal_changed`` inside its transaction. A reader then sees either the old episodes
with the old version or the new ones with the new.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Profile

from .caching import journal_changed
from .models import Episode, RemedyUse


@transaction.atomic
def episode_save(*, user, form):
    """Save a valid EpisodeForm for ``user`` with its remedy uses, replacing old ones.

    The owner always comes from the request, never from posted data.
    """
    episode = form.save(commit=False)
    episode.user = user
    episode.save()
    form.save_m2m()
    effects = form.remedy_effects()
    episode.remedy_uses.exclude(remedy__in=list(effects)).delete()
    for remedy, effect in effects.items():
        RemedyUse.objects.update_or_create(
            episode=episode, remedy=remedy, defaults={"effect": effect}
        )
    journal_changed(user.pk)
    return episode


# A second "Log it now" saying the same within this long is the first one again: a double
# tap, or a form sent twice on a slow connection.
QUICK_LOG_REPEAT_WINDOW = datetime.timedelta(minutes=2)


@transaction.atomic
def episode_quick_log(*, user, severity, location) -> tuple[Episode, bool]:
    """Start an episode now; (episode, False) when the same one was logged moments ago."""
    # Taking the profile's row lock makes two of the same person's quick logs take turns
    # (SQLite's write lock already does), so both cannot miss each other.
    Profile.objects.select_for_update().filter(user=user).first()
    now = timezone.now()
    repeat = (
        Episode.objects.for_user(user)
        .ongoing()
        .filter(
            started_at__gte=now - QUICK_LOG_REPEAT_WINDOW,
            started_at__lte=now,
            severity=severity,
            location=location,
        )
        .order_by("-started_at")
        .first()
    )
    if repeat is not None:
        return repeat, False
    episode = Episode.objects.create(
        user=user, started_at=now, severity=severity, location=location
    )
    journal_changed(user.pk)
    return episode, True


@transaction.atomic
def episode_end(*, episode, when=None):
    """Mark an ongoing episode as eased; never before it started."""
    when = when or timezone.now()
    episode.ended_at = max(when, episode.started_at)
    episode.save(update_fields=["ended_at", "updated_at"])
    journal_changed(episode.user_id)
    return episode


@transaction.atomic
def episode_delete(*, episode):
    """Delete one episode with its remedy uses and links."""
    episode.delete()
    journal_changed(episode.user_id)


@transaction.atomic
def episodes_delete_all(*, user):
    """Empty a person's journal (the demo account is reset this way)."""
    Episode.objects.for_user(user).delete()
    journal_changed(user.pk)


@transaction.atomic
def account_delete(*, user):
    """Delete an account with its whole journal and its profile.

    The profile that holds the journal's version goes too, so there is no version left
    to replace: nothing cached under it can be reached again.
    """
    user.delete()  # episodes, remedy uses and the profile go with it (CASCADE)


BULK_BATCH_SIZE = 500


@transaction.atomic
def episodes_bulk_add(*, user, drafts):
    """Add many episodes with their triggers, red flags and remedies in a few queries.

    Each draft has the episode's fields plus ``trigger_ids``, ``red_flag_ids`` and
    ``remedy_effects`` ({remedy_id: effect} or (remedy_id, effect) pairs). Callers have
    validated them (the CSV import, the demo data); ids must exist.
    """
    drafts = list(drafts)
    episodes = Episode.objects.bulk_create(
        [
            Episode(
                user=user,
                started_at=draft.started_at,
                ended_at=draft.ended_at,
                severity=draft.severity,
                location=draft.location,
                side=draft.side,
                notes=draft.notes,
            )
            for draft in drafts
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    trigger_links, flag_links, uses = [], [], []
    for episode, draft in zip(episodes, drafts, strict=True):
        trigger_links += [
            Episode.triggers.through(episode_id=episode.pk, trigger_id=pk)
            for pk in draft.trigger_ids
        ]
        flag_links += [
            Episode.red_flags.through(episode_id=episode.pk, redflag_id=pk)
            for pk in draft.red_flag_ids
        ]
        uses += [
            RemedyUse(episode_id=episode.pk, remedy_id=pk, effect=effect)
            for pk, effect in dict(draft.remedy_effects).items()
        ]
    Episode.triggers.through.objects.bulk_create(trigger_links, batch_size=BULK_BATCH_SIZE)
    Episode.red_flags.through.objects.bulk_create(flag_links, batch_size=BULK_BATCH_SIZE)
    RemedyUse.objects.bulk_create(uses, batch_size=BULK_BATCH_SIZE)
    journal_changed(user.pk)
    return episodes
