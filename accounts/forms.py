"""Forms for signing up, a person's name and time zone, and deleting the account."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from guidance.models import RiskFactor

from .consent import consent_field, consent_values
from .models import Profile
from .timezones import timezone_choices


def timezone_field(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=timezone_choices,
        label="Your time zone",
        help_text="Days in your journal start and end at midnight in this time zone.",
        **kwargs,
    )


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="Only used to reset your password. Never shared.",
    )
    timezone = timezone_field(initial="UTC")
    consent_health_data = consent_field()

    field_order = ("username", "email", "password1", "password2", "timezone", "consent_health_data")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # static/js/timezone.js puts this device's zone in: the person only checks it.
            self.fields["timezone"].widget.attrs["data-detect-timezone"] = ""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            Profile.objects.update_or_create(
                user=user, defaults={"timezone": self.cleaned_data["timezone"], **consent_values()}
            )
        return user

    # Whether the username or the address is already in use is answered by email
    # (accounts/signup.py), never on the page: that would tell anyone who has an account.
    def clean_username(self):
        return self.cleaned_data.get("username")

    def validate_unique(self):
        pass


class NameForm(forms.ModelForm):
    """The name printed on the report for a doctor; the username stands in without one."""

    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name")
        help_texts = {"last_name": "Optional. Printed on the report you take to a doctor."}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class ProfileForm(forms.ModelForm):
    timezone = timezone_field()

    class Meta:
        model = Profile
        fields = ("timezone",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices(self.instance.timezone)


class CheckinForm(forms.ModelForm):
    """Check-ins during a bout: whether, when (local time) and how."""

    checkin_time = forms.TimeField(
        label="At (your local time)",
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": "Enter the time as hours and minutes, like 19:00.",
        },
    )

    class Meta:
        model = Profile
        fields = ("checkins_on", "checkin_time", "checkin_by_email", "checkin_by_push")
        labels = {
            "checkins_on": "Send me a check-in each day during a bout of back pain",
            "checkin_by_email": "By email",
            "checkin_by_push": "As a notification on the devices listed below",
        }
        help_texts = {
            "checkins_on": "Off by default. At most one a day, and none when you are not "
            "in a bout. They say only “Your BackCare check-in”, nothing about your health.",
            "checkin_time": "",
            "checkin_by_email": "",
            "checkin_by_push": "",
        }

    def clean_checkin_time(self):
        # Left empty (or a form from before check-ins): the time stays as it was.
        return self.cleaned_data["checkin_time"] or self.instance.checkin_time

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("checkins_on") and not (
            cleaned.get("checkin_by_email") or cleaned.get("checkin_by_push")
        ):
            raise forms.ValidationError(
                "Choose how to get check-ins: by email, as a notification, or both."
            )
        return cleaned


class RiskFactorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, risk_factor):
        return risk_factor.question


class AboutYouForm(forms.ModelForm):
    """The optional "About you" questions: things about a person that make back pain
    more worrying. Each is asked as a yes/no question; ticked means yes."""

    risk_factors = RiskFactorChoiceField(
        queryset=RiskFactor.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label="Tick each one that is true for you",
        error_messages={"invalid_choice": "Choose only from the questions listed."},
    )

    class Meta:
        model = Profile
        fields = ("risk_factors",)

    def save(self, commit=True):
        # Answers to questions retired since they were given are kept, not dropped.
        retired = list(self.instance.risk_factors.filter(active=False))
        profile = super().save(commit=False)
        if commit:
            profile.save()
            profile.risk_factors.set([*self.cleaned_data["risk_factors"], *retired])
        return profile


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That password is not right. Nothing has been deleted.", code="wrong_password"
            )
        return password
