"""Template filters for journal pages: capped numbers, minutes, fast data-table rows, the pain scale."""

from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from journal.blank_forms import blank_form_html
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
    return mark_safe(  # noqa: S308 - every value below goes through _cell(): escaped
        "\n".join(
            f'<tr><th scope="row">{_cell(heading)}</th>'
            + "".join(f"<td>{_cell(cell)}</td>" for cell in cells)
            + "</tr>"
            for heading, cells in table
        )
    )


def _cell(value) -> str:
    """A table cell's text, escaped; a number has nothing to escape (most cells are)."""
    return str(value) if type(value) in (int, float) else escape(str(value))


@register.simple_tag
def pain_scale():
    """The 0-10 numeric rating scale, for the one-tap "how bad is it now?" buttons."""
    return range(SEVERITY_MIN, SEVERITY_MAX + 1)


@register.simple_tag
def choice_buttons(field, compact=False, button_class="btn-outline-primary"):
    """A radio field drawn as a row of large buttons, easy to hit with a thumb.

    Written here rather than as a template loop over the field's radio widgets: the
    dashboard and the episode form draw three of these on every view, and Django's
    widget rendering per option cost more than the rest of the page. The form around it
    carries autocomplete="off" (HTML allows it on the form, not on a radio), so Firefox
    never brings back a choice from before a reload or Back over the one the page was
    sent with.
    """
    auto_id = escape(field.auto_id)
    name = escape(field.html_name)
    value = field.value()
    # As Django's radio widget reads it: nothing chosen is the blank choice, if any.
    values = value if isinstance(value, list | tuple) else [value]
    chosen = {"" if v is None else str(v) for v in values}
    help_id = f"{auto_id}_help"
    parts = [
        f'<fieldset id="div_{auto_id}" class="mb-3{" is-invalid" if field.errors else ""}"'
        + (f' aria-describedby="{help_id}"' if field.help_text else "")
        + ">",
        f'<legend class="form-label fs-6 fw-semibold mb-1">{conditional_escape(field.label)}'
        + ('<span class="asteriskField">*</span>' if field.field.required else "")
        + "</legend>",
    ]
    if field.help_text:
        parts.append(
            f'<div id="{help_id}" class="form-text mt-0 mb-2">{conditional_escape(field.help_text)}</div>'
        )
    parts.append(
        f'<div class="choice-buttons d-flex flex-wrap gap-2{" severity-scale" if compact else ""}">'
    )
    for index, (option_value, option_label) in enumerate(field.field.choices):
        option_id = f"{auto_id}_{index}"
        text = escape(str(option_value)) if compact else conditional_escape(option_label)
        parts.append(
            f'<input type="radio" class="btn-check" name="{name}" id="{option_id}" '
            f'value="{escape(str(option_value))}"'
            + (" checked" if str(option_value) in chosen else "")
            + f'><label class="btn {escape(button_class)}" for="{option_id}">{text}</label>'
        )
    parts.append("</div>")
    parts.extend(
        f'<div class="invalid-feedback d-block">{conditional_escape(error)}</div>'
        for error in field.errors
    )
    parts.append("</fieldset>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def range_date_fields(form):
    """The range controls' two dates, as crispy draws them; kept drawn while blank."""
    if form.is_bound:  # sent back with its errors
        return render_to_string("includes/range_date_fields.html", {"form": form})
    return blank_form_html("includes/range_date_fields.html", type(form), form.initial)
