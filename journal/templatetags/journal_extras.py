from django import template

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
