"""Template filters for guidance pages: structured data that cannot break out of its block."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As in Django's json_script: the data can never close the <script> element early.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(value):
    """A schema.org data block. Data, not script, so the CSP's script-src does not apply."""
    data = json.dumps(value, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308
