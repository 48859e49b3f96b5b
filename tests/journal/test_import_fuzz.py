"""Random and malicious files at the import: never a 500, never a partial save."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from journal.models import Episode, RemedyUse

pytestmark = pytest.mark.django_db

HEADER = "started_at,ended_at,severity,location,side,triggers,red_flags,remedies,notes"
CELLS = [
    "2026-03-01T08:00:00+00:00",
    "2026-03-01T09:00",
    "2026-02-30T08:00:00+00:00",
    "2999-01-01T00:00:00+00:00",
    "yesterday",
    "",
    "5",
    "11",
    "-1",
    "NaN",
    "9" * 30,
    "lower",
    "elbow",
    "left",
    "heat:2",
    "heat:9",
    "no-such-remedy:1",
    "cold-pack:1;heat:0",
    "stress-or-anxiety;no-such",
    "fever-with-back-pain",
    '"',
    '""',
    '=HYPERLINK("http://x")',
    "<script>alert(1)</script>",
    "\x00",
    "\r\n",
    "x" * 2100,
]
cell = st.one_of(st.sampled_from(CELLS), st.text(max_size=20))
row = st.lists(cell, min_size=0, max_size=11).map(lambda cells: ",".join(cells))
csv_text = st.lists(row, max_size=6).map(
    lambda rows: "\n".join([HEADER, *rows]) if rows and rows[0] != "" else "\n".join(rows)
)
payload = st.one_of(
    csv_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    csv_text.map(lambda text: text.encode("utf-16")),
)


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=payload)
def test_random_import_files_are_rejected_cleanly_or_saved_whole(user_client, user, content):
    before = Episode.objects.filter(user=user).count()
    uses_before = RemedyUse.objects.filter(episode__user=user).count()
    upload = SimpleUploadedFile("episodes.csv", content, content_type="text/csv")
    response = user_client.post(reverse("journal:import"), {"file": upload})
    assert response.status_code in (302, 400)
    event(f"answered {response.status_code}")
    if response.status_code == 400:
        assert Episode.objects.filter(user=user).count() == before
        assert RemedyUse.objects.filter(episode__user=user).count() == uses_before
        page = response.content.decode()
        assert "<script>alert(1)</script>" not in page
    else:
        assert Episode.objects.filter(user=user).count() >= before


valid_row = st.fixed_dictionaries(
    {
        "day": st.integers(min_value=1, max_value=28),
        "hour": st.integers(min_value=0, max_value=22),
        "severity": st.integers(min_value=0, max_value=10).map(str),
        "location": st.sampled_from(["lower", "mid", "upper", "neck"]),
        "side": st.sampled_from(["", "left", "right", "both", "centre"]),
        "triggers": st.sampled_from(["", "stress-or-anxiety", "sport;heavy-lifting-or-overuse"]),
        "remedies": st.sampled_from(["", "heat:2", "cold-pack:-1;light-walking:1"]),
        "notes": st.text(max_size=30),
    }
)


def as_line(cells, corrupt):
    start = f"2026-03-{cells['day']:02d}T{cells['hour']:02d}:15:00+00:00"
    end = f"2026-03-{cells['day']:02d}T{cells['hour'] + 1:02d}:15:00+00:00"
    values = [
        start,
        end,
        cells["severity"],
        cells["location"],
        cells["side"],
        cells["triggers"],
        "",
        cells["remedies"],
        cells["notes"],
    ]
    if corrupt is not None:
        index, junk = corrupt
        values[index] = junk
    quoted = ['"' + value.replace('"', '""') + '"' for value in values]
    return ",".join(quoted)


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(valid_row, min_size=1, max_size=5),
    corrupt=st.one_of(
        st.none(),
        # A valid start time in the start column is no corruption: it changes which
        # rows share a start, not whether the file is valid.
        st.tuples(st.integers(min_value=0, max_value=7), st.sampled_from(CELLS)).filter(
            lambda corrupt: corrupt not in {(0, CELLS[0]), (0, CELLS[1])}
        ),
    ),
)
def test_one_bad_cell_saves_nothing_and_good_files_save_every_row(user_client, user, rows, corrupt):
    Episode.objects.filter(user=user).delete()
    lines = [
        as_line(cells, corrupt if n == len(rows) - 1 else None) for n, cells in enumerate(rows)
    ]
    content = "\n".join([HEADER, *lines]).encode()
    upload = SimpleUploadedFile("episodes.csv", content, content_type="text/csv")
    response = user_client.post(reverse("journal:import"), {"file": upload})
    assert response.status_code in (302, 400)
    event(f"answered {response.status_code}")
    saved = Episode.objects.filter(user=user).count()
    if response.status_code == 400:
        assert saved == 0
        assert "line" in response.content.decode().lower()
    else:
        distinct_starts = {(cells["day"], cells["hour"]) for cells in rows}
        assert saved == len(distinct_starts)
