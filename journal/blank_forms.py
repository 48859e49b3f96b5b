"""Blank forms drawn once and kept.

crispy draws a field through several nested templates, which on the history and the
report cost more than the rest of the page. A blank (unbound) form draws the same every
time for the same starting values, so each is drawn once per process and kept here. A
form sent back with errors is always drawn afresh. Nothing kept holds a CSRF token: the
templates put that in the <form> around what is drawn here.
"""

import functools

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@functools.lru_cache(maxsize=512)
def _drawn(template_name: str, form_class: type, initial: tuple, options: tuple) -> str:
    form = form_class(initial=dict(initial), **dict(options))
    return render_to_string(template_name, {"form": form})


def blank_form_html(template_name: str, form_class: type, initial: dict, **options) -> SafeString:
    """``form_class(initial=initial, **options)`` drawn by ``template_name`` (given the form
    as ``form``); every value must be hashable."""
    return mark_safe(  # noqa: S308 - drawn by a template, which escaped what it drew
        _drawn(
            template_name,
            form_class,
            tuple(sorted(initial.items())),
            tuple(sorted(options.items())),
        )
    )
