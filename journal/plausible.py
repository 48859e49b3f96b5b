"""When a recorded time is believable: from 1900 on, and not in the future.

Episode forms, the CSV import and the history's date ranges all apply these limits.
"""

import datetime

EARLIEST_YEAR = 1900
EARLIEST_DAY = datetime.date(EARLIEST_YEAR, 1, 1)
EARLIEST_MOMENT = datetime.datetime(EARLIEST_YEAR, 1, 1, tzinfo=datetime.UTC)
# The last day a range of the history may name.
LATEST_DAY = datetime.date(2100, 12, 31)
# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)


def latest_moment(now: datetime.datetime) -> datetime.datetime:
    """The latest start or end time that can have happened by ``now``."""
    return now + FUTURE_TOLERANCE
