"""Template filters for journal pages: capped numbers, minutes, fast data-table rows, the pain scale."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from journal.models import SEVERITY_MAX, SEVERITY_MIN

register = template.Library()


@register.filter
def at_most(value, limit):
    """Cap a number, e.g. a progress bar's value at its maximum."""
    try:
        return min(int(value), int(limit))
    except (TypeError, ValueError):
        return value


@register.filter
def whole_minutes(duration):
    """A timedelta as a whole number of minutes, rounded up (a lockout's wait)."""
    try:
        return max(1, -(-int(duration.total_seconds()) // 60))
    except AttributeError:
        return ""


@register.filter
def table_body_rows(table):
    """A data table's rows, (heading, cells) pairs, as <tr> elements, every value escaped.

    Charts over ten years have hundreds of rows; joining them here is many times faster
    than a template loop or format_html per cell.
    """
    return mark_safe(  # noqa: S308 - every value below goes through escape(), as Django's own
        "\n".join(
            f'<tr><th scope="row">{escape(str(heading))}</th>'
            + "".join(f"<td>{escape(str(cell))}</td>" for cell in cells)
            + "</tr>"
            for heading, cells in table
        )
    )


@register.simple_tag
def pain_scale():
    """The 0-10 numeric rating scale, for the one-tap "how bad is it now?" buttons."""
    return range(SEVERITY_MIN, SEVERITY_MAX + 1)
