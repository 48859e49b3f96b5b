"""The remedy questions of the episode form and of "Trying anything?": one per remedy,
reviewed ones first, then the person's own, then "Other remedy" to name a new one."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q

from guidance.models import Remedy

from .models import Effect, PersonalRemedy
from .personal import clean_name, find_by_name

REMEDY_NOT_TRIED = ""
REMEDY_CHOICES = [(REMEDY_NOT_TRIED, "Not tried"), *Effect.choices]


def effect_field(label, initial=REMEDY_NOT_TRIED):
    return forms.TypedChoiceField(
        label=label,
        choices=REMEDY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial=initial,
        widget=forms.Select(attrs={"class": "form-select-sm"}),
        error_messages={"invalid_choice": "Choose how much it helped from the list."},
    )


@dataclass
class RemedyAnswers:
    """What the person says they tried: reviewed remedies, their own, and a new own one."""

    reviewed: dict = field(default_factory=dict)  # {Remedy: effect}
    own: dict = field(default_factory=dict)  # {PersonalRemedy: effect}
    new_own: dict = field(default_factory=dict)  # {name: effect}, to be added

    def __bool__(self):
        return bool(self.reviewed or self.own or self.new_own)


def current_effects(episode) -> tuple[dict, dict]:
    """({remedy id: effect}, {own remedy id: effect}) already saved for the episode."""
    if episode.pk is None:
        return {}, {}
    return (
        {use.remedy_id: use.effect for use in episode.remedy_uses.all()},
        {use.remedy_id: use.effect for use in episode.personal_remedy_uses.all()},
    )


class RemedyFieldsMixin:
    """One field per active remedy (``remedy-<slug>``) and per active remedy of the
    person's own (``own-remedy-<id>``), so a person answers only for what they tried;
    ``other_remedy`` with ``other_remedy_effect`` names one not in the list."""

    def add_remedy_fields(self, episode):
        current, current_own = current_effects(episode)
        self.remedies = list(Remedy.objects.filter(Q(active=True) | Q(pk__in=current)))
        self.own_remedies = list(
            PersonalRemedy.objects.filter(user_id=episode.user_id).filter(
                Q(active=True) | Q(pk__in=current_own)
            )
        )
        for remedy in self.remedies:
            self.fields[self.remedy_field_name(remedy)] = effect_field(
                remedy.name, current.get(remedy.pk, REMEDY_NOT_TRIED)
            )
        for remedy in self.own_remedies:
            self.fields[self.own_remedy_field_name(remedy)] = effect_field(
                remedy.name, current_own.get(remedy.pk, REMEDY_NOT_TRIED)
            )
        self.fields["other_remedy"] = forms.CharField(
            required=False,
            label="Other remedy",
            help_text="Something not in the list. Only you can see it.",
        )
        self.fields["other_remedy_effect"] = effect_field("How much did it help?")

    @property
    def _answer_names(self):
        return [
            *(self.remedy_field_name(r) for r in self.remedies),
            *(self.own_remedy_field_name(r) for r in self.own_remedies),
            "other_remedy",
            "other_remedy_effect",
        ]

    @property
    def remedies_open(self):
        """Show the remedy list unfolded when it holds answers or errors."""
        names = self._answer_names
        if any(self[name].errors for name in names):
            return True
        return any(self[name].value() not in (None, "", REMEDY_NOT_TRIED) for name in names)

    @property
    def remedy_fields(self):
        """The bound remedy fields, reviewed remedies first, then the person's own."""
        return [self[self.remedy_field_name(remedy)] for remedy in self.remedies] + [
            self[self.own_remedy_field_name(remedy)] for remedy in self.own_remedies
        ]

    @staticmethod
    def remedy_field_name(remedy):
        return f"remedy-{remedy.slug}"

    @staticmethod
    def own_remedy_field_name(remedy):
        return f"own-remedy-{remedy.pk}"

    def clean_other_remedy(self):
        value = self.cleaned_data.get("other_remedy", "")
        if not value.strip():
            return ""
        try:
            return clean_name(value, "remedy")
        except forms.ValidationError as problem:
            raise forms.ValidationError(problem.messages[0]) from None

    def clean_remedy_answers(self):
        """Check "Other remedy" against the rest; call from clean()."""
        name = self.cleaned_data.get("other_remedy")
        effect = self.cleaned_data.get("other_remedy_effect")
        if "other_remedy" in self.errors:
            return
        if name and effect is None:
            self.add_error(
                "other_remedy_effect",
                f"Say how much “{name}” helped, or clear its name if you did not try it.",
            )
        elif effect is not None and not name:
            self.add_error(
                "other_remedy",
                "Type the name of the remedy you tried, or set “How much did it help?” "
                "back to Not tried.",
            )
        elif name:
            listed = find_by_name(self.remedies, name) or find_by_name(self.own_remedies, name)
            if listed is not None:
                field_name = (
                    self.remedy_field_name(listed)
                    if isinstance(listed, Remedy)
                    else self.own_remedy_field_name(listed)
                )
                answered = self.cleaned_data.get(field_name)
                if answered is not None and answered != effect:
                    self.add_error(
                        "other_remedy",
                        f"“{listed.name}” is in the list above with another answer: "
                        "give one answer for it.",
                    )

    def remedy_answers(self) -> RemedyAnswers:
        """The remedies the person says they tried, with how much each helped."""
        answers = RemedyAnswers()
        for remedy in self.remedies:
            effect = self.cleaned_data.get(self.remedy_field_name(remedy))
            if effect is not None:
                answers.reviewed[remedy] = effect
        for remedy in self.own_remedies:
            effect = self.cleaned_data.get(self.own_remedy_field_name(remedy))
            if effect is not None:
                answers.own[remedy] = effect
        name = self.cleaned_data.get("other_remedy")
        effect = self.cleaned_data.get("other_remedy_effect")
        if name and effect is not None:
            # A name already in the list is that remedy, reviewed or the person's own.
            if listed := find_by_name(self.remedies, name):
                answers.reviewed[listed] = effect
            elif listed := find_by_name(self.own_remedies, name):
                answers.own[listed] = effect
            else:
                answers.new_own[name] = effect
        return answers
