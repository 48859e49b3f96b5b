"""Staff editing of guidance content. Every change is kept by django-simple-history."""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from .forms import ArticleAdminForm, CareThresholdsForm
from .models import (
    EDITORIAL_TEAM,
    READING_ORDER,
    Article,
    CareThresholds,
    RedFlag,
    Remedy,
    Trigger,
)

REVIEW_INTERVAL = timedelta(days=365)


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


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "Review overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.overdue().values("pk"))
        return queryset


@admin.register(Article)
class ArticleAdmin(ContentHistoryAdmin):
    form = ArticleAdminForm
    # What a review round looks for, in a table that fits a 1366px screen beside the
    # admin's sidebar and filters (tests/guidance/test_admin_browser.py measures it).
    # Order and reviewer are on the form; the reviewer can be searched for.
    list_display = [
        "title",
        "section",
        "status",
        "overdue_for_review",
        "next_review_due",
        "last_reviewed",
    ]
    list_filter = [ReviewOverdueFilter, "status", "section"]
    search_fields = ["title", "slug", "summary", "body", "reviewed_by"]
    ordering = READING_ORDER
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["mark_reviewed_today"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "order", "status"]}),
        ("Content", {"fields": ["summary", "body", "sources"]}),
        (
            "Review",
            {
                "fields": ["reviewed_by", "last_reviewed", "next_review_due"],
                "description": "Shown on the page as the review line. "
                "The next review must be due after the last one.",
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    history_list_display = ["status", "last_reviewed"]

    @admin.display(boolean=True, description="Overdue for review", ordering="next_review_due")
    def overdue_for_review(self, article):
        return article.is_overdue

    @admin.action(description="Mark reviewed today", permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        """Record that the acting staff member reviewed the selected articles today.

        The review line must name who actually did this review, so an earlier
        reviewer's name and credentials are replaced: by the staff member's full name,
        or the editorial team's when the account has none. Never the login name, which
        is half of what it takes to sign in to the admin. Credentials can be added by
        editing the article.
        """
        today = timezone.localdate()
        reviewer = (request.user.get_full_name() or EDITORIAL_TEAM)[:200]
        count = 0
        # One save per article (not queryset.update) so each change enters the history.
        for article in queryset:
            article.last_reviewed = today
            article.next_review_due = today + REVIEW_INTERVAL
            article.reviewed_by = reviewer
            article._change_reason = "Marked reviewed today"
            article.save(
                update_fields=["last_reviewed", "next_review_due", "reviewed_by", "updated_at"]
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d article marked reviewed today by %(reviewer)s; next review due %(due)s.",
                "%(count)d articles marked reviewed today by %(reviewer)s; next review due %(due)s.",
                count,
            )
            % {
                "count": count,
                "reviewer": reviewer,
                "due": dateformat.format(today + REVIEW_INTERVAL, "j F Y"),
            },
            messages.SUCCESS,
        )


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


@admin.register(Trigger)
class TriggerAdmin(KeepWhatJournalsUseMixin, ContentHistoryAdmin):
    list_display = ["name", "article", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["active", "article__section"]
    search_fields = ["name", "slug", "description"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["article"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        ("Where it appears", {"fields": ["article", "order", "active"]}),
    ]


@admin.register(Remedy)
class RemedyAdmin(KeepWhatJournalsUseMixin, ContentHistoryAdmin):
    journal_relation = "uses"

    list_display = ["name", "kind", "article", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["active", "kind"]
    search_fields = ["name", "slug", "description", "caution", "evidence"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
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
class RedFlagAdmin(KeepWhatJournalsUseMixin, ContentHistoryAdmin):
    list_display = ["name", "urgency", "question", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["urgency", "active"]
    search_fields = ["name", "slug", "question", "advice"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
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


@admin.register(CareThresholds)
class CareThresholdsAdmin(ContentHistoryAdmin):
    """One row holds the rules in force: it can be edited, never added twice or deleted."""

    form = CareThresholdsForm
    list_display = [
        "__str__",
        "see_doctor_after_days",
        "symptom_free_gap_days",
        "recurrence_bouts",
        "recurrence_window_days",
        "severe_pain_level",
        "updated_at",
    ]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            "When the journal says 'see a doctor'",
            {
                "fields": [
                    "see_doctor_after_days",
                    "severe_pain_level",
                    "recurrence_bouts",
                    "recurrence_window_days",
                ]
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
