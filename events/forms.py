from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Role


def country_choices():
    """Country choices in the active language; a callable, so Django evaluates it only when
    the select is rendered (not every time a form is copied)."""
    return [("", "—"), *countries]


class DateInput(forms.DateInput):
    """``<input type="date">`` takes only ISO dates (2027-06-07) whatever the language; with the
    locale's format ("07/06/2027" in French) browsers dropped the value and the form came back
    with "This field is required". The browser shows the date in the reader's own format."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 — Django's own argument name
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")


class RegistrationDetailsForm(forms.Form):
    """What a delegate gives at registration and may change until the week's deadline."""

    arrival_date = forms.DateField(label=_("Arrival date"), widget=DateInput)
    departure_date = forms.DateField(label=_("Departure date"), widget=DateInput)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)
    # data-reveals: static/events/js/reveal.js shows the passport fields only while this is
    # ticked; without JavaScript they simply stay visible.
    needs_visa_letter = forms.BooleanField(
        label=_("I need a visa invitation letter"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-reveals": "passport-fields", "aria-controls": "passport-fields"}),
    )
    passport_name = forms.CharField(label=_("Name as written in the passport"), max_length=200, required=False)
    passport_number = forms.CharField(label=_("Passport number"), max_length=40, required=False)
    # A plain field with a select widget: ChoiceField would deep-copy ~250 country choices
    # for every form; the widget copies its list shallowly and clean_ checks the code.
    passport_nationality = forms.CharField(
        label=_("Passport nationality"), required=False, widget=forms.Select(choices=country_choices)
    )
    passport_expiry = forms.DateField(label=_("Passport expiry date"), widget=DateInput, required=False)

    PASSPORT_FIELDS = ("passport_name", "passport_number", "passport_nationality", "passport_expiry")

    def passport_fields(self):
        return [self[name] for name in self.PASSPORT_FIELDS]

    def detail_fields(self):
        """The fields before the passport group, in order (the template lays them out)."""
        return [self[name] for name in ("arrival_date", "departure_date", "dietary_needs", "accessibility_needs")]

    def clean_passport_nationality(self):
        code = (self.cleaned_data.get("passport_nationality") or "").upper()
        if code and code not in countries:
            raise forms.ValidationError(_("Choose a country from the list."))
        return code

    def clean_passport_number(self):
        value = self.cleaned_data.get("passport_number", "").strip().upper()
        if value and not value.replace(" ", "").isalnum():
            raise forms.ValidationError(_("A passport number has only letters and digits."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("needs_visa_letter"):
            missing = [
                self.fields[name].label
                for name in ("passport_name", "passport_number", "passport_nationality", "passport_expiry")
                if not data.get(name)
            ]
            if missing:
                raise forms.ValidationError(
                    _("For a visa letter we also need: %(fields)s.") % {"fields": ", ".join(str(m) for m in missing)}
                )
        return data


class RegistrationForm(RegistrationDetailsForm):
    events = forms.MultipleChoiceField(label=_("Events you will attend"), widget=forms.CheckboxSelectMultiple)
    # No role chosen in advance: "Head of delegation", the first, was submitted by everyone who
    # did not look (an invitation fills it in).
    role = forms.ChoiceField(label=_("Your role"), choices=[("", _("— Choose your role —")), *Role.choices])
    consent = forms.BooleanField(
        label=_(
            "I agree that the secretariat processes these details to organise the conference. "
            "Passport details are kept only for the visa letter and deleted after the event."
        )
    )
    field_order = ["events", "role"]

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event_objects = {str(e.pk): e for e in events}
        day = "MONTH_DAY_FORMAT"
        self.fields["events"].choices = [
            (
                str(e.pk),
                f"{e.name} ({date_format(e.start_date, day)} – {date_format(e.end_date, day)})",
            )
            for e in events
        ]

    def chosen_events(self):
        return [self.event_objects[pk] for pk in self.cleaned_data["events"]]
