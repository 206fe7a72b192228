from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .models import User


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls ``signup``)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    # A callable: the list is built when the form is shown, in the reader's language (a list made
    # at import time stayed in English on the French sign-up form).
    country = LazyTypedChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries], required=False)
    organisation = forms.CharField(label=_("Organisation or bureau"), max_length=200, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        current = (get_language() or "en")[:2]
        if current in dict(settings.LANGUAGES):
            self.fields["preferred_language"].initial = current

    def signup(self, request, user: User) -> None:
        from .services import user_update_profile

        user_update_profile(user=user, data=self.cleaned_data)


class ProfileForm(forms.ModelForm):
    """What a user may change about themselves. Groups and staff flags are not here."""

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "country",
            "organisation",
            "job_title",
            "preferred_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.country_fixed_at:
            # Disabled: Django keeps the stored value whatever is posted.
            field = self.fields["country"]
            field.disabled = True
            field.help_text = _(
                "Your registrations count towards this country's places, so it is fixed. "
                "To correct it, write to the conference secretariat."
            )


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password again and an explicit confirmation."""

    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and my registrations are anonymised."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password

    def clean(self):
        if self.user.is_superuser:
            raise forms.ValidationError(
                _("An administrator account cannot delete itself; another administrator can remove it.")
            )
        return super().clean()
