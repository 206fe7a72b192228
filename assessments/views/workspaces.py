"""The list of one's workspaces, creating one, the dashboard, members and invitations, the log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.audit.models import AuditEntry
from portal.charts import Bar, bar_chart
from portal.middleware import mark_restricted

from ..access import is_staff_account, may_use_workspaces, member_required, why_not
from ..forms import InvitationForm, WorkspaceForm
from ..models import Membership, Workspace, WorkspaceInvitation
from ..scoring import band, risk_level
from ..selectors import is_overdue, mitigations_due, readiness_of, risk_matrix
from ..services import WorkspaceError, invitation_accept, invitation_create, member_remove, workspace_create
from ..toolkit import LIKELIHOOD, RISK_LEVELS, SEVERITY


@login_required
def workspace_list(request):
    mark_restricted(request)
    allowed = may_use_workspaces(request.user)
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            workspace = workspace_create(by=request.user, request=request, **form.cleaned_data)
        except WorkspaceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The workspace of %(agency)s is ready.") % {"agency": workspace.name})
            return redirect("assessments:dashboard", workspace.slug)
    return render(
        request,
        "assessments/workspace_list.html",
        {
            "allowed": allowed,
            "why_not": "" if allowed else why_not(request.user),
            "staff": is_staff_account(request.user),
            "workspaces": Workspace.objects.of_member(request.user) if allowed else [],
            "form": form,
        },
        status=200 if allowed else 403,
    )


def readiness_chart(readiness) -> str:
    if readiness.scores is None:
        return ""
    previous = readiness.previous_scores
    bars = []
    for score in readiness.scores.dimensions:
        before = previous.of(score.key).score if previous else None
        bars.append(
            Bar(
                label=score.name,
                value=score.score or 0,
                capacity=100,  # the track shows the whole scale
                text=_("%(score)s%% (%(answered)s of %(questions)s answered)")
                % {"score": score.score, "answered": score.answered, "questions": score.questions}
                if score.score is not None
                else _("%(answered)s of %(questions)s questions answered")
                % {"answered": score.answered, "questions": score.questions},
                previous=before,
                previous_text=_("round %(n)s: %(score)s%%") % {"n": readiness.previous.number, "score": before}
                if before is not None
                else "",
            )
        )
    return bar_chart(
        bars,
        title=_("Readiness by dimension, round %(n)s") % {"n": readiness.round.number},
        label_heading=_("Dimension"),
        value_heading=_("Score"),
        scale=100,
    )


def matrix_rows(counts):
    """The risk matrix as rows: likelihood from the most likely down, severity across."""
    return [
        {
            "likelihood": name,
            "cells": [
                {"count": counts.get((likelihood, severity), 0), "level": risk_level(likelihood, severity)}
                for severity, _severity_name in SEVERITY
            ],
        }
        for likelihood, name in reversed(LIKELIHOOD)
    ]


@member_required(audit="dashboard")
def dashboard(request, slug):
    workspace = request.workspace
    readiness = readiness_of(workspace)
    due = list(mitigations_due(workspace))
    for mitigation in due:
        mitigation.overdue = is_overdue(mitigation)
    return render(
        request,
        "assessments/dashboard.html",
        {
            "workspace": workspace,
            "membership": request.membership,
            "readiness": readiness,
            "band": band(readiness.scores.overall) if readiness.scores else "",
            "chart": readiness_chart(readiness),
            "matrix": matrix_rows(risk_matrix(workspace)),
            "severities": [name for _value, name in SEVERITY],
            "risk_levels": [(key, name) for _floor, key, name in reversed(RISK_LEVELS)],
            "due": due,
            "systems": workspace.systems.all(),
        },
    )


@member_required(audit="members")
def members(request, slug):
    workspace, membership = request.workspace, request.membership
    is_admin = membership.role == Membership.Role.ADMIN
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            return render(request, "assessments/forbidden.html", {"workspace": workspace}, status=403)
        if form.is_valid():
            try:
                invitation = invitation_create(
                    workspace=workspace, by=request.user, request=request, **form.cleaned_data
                )
            except WorkspaceError as error:
                form.add_error("email", error.message)
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
                return redirect("assessments:members", workspace.slug)
    pending = workspace.invitations.filter(accepted_at__isnull=True) if is_admin else []
    return render(
        request,
        "assessments/members.html",
        {
            "workspace": workspace,
            "membership": membership,
            "is_admin": is_admin,
            "members": workspace.memberships.select_related("user"),
            "pending": pending,
            "form": form,
        },
    )


@require_POST
@member_required(admin=True)
def member_remove_view(request, slug, member_id):
    target = get_object_or_404(Membership, pk=member_id, workspace=request.workspace)
    try:
        member_remove(membership=target, by=request.user, request=request)
    except WorkspaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is no longer a member.") % {"name": target.user.email})
    return redirect("assessments:members", request.workspace.slug)


@login_required
def invitation(request, token):
    mark_restricted(request)
    invitation = WorkspaceInvitation.objects.select_related("workspace").filter(token=token).first()
    if invitation is None:
        return render(
            request, "assessments/invitation.html", {"error": _("This invitation link is not valid.")}, status=404
        )
    error = ""
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=request.user, request=request)
        except WorkspaceError as refusal:
            error = refusal.message
        else:
            messages.success(
                request, _("You joined the workspace of %(agency)s.") % {"agency": invitation.workspace.name}
            )
            return redirect("assessments:dashboard", invitation.workspace.slug)
    # The agency's name only for the very person invited: the link alone says nothing of it.
    from allauth.account.models import EmailAddress

    addressed = EmailAddress.objects.filter(user=request.user, email__iexact=invitation.email, verified=True).exists()
    return render(
        request,
        "assessments/invitation.html",
        {"invitation": invitation, "addressed": addressed, "error": error},
        status=400 if error else 200,
    )


@member_required(admin=True)
def audit_log(request, slug):
    entries = AuditEntry.objects.filter(object_type="workspace", object_id=str(request.workspace.pk)).order_by("-at")[
        :500
    ]
    return render(request, "assessments/audit_log.html", {"workspace": request.workspace, "entries": entries})
