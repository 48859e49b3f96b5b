"""The care thresholds: one row, edited in place."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from ..forms import CareThresholdsForm
from ..models import (
    CareThresholds,
)
from ..models.thresholds import THRESHOLD_FIELDS
from .history import ContentHistoryAdmin


@admin.register(CareThresholds)
class CareThresholdsAdmin(ContentHistoryAdmin):
    """One row holds the rules in force: it can be edited, never added twice or deleted."""

    form = CareThresholdsForm
    list_display = ["__str__", *THRESHOLD_FIELDS, "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            "When the journal says 'see a doctor'",
            {
                "fields": [
                    "see_doctor_after_days",
                    "severe_pain_level",
                    "severe_pain_days",
                    "not_improving_after_days",
                    "recurrence_bouts",
                    "recurrence_window_days",
                ],
                "description": "Each field says where its number comes from: a clinical "
                "guideline, or a rule of thumb of BackCare's own.",
            },
        ),
        ("How episodes join into bouts", {"fields": ["symptom_free_gap_days"]}),
        ("Record", {"fields": ["updated_at"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CareThresholds.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # A list of one row is a detour: go straight to the row.
        thresholds = CareThresholds.objects.first()
        if thresholds and self.has_view_or_change_permission(request, thresholds):
            return redirect(reverse("admin:guidance_carethresholds_change", args=[thresholds.pk]))
        return super().changelist_view(request, extra_context)
