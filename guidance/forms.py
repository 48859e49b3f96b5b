"""Forms for guidance: the public search box, and the admin's article and thresholds forms."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.validators import MaxValueValidator, MinValueValidator

from .models import Article, CareThresholds
from .models.thresholds import THRESHOLD_FIELDS


class ArticleSearchForm(forms.Form):
    q = forms.CharField(label="Search the guidance", max_length=100, required=False)

    def query(self):
        """The cleaned search words, or "" when there are none (or they were invalid)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["q"].strip()
        return ""


class ArticleAdminForm(forms.ModelForm):
    # The review-date rules live in Article.clean(), which the admin calls. Who signed an
    # article off, and when, are not fields here: only the sign-off sets them.
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "section",
            "order",
            "status",
            "summary",
            "body",
            "sources",
            "last_reviewed",
            "next_review_due",
        ]
        widgets = {
            "summary": AdminTextareaWidget(attrs={"rows": 3}),
            "body": AdminTextareaWidget(attrs={"rows": 24}),
            "sources": AdminTextareaWidget(attrs={"rows": 5}),
        }


def value_range(model_field):
    """The narrowest (low, high) the model field's validators allow."""
    lows = [v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator)]
    return max(lows), min(highs)


class CareThresholdsForm(forms.ModelForm):
    """The ranges come from the model's validators; the form only says them plainly."""

    UNITS = {
        "see_doctor_after_days": "days",
        "symptom_free_gap_days": "days",
        "recurrence_bouts": "bouts",
        "recurrence_window_days": "days",
        "severe_pain_level": "on the 0 to 10 pain scale",
        "severe_pain_days": "days",
        "not_improving_after_days": "days",
    }

    class Meta:
        model = CareThresholds
        fields = THRESHOLD_FIELDS
        labels = {
            "see_doctor_after_days": "See a doctor when a bout lasts longer than (days)",
            "symptom_free_gap_days": "Longest symptom-free gap within one bout (days)",
            "recurrence_bouts": "Recurring bouts that mean 'see a doctor'",
            "recurrence_window_days": "Window for counting recurring bouts (days)",
            "severe_pain_level": "Severe pain level (0 to 10)",
            "severe_pain_days": "See a doctor when severe pain lasts longer than (days)",
            "not_improving_after_days": "See a doctor when pain is no lower after (days)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            low, high = value_range(CareThresholds._meta.get_field(name))
            message = f"Enter a whole number from {low} to {high} {self.UNITS[name]}."
            field.validators = [MinValueValidator(low), MaxValueValidator(high)]
            field.error_messages.update(min_value=message, max_value=message)
            field.widget.attrs.update(min=low, max=high)
