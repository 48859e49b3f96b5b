"""Settings for a person's own triggers and remedies: rename, retire, bring back.

Each is a POST from the Settings page that answers with a message and goes back there.
Entries are reached through ``for_user``, so another person's is a 404.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from accounts.decorators import login_required_warn_unsaved
from guidance.models import Remedy, Trigger

from . import services
from .models import PersonalRemedy, PersonalTrigger
from .personal import NOUNS, clean_name, name_taken

KINDS = {"triggers": (PersonalTrigger, Trigger), "remedies": (PersonalRemedy, Remedy)}
PLURALS = {PersonalTrigger: "triggers", PersonalRemedy: "remedies"}
SETTINGS = "accounts:account_settings"


def own_entries(user) -> dict:
    """The Settings page's lists: the person's own triggers and remedies, in use first."""
    return {
        kind: list(model.objects.for_user(user).order_by("-active", "name", "id"))
        for kind, (model, _) in KINDS.items()
    }


def _entry(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    model, reviewed = KINDS[kind]
    return get_object_or_404(model.objects.for_user(request.user), pk=pk), reviewed


class RenameForm(forms.Form):
    name = forms.CharField(required=False)

    def __init__(self, *args, entry, reviewed, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry, self.reviewed = entry, reviewed

    def clean_name(self):
        noun = NOUNS[type(self.entry)]
        name = clean_name(self.cleaned_data.get("name", ""), noun)
        if name_taken(type(self.entry), user=self.entry.user, name=name, exclude_pk=self.entry.pk):
            raise forms.ValidationError(f"You already have a {noun} called “{name}”.")
        if any(
            other.casefold() == name.casefold()
            for other in self.reviewed.objects.filter(active=True).values_list("name", flat=True)
        ):
            raise forms.ValidationError(
                f"“{name}” is already in the list of {PLURALS[type(self.entry)]} everyone "
                "sees: tick that one "
                "on your episodes instead."
            )
        return name


@login_required_warn_unsaved(after_login=SETTINGS)
@require_POST
def rename(request, kind, pk):
    entry, reviewed = _entry(request, kind, pk)
    old = entry.name
    form = RenameForm(request.POST, entry=entry, reviewed=reviewed)
    if not form.is_valid():
        messages.error(request, f"“{old}” was not renamed: {form.errors['name'][0]}")
    elif form.cleaned_data["name"] == old:
        messages.info(request, f"“{old}” kept its name.")
    else:
        services.personal_rename(entry=entry, name=form.cleaned_data["name"])
        messages.success(request, f"Renamed “{old}” to “{entry.name}”, on every episode.")
    return redirect(SETTINGS)


@login_required_warn_unsaved(after_login=SETTINGS)
@require_POST
def retire(request, kind, pk):
    entry, _ = _entry(request, kind, pk)
    services.personal_set_active(entry=entry, active=False)
    messages.success(
        request,
        f"“{entry.name}” is retired: it is no longer offered, and the episodes that name it "
        "keep it.",
    )
    return redirect(SETTINGS)


@login_required_warn_unsaved(after_login=SETTINGS)
@require_POST
def restore(request, kind, pk):
    entry, _ = _entry(request, kind, pk)
    services.personal_set_active(entry=entry, active=True)
    messages.success(request, f"“{entry.name}” is offered again on your episodes.")
    return redirect(SETTINGS)
