"""Triggers, remedies, warning signs and risk factors: retired, never deleted."""

from django.contrib import admin

from ..models import (
    RedFlag,
    Remedy,
    RiskFactor,
    Trigger,
)
from .history import ContentHistoryAdmin


class KeepWhatJournalsUseMixin:
    """Vocabulary that people have recorded in their journals is retired, never deleted.

    Deleting a trigger or red flag would silently take it off people's episodes (and the
    delete page would list journal records to staff), so an entry in use can only be
    made inactive; bulk delete is off for the same reason.
    """

    journal_relation = "episodes"  # the reverse relation from the journal

    def has_delete_permission(self, request, obj=None):
        if obj is not None and getattr(obj, self.journal_relation).exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class VocabularyAdmin(KeepWhatJournalsUseMixin, ContentHistoryAdmin):
    """What triggers, remedies and red flags share: ordered, retired rather than deleted."""

    list_editable = ["order", "active"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Trigger)
class TriggerAdmin(VocabularyAdmin):
    list_display = ["name", "article", "order", "active"]
    list_filter = ["active", "article__section"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["article"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        ("Where it appears", {"fields": ["article", "order", "active"]}),
    ]


@admin.register(Remedy)
class RemedyAdmin(VocabularyAdmin):
    journal_relation = "uses"

    list_display = ["name", "kind", "article", "order", "active"]
    list_filter = ["active", "kind"]
    search_fields = ["name", "slug", "description", "caution", "evidence"]
    autocomplete_fields = ["article"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        (
            "Safety and evidence",
            {
                "fields": ["caution", "evidence"],
                "description": "A medicine must have a caution note.",
            },
        ),
        ("Where it appears", {"fields": ["article", "order", "active"]}),
    ]


@admin.register(RedFlag)
class RedFlagAdmin(VocabularyAdmin):
    list_display = ["name", "urgency", "question", "order", "active"]
    list_filter = ["urgency", "active"]
    search_fields = ["name", "slug", "question", "advice"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "urgency"]}),
        (
            "What the person sees",
            {
                "fields": ["question", "advice"],
                "description": "The journal's episode form asks the question. The name and "
                "advice are shown on the 'When to see a doctor' page and in the journal of "
                "anyone who reports this sign.",
            },
        ),
        ("Display", {"fields": ["order", "active"]}),
    ]


@admin.register(RiskFactor)
class RiskFactorAdmin(ContentHistoryAdmin):
    list_display = ["name", "urgency", "question", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["urgency", "active"]
    search_fields = ["name", "slug", "question", "advice"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["article"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "urgency"]}),
        (
            "What the person sees",
            {
                "fields": ["question", "advice", "article"],
                "description": "The journal's optional 'About you' page asks the question. "
                "During a bout of back pain, people who said yes see the name and advice "
                "among the reasons to get help, with a link to the article.",
            },
        ),
        ("Display", {"fields": ["order", "active"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # Answers on people's profiles point here: retire a risk factor, never delete it.
        return False
