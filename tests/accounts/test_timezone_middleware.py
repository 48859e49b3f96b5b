"""The person's time zone is active for their own request only."""

import pytest
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_persons_zone_does_not_outlive_their_request(user_client, user):
    user.profile.timezone = "Asia/Kolkata"
    user.profile.save()
    timezone.deactivate()

    user_client.get("/journal/")

    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
