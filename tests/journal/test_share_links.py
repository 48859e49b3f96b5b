"""Share links as stored: the token only as a hash, finding a link, stopping it, deletion."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from journal import services, sharing
from journal.models import ShareLink
from journal.periods import DayRange

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def make_link(user, *, lasts_days=7, now=None):
    return sharing.create_link(
        user=user,
        range_key=ShareLink.Range.PAST_30,
        day_range=DayRange(TODAY - datetime.timedelta(days=29), TODAY),
        lasts_days=lasts_days,
        now=now,
    )


def test_token_has_at_least_128_bits_and_is_url_safe(user):
    _, token = make_link(user)
    assert len(token) == 32  # 24 random bytes, base64
    assert sharing.well_formed(token)


def test_token_is_never_stored_in_clear(user):
    link, token = make_link(user)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ShareLink._meta.db_table} WHERE id = %s", [link.pk])
        row = cursor.fetchone()
    assert not any(token in str(value) for value in row)
    assert link.token_hash == sharing.token_hash(token) != token


def test_two_links_never_share_a_token(user):
    tokens = {make_link(user)[1] for _ in range(20)}
    assert len(tokens) == 20


def test_token_finds_its_link_with_the_owner(user):
    link, token = make_link(user)
    found = sharing.find_usable_link(token)
    assert found == link
    assert found.user == user


@pytest.mark.parametrize(
    "token",
    ["", "short", "x" * 31, "x" * 33, "a" * 31 + "!", "../" * 11, "é" * 32],
    ids=["empty", "short", "31-chars", "33-chars", "bad-char", "path", "non-ascii"],
)
def test_malformed_token_finds_nothing_without_a_query(token, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert sharing.find_usable_link(token) is None


def test_unknown_token_finds_nothing(user):
    make_link(user)
    assert sharing.find_usable_link(sharing.new_token()) is None


def test_expired_link_finds_nothing(user):
    made = timezone.now() - datetime.timedelta(days=2)
    _, token = make_link(user, lasts_days=1, now=made)
    assert sharing.find_usable_link(token) is None
    assert sharing.find_usable_link(token, now=made + datetime.timedelta(hours=23))


def test_stopped_link_finds_nothing_and_stopping_twice_keeps_the_first_time(user):
    link, token = make_link(user)
    first = timezone.now() - datetime.timedelta(minutes=5)
    sharing.stop_link(link, now=first)
    sharing.stop_link(link)
    link.refresh_from_db()
    assert link.revoked_at == first
    assert link.status(timezone.now()) == ShareLink.Status.STOPPED
    assert sharing.find_usable_link(token) is None


def test_status_reads_active_expired_stopped(user):
    now = timezone.now()
    link, _ = make_link(user, lasts_days=1, now=now)
    assert link.status(now) == ShareLink.Status.ACTIVE
    assert link.status(now + datetime.timedelta(days=1)) == ShareLink.Status.EXPIRED


def test_each_opening_is_counted_with_its_time(user):
    link, _ = make_link(user)
    when = timezone.now()
    sharing.record_opening(link, now=when)
    sharing.record_opening(link, now=when)
    link.refresh_from_db()
    assert link.opened_count == 2
    assert link.last_opened_at == when


def test_deleting_the_account_deletes_its_links(user, other_user):
    make_link(user)
    kept, _ = make_link(other_user)
    services.account_delete(user=user)
    assert list(ShareLink.objects.all()) == [kept]


def test_links_for_user_are_only_their_own(user, other_user):
    mine, _ = make_link(user)
    make_link(other_user)
    assert list(ShareLink.objects.for_user(user)) == [mine]
