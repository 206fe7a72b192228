"""AI systems: register one, rate its risks per principle and group, track its mitigations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import member_required
from ..forms import MitigationForm, MitigationStatusForm, RatingForm, SystemForm
from ..models import AISystem, Mitigation
from ..scoring import risk_level_name
from ..selectors import is_overdue
from ..services import WorkspaceError, mitigation_add, mitigation_set_status, rating_save, system_register
from ..toolkit import AFFECTED_GROUPS, PRINCIPLE_BY_KEY, PRINCIPLES, RISK_LEVELS


@member_required(audit="AI systems")
def system_list(request, slug):
    form = SystemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            system = system_register(workspace=request.workspace, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is registered: now rate its risks.") % {"name": system.name})
            return redirect("assessments:system", slug, system.pk)
    return render(
        request,
        "assessments/systems.html",
        {"workspace": request.workspace, "systems": request.workspace.systems.all(), "form": form},
    )


def _system(request, system_id) -> AISystem:
    return get_object_or_404(AISystem, pk=system_id, workspace=request.workspace)


@member_required(audit="AI system")
def system_detail(request, slug, system_id):
    system = _system(request, system_id)
    rating_form = RatingForm(request.POST if request.POST.get("form") == "rating" else None)
    mitigation_form = MitigationForm(request.POST if request.POST.get("form") == "mitigation" else None, system=system)
    if request.method == "POST":
        try:
            if rating_form.is_bound and rating_form.is_valid():
                rating_save(system=system, by=request.user, request=request, **rating_form.cleaned_data)
                messages.success(request, _("Risk rated."))
                return redirect("assessments:system", slug, system.pk)
            if mitigation_form.is_bound and mitigation_form.is_valid():
                mitigation_add(system=system, by=request.user, request=request, **mitigation_form.cleaned_data)
                messages.success(request, _("Mitigation added."))
                return redirect("assessments:system", slug, system.pk)
        except (WorkspaceError, ValidationError) as error:
            (rating_form if rating_form.is_bound else mitigation_form).add_error(None, error)
    principles = {p.key: p for p in PRINCIPLES}
    groups = dict(AFFECTED_GROUPS)
    ratings = [
        {
            "rating": r,
            "principle": principles[r.principle].name,
            "group": groups[r.group],
            "level": r.level,
            "level_name": risk_level_name(r.level),
        }
        for r in sorted(system.ratings.all(), key=lambda r: (-(r.likelihood * r.severity), r.principle, r.group))
    ]
    mitigations = list(system.mitigations.select_related("owner", "rating"))
    for mitigation in mitigations:
        mitigation.overdue = is_overdue(mitigation)
    return render(
        request,
        "assessments/system.html",
        {
            "workspace": request.workspace,
            "system": system,
            "ratings": ratings,
            "mitigations": mitigations,
            "rating_form": rating_form,
            "mitigation_form": mitigation_form,
            "status_choices": Mitigation.Status.choices,
            "principles": PRINCIPLES,
            "risk_levels": RISK_LEVELS,
            "principle_names": {k: p.name for k, p in PRINCIPLE_BY_KEY.items()},
        },
    )


@require_POST
@member_required()
def mitigation_status(request, slug, mitigation_id):
    mitigation = get_object_or_404(Mitigation, pk=mitigation_id, system__workspace=request.workspace)
    form = MitigationStatusForm(request.POST)
    if form.is_valid():
        mitigation_set_status(mitigation=mitigation, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Status changed: %(status)s.") % {"status": mitigation.get_status_display()})
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("assessments:system", slug, mitigation.system_id)
