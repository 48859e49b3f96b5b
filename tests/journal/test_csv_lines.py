"""The CSV export reads each episode's stored line, and a change anywhere shows at once."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from journal import csv_lines, services
from journal.exports import csv_written_afresh
from journal.models import EpisodeCsvLine

from .factories import EpisodeFactory, PersonalTriggerFactory, TriggerFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("journal:export_csv")
LONDON = zoneinfo.ZoneInfo("Europe/London")


def exported(client) -> str:
    return b"".join(client.get(CSV_URL).streaming_content).decode()


def afresh(user) -> str:
    """The file written from the episodes alone, no stored line read."""
    user.profile.refresh_from_db()
    return "".join(csv_written_afresh(user, zoneinfo.ZoneInfo(user.profile.timezone)))


@pytest.fixture
def lifting():
    return TriggerFactory(slug="lifting-boxes")


@pytest.fixture
def episode(user, lifting):
    return EpisodeFactory(
        user=user,
        started_at=datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC),
        triggers=[lifting],
    )


def test_an_export_stores_each_episodes_line_and_reads_it_next_time(user_client, user, episode):
    first = exported(user_client)
    assert EpisodeCsvLine.objects.filter(episode__user=user).count() == 1
    EpisodeCsvLine.objects.filter(episode=episode).update(line="as stored\r\n")

    assert exported(user_client).splitlines()[1] == "as stored"
    assert first == afresh(user)


def test_staff_renaming_a_trigger_shows_in_the_next_export(user_client, user, episode, lifting):
    assert "lifting-boxes" in exported(user_client)

    lifting.slug = "lifting-heavy-boxes"
    lifting.save()

    text = exported(user_client)
    assert "lifting-heavy-boxes" in text
    assert text == afresh(user)
    # The stale line was stored again once the file was read, for the next export.
    assert "lifting-heavy-boxes" in EpisodeCsvLine.objects.get(episode=episode).line


def test_renaming_an_own_trigger_shows_in_the_next_export(user_client, user, episode):
    own = PersonalTriggerFactory(user=user, name="Gardening")
    episode.personal_triggers.add(own)
    services.personal_rename(entry=own, name="Digging")  # forgets every line of the person's
    assert "own:Digging" in exported(user_client)

    services.personal_rename(entry=own, name="Weeding")

    text = exported(user_client)
    assert "own:Weeding" in text and "own:Digging" not in text
    assert text == afresh(user)


def test_a_new_time_zone_rewrites_the_times(user_client, user, episode):
    assert "2026-07-01T08:30:00+00:00" in exported(user_client)

    user.profile.timezone = "Europe/London"
    user.profile.save()

    text = exported(user_client)
    assert "2026-07-01T09:30:00+01:00" in text and "+00:00" not in text
    assert text == afresh(user)


def test_a_write_while_the_file_is_streamed_is_in_the_file(user, episode):
    pieces = csv_lines.csv_file(user)
    header = next(pieces)
    services.reading_add(
        episode=episode, severity=9, when=episode.started_at + datetime.timedelta(hours=1)
    )

    text = "".join(pieces)

    assert header + text == afresh(user)
    assert "2026-07-01T09:30:00+00:00@9" in text
    assert ",9,lower," in text
    # The write stored the episode's new line itself.
    assert "@9" in EpisodeCsvLine.objects.get(episode=episode).line


def test_a_log_or_an_edit_stores_its_line_so_the_next_export_only_reads(
    user_client, user, episode, django_assert_num_queries
):
    exported(user_client)
    services.reading_add(episode=episode, severity=8)
    logged, _ = services.episode_quick_log(user=user, severity=6, location="neck")
    stored = dict(EpisodeCsvLine.objects.values_list("episode_id", "line"))
    assert "@8" in stored[episode.pk]
    assert ",6,neck," in stored[logged.pk]
    # Session, user, profile, the journal's state, the stored lines: none is written.
    with django_assert_num_queries(5):
        text = exported(user_client)
    assert text == afresh(user)
