from django import template

register = template.Library()


@register.filter
def at_most(value, limit):
    """Cap a number, e.g. a progress bar's value at its maximum."""
    try:
        return min(int(value), int(limit))
    except (TypeError, ValueError):
        return value
