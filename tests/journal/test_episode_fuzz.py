"""Hostile and random input to the episode form: never a 500, never a partial save."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.models import Remedy
from journal.models import Episode, RemedyUse

pytestmark = pytest.mark.django_db

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR 1=1 --",
    "\x00",
    "9" * 40,
    "-1",
    "1e3",
    "10.5",
    "2026-02-30T10:00",
    "2026-01-01T25:61",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "",
    " ",
    "lower",
    "5",
    "2026-01-05T08:30",
    "\u202e\u0000\ud7ff",
]
value = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
values = st.lists(value, max_size=3)


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    started_at=value,
    ended_at=value,
    severity=value,
    location=value,
    side=value,
    triggers=values,
    red_flags=values,
    notes=st.one_of(value, st.text(min_size=1900, max_size=2100)),
    effect=value,
)
def test_random_episode_input_is_rejected_cleanly_or_saved_whole(
    user_client,
    user,
    started_at,
    ended_at,
    severity,
    location,
    side,
    triggers,
    red_flags,
    notes,
    effect,
):
    remedy = Remedy.objects.first()
    before = Episode.objects.filter(user=user).count()
    uses_before = RemedyUse.objects.filter(episode__user=user).count()
    data = {
        "started_at": started_at,
        "ended_at": ended_at,
        "severity": severity,
        "location": location,
        "side": side,
        "triggers": triggers,
        "red_flags": red_flags,
        "notes": notes,
        f"remedy-{remedy.slug}": effect,
    }
    response = user_client.post(reverse("journal:episode_create"), data)
    assert response.status_code in (302, 400)
    after = Episode.objects.filter(user=user).count()
    if response.status_code == 400:
        assert after == before
        assert RemedyUse.objects.filter(episode__user=user).count() == uses_before
        assert "Nothing was saved yet" in response.content.decode()
    else:
        assert after == before + 1
        episode = Episode.objects.filter(user=user).order_by("-id").first()
        assert 0 <= episode.severity <= 10
        assert episode.ended_at is None or episode.ended_at >= episode.started_at
        page = user_client.get(episode.get_absolute_url()).content.decode()
        assert "<script>alert" not in page
        assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
