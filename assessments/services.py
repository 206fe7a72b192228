"""Everything that changes a workspace: create it, invite and admit members, answer readiness
rounds, register AI systems, rate their risks, track mitigations. Each change is in the
workspace's audit log (portal.audit, object "workspace")."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.audit.models import Action
from portal.audit.services import record
from portal.regions import region_of

from .access import may_use_workspaces, why_not
from .models import (
    AISystem,
    Membership,
    Mitigation,
    ReadinessAnswer,
    ReadinessRound,
    RiskRating,
    Workspace,
    WorkspaceInvitation,
)
from .toolkit import PRINCIPLE_BY_KEY, QUESTION_BY_KEY, QUESTION_KEYS, TOP_LEVEL

INVITATION_DAYS = 14


class WorkspaceError(ValidationError):
    """A refusal with words for the person: shown as the form's or the API's error."""


def _log(workspace: Workspace, by, what: str, request=None, **detail) -> None:
    record(
        Action.ASSESSMENT_CHANGE,
        actor=by,
        request=request,
        object_type="workspace",
        object_id=workspace.pk,
        what=what,
        **detail,
    )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "agency"
    slug, n = base, 2
    while Workspace.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def workspace_create(*, by, name: str, country: str, request=None) -> Workspace:
    if not may_use_workspaces(by):
        raise WorkspaceError(why_not(by))
    name = " ".join(name.split())
    if not name:
        raise WorkspaceError(_("Give the agency's name."))
    with transaction.atomic():
        workspace = Workspace.objects.create(
            name=name, slug=_unique_slug(name), country=country, region=region_of(country) or "other", created_by=by
        )
        Membership.objects.create(workspace=workspace, user=by, role=Membership.Role.ADMIN)
        _log(workspace, by, "created", request)
    return workspace


def invitation_create(*, workspace: Workspace, by, email: str, role: str = Membership.Role.MEMBER, request=None):
    email = email.strip().lower()
    if workspace.memberships.filter(user__email__iexact=email).exists():
        raise WorkspaceError(_("%(email)s is already a member of this workspace.") % {"email": email})
    if role not in Membership.Role.values:
        raise WorkspaceError(_("Unknown role."))
    with transaction.atomic():
        workspace.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()  # the new one replaces it
        invitation = WorkspaceInvitation.objects.create(
            workspace=workspace,
            email=email,
            role=role,
            invited_by=by,
            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        )
        _log(workspace, by, "invited", request, email=email, role=role)
        from .tasks import send_invitation

        transaction.on_commit(lambda: send_invitation.enqueue(invitation.pk))
    return invitation


def invitation_accept(*, invitation: WorkspaceInvitation, user, request=None) -> Membership:
    """Only the very person invited (a verified address equal to the invitation's), before it
    expires, and only a law-enforcement account that is not staff."""
    from allauth.account.models import EmailAddress

    if invitation.accepted_at:
        raise WorkspaceError(_("This invitation was already used."))
    if invitation.expires_at < timezone.now():
        raise WorkspaceError(_("This invitation has expired: ask the workspace admin for a new one."))
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
        raise WorkspaceError(
            _("This invitation is for %(email)s: sign in with that address, verified, to accept it.")
            % {"email": invitation.email}
        )
    if not may_use_workspaces(user):
        raise WorkspaceError(why_not(user))
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            workspace=invitation.workspace, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        _log(invitation.workspace, user, "joined", request, role=membership.role)
    return membership


def member_remove(*, membership: Membership, by, request=None) -> None:
    workspace = membership.workspace
    admins = workspace.memberships.filter(role=Membership.Role.ADMIN)
    if membership.role == Membership.Role.ADMIN and admins.count() == 1:
        raise WorkspaceError(_("A workspace keeps at least one admin: make someone else admin first."))
    membership.delete()
    _log(workspace, by, "member removed", request, user_id=membership.user_id)


# --- readiness -------------------------------------------------------------------------------


def round_start(*, workspace: Workspace, by, request=None) -> ReadinessRound:
    with transaction.atomic():
        rounds = ReadinessRound.objects.select_for_update().filter(workspace=workspace)
        if rounds.filter(completed_at__isnull=True).exists():
            raise WorkspaceError(_("A round is still open: finish it before starting the next one."))
        last = rounds.order_by("-number").values_list("number", flat=True).first() or 0
        try:
            new = ReadinessRound.objects.create(workspace=workspace, number=last + 1, started_by=by)
        except IntegrityError:  # someone else started it at the same moment
            raise WorkspaceError(_("A round was just started by someone else: open it from the list.")) from None
        _log(workspace, by, "round started", request, round=new.number)
    return new


def answers_save(*, round: ReadinessRound, by, answers: dict, request=None) -> ReadinessRound:
    """``answers``: question key → {"level": 0-4, "note": ""}. Saved as they come (a half-done
    round keeps them); the round completes when every question has an answer."""
    if round.completed_at:
        raise WorkspaceError(_("This round is complete and can no longer change: start a new round."))
    clean = {}
    for key, value in answers.items():
        if key not in QUESTION_BY_KEY:
            raise WorkspaceError(_("Unknown question: %(key)s.") % {"key": key})
        level = value.get("level")
        if isinstance(level, str) and level.isdigit():
            level = int(level)
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= TOP_LEVEL:
            raise WorkspaceError(_("Choose one of the answers for each question (0 to 4)."))
        note = str(value.get("note") or "").strip()
        if len(note) > 1000:
            raise WorkspaceError(_("A note has at most 1,000 characters."))
        clean[key] = (level, note)
    with transaction.atomic():
        for key, (level, note) in clean.items():
            ReadinessAnswer.objects.update_or_create(
                round=round, question=key, defaults={"level": level, "note": note, "answered_by": by}
            )
        done = round.answers.count() == len(QUESTION_KEYS)
        if done:
            round.completed_at = timezone.now()
            round.save(update_fields=["completed_at"])
        if clean:
            _log(round.workspace, by, "answered", request, round=round.number, questions=sorted(clean))
        if done:
            _log(round.workspace, by, "round completed", request, round=round.number)
    return round


# --- AI systems and risks --------------------------------------------------------------------


def system_register(*, workspace: Workspace, by, request=None, **fields) -> AISystem:
    system = AISystem(workspace=workspace, created_by=by, **fields)
    system.full_clean(exclude=["workspace", "created_by"])
    system.save()
    _log(workspace, by, "system registered", request, system=system.pk)
    return system


def system_update(*, system: AISystem, by, request=None, **fields) -> AISystem:
    for name, value in fields.items():
        setattr(system, name, value)
    system.full_clean(exclude=["workspace", "created_by"])
    system.save()
    _log(system.workspace, by, "system changed", request, system=system.pk, fields=sorted(fields))
    return system


def rating_save(
    *, system: AISystem, by, principle: str, group: str, likelihood: int, severity: int, note: str = "", request=None
) -> RiskRating:
    if principle not in PRINCIPLE_BY_KEY:
        raise WorkspaceError(_("Unknown principle."))
    rating = RiskRating.objects.filter(system=system, principle=principle, group=group).first() or RiskRating(
        system=system, principle=principle, group=group
    )
    rating.likelihood, rating.severity, rating.note, rating.rated_by = likelihood, severity, note.strip(), by
    rating.full_clean(exclude=["system", "rated_by"], validate_unique=False)
    rating.save()
    _log(system.workspace, by, "risk rated", request, system=system.pk, principle=principle, group=group)
    return rating


def mitigation_add(
    *, system: AISystem, by, action: str, owner, due_date, rating: RiskRating | None = None, request=None
) -> Mitigation:
    if owner is not None and not system.workspace.memberships.filter(user=owner).exists():
        raise WorkspaceError(_("The owner must be a member of the workspace."))
    if rating is not None and rating.system_id != system.pk:
        raise WorkspaceError(_("That risk is not one of this system's."))
    mitigation = Mitigation(
        system=system, action=action.strip(), owner=owner, due_date=due_date, rating=rating, created_by=by
    )
    mitigation.full_clean(exclude=["system", "owner", "rating", "created_by"])
    mitigation.save()
    _log(system.workspace, by, "mitigation added", request, system=system.pk, mitigation=mitigation.pk)
    return mitigation


def mitigation_set_status(*, mitigation: Mitigation, by, status: str, request=None) -> Mitigation:
    if status not in Mitigation.Status.values:
        raise WorkspaceError(_("Unknown status."))
    mitigation.status = status
    mitigation.done_at = timezone.now() if status == Mitigation.Status.DONE else None
    mitigation.save(update_fields=["status", "done_at"])
    _log(mitigation.system.workspace, by, "mitigation status", request, mitigation=mitigation.pk, status=status)
    return mitigation
