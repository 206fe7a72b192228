"""Invitations: staff invite someone by email; the link fills the registration form, and the
very person invited (their verified address) is admitted as a delegate."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from portal.audit.models import Action
from portal.audit.services import record

from ..models import Invitation, Notification
from .registrations import notify


def invitation_create(
    *, week, email: str, by, role: str = "delegate", country: str = "", bureau: str = "", events=()
) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.create(
            week=week, email=email.strip().lower(), role=role, country=country, bureau=bureau, invited_by=by
        )
        if events:
            invitation.events.set(events)
        notify(Notification.Kind.INVITATION, invitation=invitation)
    return invitation


def invitation_send(*, invitation: Invitation) -> None:
    """Queue the invitation email (staff create invitations in the admin or through the service)."""
    if not invitation.invited_by_id and invitation.accepted_at:
        return
    notify(Notification.Kind.INVITATION, invitation=invitation)


def invitation_apply(*, user, invitation: Invitation, request=None) -> bool:
    """Fill the profile gaps from ``invitation`` and, when the account has verified the very address
    staff invited, make it a delegate: the invitation is the staff's word for that person.

    Anyone else holding the link only gets the form filled in; their own clearance still decides
    which events they may register for. Returns whether the account was admitted as a delegate.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from portal.audiences import GROUP_DELEGATES

    verified = EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists()
    changed = []
    if invitation.country and not user.country_fixed_at and (verified or not user.country):
        # Staff's word fixes the country for the very person invited; for anyone else holding
        # the link it only fills a gap, which they may still change before registering.
        user.country, changed = invitation.country, [*changed, "country"]
        if verified:
            user.country_fixed_at, changed = timezone.now(), [*changed, "country_fixed_at"]
    if invitation.bureau and not user.organisation:
        user.organisation, changed = invitation.bureau, [*changed, "organisation"]
    if changed:
        user.save(update_fields=changed)
    if not verified:
        return False
    group = Group.objects.filter(name=GROUP_DELEGATES).first()
    if group is None or user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    # A clearance granted without a member of staff's click: the audit log says who and why.
    record(
        Action.INVITATION_ADMITTED,
        actor=user,
        request=request,
        obj=invitation,
        subject_user_id=user.pk,
        group=GROUP_DELEGATES,
        week=invitation.week.slug,
        invited_by=getattr(invitation.invited_by, "email", ""),
    )
    return True
