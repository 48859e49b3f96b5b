"""The time zones a person can choose: real places, each once, and UTC.

The system's list (`zoneinfo.available_timezones()`) also holds "localtime", "Factory",
aliases of UTC ("UCT", "Zulu", "Etc/Universal"), "Etc/GMT+5"-style offsets and old
country-wide names ("US/Eastern", "GB"). People choose from the places the tz database's
own tables list (zone.tab and zone1970.tab), or, without those files, from the names
under a continent or ocean.
"""

import functools
import zoneinfo
from pathlib import Path

UTC = "UTC"
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
TABLES = ("zone.tab", "zone1970.tab")


def _listed_in_tables() -> set[str]:
    names = set()
    for directory in zoneinfo.TZPATH:
        for table in TABLES:
            path = Path(directory) / table
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                columns = line.split("\t")
                if not line.startswith("#") and len(columns) >= 3:
                    names.add(columns[2])
    return names


@functools.cache
def place_names() -> tuple[str, ...]:
    """UTC, then the real places, sorted."""
    available = zoneinfo.available_timezones()
    places = _listed_in_tables() & available
    if not places:
        places = {name for name in available if name.split("/", 1)[0] in REGIONS and "/" in name}
    return (UTC, *sorted(places - {UTC}))


def timezone_choices(current: str | None = None) -> list[tuple[str, str]]:
    """Choices for a form; a zone saved before this list existed stays on it for its owner."""
    names = list(place_names())
    if current and current not in names and current in zoneinfo.available_timezones():
        names.append(current)
    return [(name, name.replace("_", " ")) for name in names]
