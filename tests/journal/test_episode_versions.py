"""Two people (or two tabs) editing one episode: the later, stale form saves nothing."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guidance.models import RedFlag, Remedy
from journal.models import Episode, RemedyUse

pytestmark = pytest.mark.django_db


def form_values(html):
    """What a browser would send back from the edit form, unchanged."""
    return {
        "version": re.search(r'name="version" value="([^"]*)"', html).group(1),
        "started_at": re.search(r'name="started_at" value="([^"]*)"', html).group(1),
    }


def edit(client, episode, opened, **changes):
    data = {
        **opened,
        "severity": "4",
        "location": "lower",
        "side": "",
        "notes": "",
        **changes,
    }
    return client.post(reverse("journal:episode_update", args=[episode.pk]), data)


@pytest.fixture
def two_devices(user):
    phone, laptop = Client(), Client()
    phone.force_login(user)
    laptop.force_login(user)
    return phone, laptop


@pytest.fixture
def episode(user):
    return Episode.objects.create(
        user=user, started_at=timezone.now() - timedelta(hours=2), severity=4, location="lower"
    )


def test_a_form_opened_before_someone_elses_save_is_refused_and_shows_the_newer_values(
    two_devices, episode
):
    phone, laptop = two_devices
    url = reverse("journal:episode_update", args=[episode.pk])
    on_phone = form_values(phone.get(url).content.decode())
    on_laptop = form_values(laptop.get(url).content.decode())
    remedy = Remedy.objects.first()
    flag = RedFlag.objects.filter(urgency="see_doctor").first()

    saved = edit(
        phone,
        episode,
        on_phone,
        severity="8",
        red_flags=[flag.pk],
        notes="Worse after the stairs",
        **{f"remedy-{remedy.slug}": "2"},
    )
    assert saved.status_code == 302

    stale = edit(laptop, episode, on_laptop, severity="2", notes="Nearly gone")
    html = stale.content.decode()
    assert stale.status_code == 409
    assert "This episode changed since you opened it" in html
    assert "Worse after the stairs" in html  # the newer values, ready to edit again
    assert re.search(r'value="8"[^>]*checked', html)

    episode.refresh_from_db()
    assert episode.severity == 8
    assert episode.notes == "Worse after the stairs"
    assert list(episode.red_flags.all()) == [flag]
    assert RemedyUse.objects.get(episode=episode).effect == 2

    again = edit(laptop, episode, form_values(html), severity="2", notes="Nearly gone")
    assert again.status_code == 302
    episode.refresh_from_db()
    assert episode.severity == 2


def test_ending_the_episode_meanwhile_also_makes_the_form_stale(two_devices, episode):
    phone, laptop = two_devices
    opened = form_values(
        laptop.get(reverse("journal:episode_update", args=[episode.pk])).content.decode()
    )
    phone.post(reverse("journal:episode_end", args=[episode.pk]))

    assert edit(laptop, episode, opened, severity="9").status_code == 409
    episode.refresh_from_db()
    assert episode.severity == 4
    assert episode.ended_at is not None
