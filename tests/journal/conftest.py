"""Helpers shared by the journal's tests."""

import pytest
from django.utils import timezone

from journal import services
from journal.forms import EpisodeForm


def save_episode(episode, *, triggers=None, red_flags=None, remedies=None, **fields):
    """Save an episode as its form does, through services.episode_save.

    ``remedies`` maps a remedy to its effect, or to None for "not tried".
    """
    data = {
        "started_at": timezone.localtime(episode.started_at).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": timezone.localtime(episode.ended_at).strftime("%Y-%m-%dT%H:%M")
        if episode.ended_at
        else "",
        "severity": episode.severity,
        "location": episode.location,
        "side": episode.side,
        "notes": episode.notes,
    }
    if episode.pk:
        triggers = episode.triggers.all() if triggers is None else triggers
        red_flags = episode.red_flags.all() if red_flags is None else red_flags
    data["triggers"] = [trigger.pk for trigger in triggers or []]
    data["red_flags"] = [flag.pk for flag in red_flags or []]
    if episode.pk:
        for use in episode.remedy_uses.all():
            data[EpisodeForm.remedy_field_name(use.remedy)] = use.effect
    for remedy, effect in (remedies or {}).items():
        data[EpisodeForm.remedy_field_name(remedy)] = "" if effect is None else effect
    data.update(fields)
    form = EpisodeForm(data, instance=episode)
    assert form.is_valid(), form.errors
    return services.episode_save(user=episode.user, form=form)


@pytest.fixture
def save_through_form():
    """``save_through_form(episode, severity=9, triggers=[...], remedies={remedy: 2})``:
    save an episode, new or old, the way the episode form does."""
    return save_episode
