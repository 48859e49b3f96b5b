"""Which version of an episode a form was drawn from, so a stale form cannot overwrite it."""

from django.db import transaction

from .models import Episode


class EpisodeChanged(Exception):
    """The episode was saved by someone else after the form was drawn."""


def episode_version(episode) -> str:
    return episode.updated_at.isoformat() if episode.updated_at else ""


@transaction.atomic
def lock_unchanged(*, episode, version: str) -> None:
    """Lock the episode's row for the rest of the transaction, or raise EpisodeChanged if
    it is no longer the version the form was drawn from. A form sent without a version
    (not drawn by this site) is not checked."""
    current = Episode.objects.select_for_update().filter(pk=episode.pk).first()
    if version and (current is None or episode_version(current) != version):
        raise EpisodeChanged
