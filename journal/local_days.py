"""Calendar days of stored moments, worked out by the database in the person's time zone.

Journal pages group and compare episodes by the day they started *where the person
lives*; doing that per row in Python was the slowest part of a long journal's pages.
"""

import datetime
import functools

from django.conf import settings
from django.db import connections
from django.db.models import DateField, QuerySet
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

# LocalDate's table of UTC offsets on SQLite covers this many years back and ahead of
# the current year. Working it out takes some 20 ms, once per time zone and process.
LOCAL_DATE_YEARS_BACK = 30
LOCAL_DATE_YEARS_AHEAD = 2
_DAY_SECONDS = 24 * 60 * 60


def _utc_offset(timestamp: int, tz: datetime.tzinfo) -> int:
    return int(datetime.datetime.fromtimestamp(timestamp, tz).utcoffset().total_seconds())


@functools.lru_cache(maxsize=64)
def utc_offset_changes(tz: datetime.tzinfo, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The zone's UTC offset from `start` until `end` (UTC timestamps), with every change
    of it (daylight saving, new laws): ((from this timestamp, offset in seconds), ...).

    Found by checking the offset once a day and narrowing each change down to the
    second; zones do not change their offset twice within a day.
    """
    offset = _utc_offset(start, tz)
    changes = [(start, offset)]
    for day in range(start, end, _DAY_SECONDS):
        following = min(day + _DAY_SECONDS, end)
        if _utc_offset(following, tz) == offset:
            continue
        before, after = day, following  # the offset changes after `before`, by `after`
        while after - before > 1:
            middle = (before + after) // 2
            if _utc_offset(middle, tz) == offset:
                before = middle
            else:
                after = middle
        offset = _utc_offset(after, tz)
        changes.append((after, offset))
    return tuple(changes)


def _new_year(year: int) -> int:
    return int(datetime.datetime(year, 1, 1, tzinfo=datetime.UTC).timestamp())


def _sqlite_moment(timestamp: int) -> str:
    # How Django stores an aware datetime in SQLite: UTC, as text that sorts by time.
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


class LocalDate(TruncDate):
    """The calendar day of a moment in `tzinfo`: the same answer as TruncDate.

    On SQLite, TruncDate calls a Python function for every row, which made grouping a
    long journal by day slow. Here SQLite works the day out itself: CASEs nested as a
    binary search find the zone's UTC offset at that moment among its offset changes,
    and `date(moment, offset)` gives the day. Moments outside the table, and other
    databases (PostgreSQL converts natively), use TruncDate as before.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        exact, exact_params = self.as_sql(compiler, connection)
        if self.tzinfo is None or not settings.USE_TZ or connection.timezone_name != "UTC":
            return exact, exact_params
        moment, moment_params = compiler.compile(self.lhs)
        year = timezone.now().year
        table_end = _new_year(year + LOCAL_DATE_YEARS_AHEAD + 1)
        changes = utc_offset_changes(
            self.tzinfo, _new_year(year - LOCAL_DATE_YEARS_BACK), table_end
        )
        # (from, offset) in time order; None: outside the table, where TruncDate answers.
        spans = [(None, None), *changes, (table_end, None)]

        def search(spans):
            if len(spans) == 1:
                offset = spans[0][1]
                if offset is None:
                    return exact, list(exact_params)
                return f"date({moment}, %s)", [*moment_params, f"{offset:+d} seconds"]
            middle = len(spans) // 2
            later, later_params = search(spans[middle:])
            earlier, earlier_params = search(spans[:middle])
            sql = f"CASE WHEN {moment} >= %s THEN {later} ELSE {earlier} END"
            since = _sqlite_moment(spans[middle][0])
            return sql, [*moment_params, since, *later_params, *earlier_params]

        sql, params = search(spans)
        return sql, tuple(params)


class LocalMonth(TruncMonth):
    """The first day of the calendar month of a moment in `tzinfo`, like TruncMonth, and
    like LocalDate without a Python call per row on SQLite."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        day, params = compiler.compile(LocalDate(self.lhs, tzinfo=self.tzinfo))
        return f"date({day}, 'start of month')", params


def as_date(value) -> datetime.date | None:
    # SQLite hands back a day as text, PostgreSQL as a date.
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def plain_rows(rows: QuerySet) -> list[tuple]:
    """The rows of a values_list() query as the database driver returns them.

    Django's per-value converters cost more than the query itself over a few thousand
    rows; callers convert the one or two values that need it (`as_date`).
    """
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
