"""The workspace's forms. The questionnaire form is built from toolkit.py, one dimension at a time."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .models import AISystem, Membership, Mitigation
from .toolkit import AFFECTED_GROUPS, LEVEL_HELP, LEVELS, LIKELIHOOD, PRINCIPLES, SEVERITY, Dimension


class WorkspaceForm(forms.Form):
    name = forms.CharField(label=_("Agency"), max_length=200, help_text=_("E.g. National Police of Kenya, Cyber unit."))
    country = CountryField(blank_label=_("Choose a country")).formfield(label=_("Country"))


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), help_text=_("Only an account that verified this address can join.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


def dimension_form(dimension: Dimension, *, answers: dict, data=None) -> forms.Form:
    """Each question of ``dimension`` as a radio group (0-4) and a note; ``answers``: question
    key → (level, note) already saved."""
    fields = {}
    choices = [(level, f"{label}") for level, label in LEVELS]
    for question in dimension.questions:
        saved = answers.get(question.key)
        fields[question.key] = forms.TypedChoiceField(
            label=question.text,
            choices=choices,
            coerce=int,
            required=False,
            empty_value=None,
            widget=forms.RadioSelect,
            initial=saved[0] if saved else None,
        )
        fields[f"{question.key}.note"] = forms.CharField(
            label=_("Note (optional)"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
            initial=saved[1] if saved else "",
        )
    form_class = type("DimensionForm", (forms.Form,), fields)
    form = form_class(data=data, prefix=None)
    form.level_help = LEVEL_HELP
    return form


class SystemForm(forms.ModelForm):
    class Meta:
        model = AISystem
        fields = ["name", "purpose", "data", "supplier", "stage"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "data": forms.Textarea(attrs={"rows": 3})}


class RatingForm(forms.Form):
    principle = forms.ChoiceField(label=_("Principle"), choices=[(p.key, p.name) for p in PRINCIPLES])
    group = forms.ChoiceField(label=_("Affected group"), choices=AFFECTED_GROUPS)
    likelihood = forms.TypedChoiceField(label=_("Likelihood"), choices=LIKELIHOOD, coerce=int)
    severity = forms.TypedChoiceField(label=_("Severity"), choices=SEVERITY, coerce=int)
    note = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MitigationForm(forms.Form):
    action = forms.CharField(label=_("Action"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, empty_label=_("Choose a member"))
    due_date = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    rating = forms.ModelChoiceField(label=_("For the risk (optional)"), queryset=None, required=False)

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["owner"].queryset = get_user_model().objects.filter(
            workspace_memberships__workspace=system.workspace
        )
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["rating"].queryset = system.ratings.all()
        principles = {p.key: p.name for p in PRINCIPLES}
        groups = dict(AFFECTED_GROUPS)
        self.fields["rating"].label_from_instance = lambda r: f"{principles[r.principle]} — {groups[r.group]}"


class MitigationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Mitigation.Status.choices)
