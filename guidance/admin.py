"""Staff editing of guidance content. Every change is kept by django-simple-history."""

import difflib

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_model_for_model

from .forms import ArticleAdminForm, CareThresholdsForm
from .models import (
    CLINICAL_REVIEWERS,
    READING_ORDER,
    REVIEW_INTERVAL,
    Article,
    CareThresholds,
    RedFlag,
    Remedy,
    RiskFactor,
    StaffProfile,
    Trigger,
)


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


def is_clinical_reviewer(user):
    """Only members of the Clinical reviewers group sign articles off (superusers too
    must be members: a sign-off vouches for clinical knowledge, not for access)."""
    return user.is_active and user.is_staff and user.groups.filter(name=CLINICAL_REVIEWERS).exists()


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


@admin.register(Article)
class ArticleAdmin(ContentHistoryAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/guidance/article/change_form.html"
    # What a review round looks for, in a table that fits a 1366px screen beside the
    # admin's sidebar and filters (tests/guidance/test_admin_browser.py measures it).
    list_display = [
        "title",
        "section",
        "status",
        "clinical_review",
        "review_due",
    ]
    list_filter = [ReviewOverdueFilter, "status", "section"]
    search_fields = ["title", "slug", "summary", "body", "reviewed_by"]
    ordering = READING_ORDER
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "clinical_review",
        "reviewed_by",
        "clinically_reviewed_on",
        "created_at",
        "updated_at",
    ]
    actions = ["sign_off"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "order", "status"]}),
        ("Content", {"fields": ["summary", "body", "sources"]}),
        (
            "Review",
            {
                "fields": [
                    "clinical_review",
                    "reviewed_by",
                    "clinically_reviewed_on",
                    "last_reviewed",
                    "next_review_due",
                ],
                "description": "Only a member of the Clinical reviewers group can sign an "
                "article off, with the 'Sign off as clinically reviewed' button or action; "
                "until then the page says it is not yet reviewed by a clinician. Editing "
                "the title, summary or body after a sign-off shows 'changed since its last "
                "clinical review' until it is signed off again.",
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    history_list_display = ["status", "clinically_reviewed_on"]

    def get_historical_record_context_helper(self, request, historical_record):
        return FullTextHistoryHelper(self.model, historical_record)

    @admin.display(description="Clinical review")
    def clinical_review(self, article):
        if not article.is_clinically_reviewed:
            return "Not yet reviewed by a clinician"
        when = dateformat.format(article.clinically_reviewed_on, "j M Y")
        if article.changed_since_clinical_review:
            return format_html("⚠ Changed since its last clinical review ({})", when)
        return f"Reviewed {when}"

    @admin.display(description="Review due", ordering="next_review_due")
    def review_due(self, article):
        due = dateformat.format(article.next_review_due, "j M Y")
        if article.is_overdue:
            return format_html('<strong class="review-overdue">⚠ Overdue since {}</strong>', due)
        return due

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_clinical_reviewer(request.user):
            actions.pop("sign_off", None)
        return actions

    @admin.action(description="Sign off as clinically reviewed", permissions=["change"])
    def sign_off(self, request, queryset):
        self._sign_off(request, list(queryset))

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/sign-off/",
                self.admin_site.admin_view(self.sign_off_view),
                name="guidance_article_sign_off",
            )
        ]
        return urls + super().get_urls()

    def sign_off_view(self, request, object_id):
        _valid_key_or_404(self.model._meta.pk, unquote(object_id))
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        self._sign_off(request, [article])
        return redirect(reverse("admin:guidance_article_change", args=[article.pk]))

    def _sign_off(self, request, articles):
        user = request.user
        if not is_clinical_reviewer(user):
            self.message_user(
                request,
                f"Only members of the {CLINICAL_REVIEWERS} group can sign articles off.",
                messages.ERROR,
            )
            return
        if not user.get_full_name():
            self.message_user(
                request,
                "Add your first and last name to your account before signing off: the "
                "page names the reviewer, never a login name.",
                messages.ERROR,
            )
            return
        profile = StaffProfile.objects.filter(user=user).first()
        credentials = profile.credentials if profile else ""
        today = timezone.localdate()
        for article in articles:
            article.sign_off(user, credentials, today)
            article._change_reason = "Signed off as clinically reviewed"
            article.save()
        self.message_user(
            request,
            ngettext(
                "%(count)d article signed off as reviewed by %(reviewer)s; next review due "
                "%(due)s.",
                "%(count)d articles signed off as reviewed by %(reviewer)s; next review due "
                "%(due)s.",
                len(articles),
            )
            % {
                "count": len(articles),
                "reviewer": articles[0].reviewed_by if articles else "",
                "due": dateformat.format(today + REVIEW_INTERVAL, "j F Y"),
            },
            messages.SUCCESS,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_sign_off"] = (
            obj is not None
            and is_clinical_reviewer(request.user)
            and self.has_change_permission(request, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    verbose_name_plural = "Staff profile (shown on articles this person signs off)"


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffProfileInline]


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
        "severe_pain_days",
        "not_improving_after_days",
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
