"""Articles in the admin: the review columns, and clinical sign-off."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from ..forms import ArticleAdminForm
from ..models import (
    CLINICAL_REVIEWERS,
    READING_ORDER,
    REVIEW_INTERVAL,
    Article,
    StaffProfile,
)
from ..readability import PLAIN_GRADE, grade_level
from .history import ContentHistoryAdmin, FullTextHistoryHelper, _valid_key_or_404


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
        "reading_level",
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
        ("Content", {"fields": ["summary", "body", "reading_level", "sources"]}),
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

    @admin.display(description="Reading level")
    def reading_level(self, article):
        if not article.body:
            return "Shown after the first save."
        grade = grade_level(article.body)
        verdict = "within" if grade <= PLAIN_GRADE else "above"
        return (
            f"School grade {grade:.1f} (Flesch-Kincaid), {verdict} the grade {PLAIN_GRADE} "
            "the guidance aims for. Shorter sentences and words bring it down."
        )

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
