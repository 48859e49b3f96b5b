"""Multi-step writes: an episode and its remedies are saved together or not at all."""

from django.db import transaction
from django.utils import timezone

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
    return episode


def episode_quick_log(*, user, severity, location):
    return Episode.objects.create(
        user=user, started_at=timezone.now(), severity=severity, location=location
    )


def episode_end(*, episode, when=None):
    """Mark an ongoing episode as eased; never before it started."""
    when = when or timezone.now()
    episode.ended_at = max(when, episode.started_at)
    episode.save(update_fields=["ended_at", "updated_at"])
    return episode
