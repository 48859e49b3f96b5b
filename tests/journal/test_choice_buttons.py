"""The rows of big radio buttons on the quick log and the episode form."""

import re

import pytest
from django import forms

from journal.forms import EpisodeForm, QuickLogForm
from journal.templatetags.journal_extras import choice_buttons


def radios(html):
    """(value, checked, id, label) for each button, read back from the markup."""
    found = re.findall(
        r'<input type="radio" class="btn-check" name="\w+" id="(\w+)" value="([^"]*)"( checked)?>'
        r'<label class="btn [\w-]+" for="(\w+)">([^<]*)</label>',
        html,
    )
    for input_id, _value, _checked, label_for, _text in found:
        assert input_id == label_for  # every label names its own button
    return [(value, bool(checked), text) for _id, value, checked, _for, text in found]


def test_the_severity_scale_shows_numbers_and_keeps_the_choice_sent():
    html = choice_buttons(QuickLogForm({"severity": "7"})["severity"], compact=True)
    buttons = radios(html)
    assert [value for value, _, _ in buttons] == [str(n) for n in range(11)]
    assert [text for _, _, text in buttons] == [str(n) for n in range(11)]
    assert [value for value, checked, _ in buttons if checked] == ["7"]
    assert "severity-scale" in html
    assert "is-invalid" not in html


def test_places_show_their_names_and_an_error_says_what_is_missing():
    form = QuickLogForm({"severity": "4"})
    assert not form.is_valid()
    html = choice_buttons(form["location"], button_class="btn-outline-secondary")
    assert ("lower", False, "Lower back") in radios(html)
    assert not any(checked for _, checked, _ in radios(html))
    assert 'class="mb-3 is-invalid"' in html
    assert f'<div class="invalid-feedback d-block">{form.errors["location"][0]}</div>' in html


@pytest.mark.django_db  # the episode form reads the trigger and remedy lists
def test_an_unanswered_side_starts_on_not_sure():
    buttons = radios(choice_buttons(EpisodeForm()["side"]))
    assert buttons[0] == ("", True, "Not sure")
    assert not any(checked for _, checked, _ in buttons[1:])


def test_labels_help_and_choices_are_escaped():
    class Odd(forms.Form):
        pick = forms.ChoiceField(
            label="Pick <one>",
            help_text="Either & or",
            choices=[("a", "<b>bold</b>"), ('"q', "quote")],
            widget=forms.RadioSelect,
        )

    html = choice_buttons(Odd()["pick"])
    assert "Pick &lt;one&gt;" in html
    assert 'aria-describedby="id_pick_help"' in html
    assert '<div id="id_pick_help" class="form-text mt-0 mb-2">Either &amp; or</div>' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'value="&quot;q"' in html
    assert "<b>" not in html
