"""History pages that answer 404 for impossible ids and show long text in full."""

import difflib

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_model_for_model


class ContentHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages answer 404 for an id that cannot exist.

    django-simple-history puts the ids from the address straight into a query, so
    .../abc/history/, .../1/change/history/ (object id "1/change") or
    .../1/history/abc/ raise ValueError, a 500. An id that is a valid key but matches
    nothing is already a 404 there; a deleted object's history stays viewable.
    """

    def history_view(self, request, object_id, extra_context=None):
        _valid_key_or_404(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _valid_key_or_404(self.model._meta.pk, unquote(object_id))
        _valid_key_or_404(get_history_model_for_model(self.model)._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def _valid_key_or_404(pk_field, value):
    try:
        pk_field.to_python(value)
    except (ValidationError, ValueError, TypeError) as error:
        raise Http404(
            f"{value!r} is not a valid {pk_field.model._meta.verbose_name} id."
        ) from error


class FullTextHistoryHelper(HistoricalRecordContextHelper):
    """History changes of long text show every changed line in full, as a line diff,
    so a reviewer can read what changed before reverting."""

    LONG_TEXT_FIELDS = {"body", "summary", "sources", "description", "advice", "caution"}

    def stringify_delta_change_values(self, change, old, new):
        if change.field not in self.LONG_TEXT_FIELDS:
            return super().stringify_delta_change_values(change, old, new)
        return "", line_diff(str(old or ""), str(new or ""))


def line_diff(old, new):
    """The changed lines of two texts, removed lines in <del>, added lines in <ins>."""
    lines = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(mark_safe('<span class="diff-gap">…</span>'))
        elif line.startswith("-"):
            lines.append(format_html("<del>- {}</del>", line[1:]))
        elif line.startswith("+"):
            lines.append(format_html("<ins>+ {}</ins>", line[1:]))
        else:
            lines.append(format_html("<span>  {}</span>", line[1:]))
    return format_html(
        '<div class="history-diff">{}</div>',
        mark_safe("<br>".join(lines)),  # noqa: S308
    )
