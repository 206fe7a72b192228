"""What the workspaces hold about a person, for their download and for their account's deletion
(registered with portal.accounts.personal_data in apps.ready)."""

from __future__ import annotations

from .models import Membership, Mitigation, Workspace, WorkspaceInvitation


def workspaces_export(user) -> dict:
    return {
        "memberships": [
            {"workspace": m.workspace.name, "role": m.role, "joined_at": m.joined_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("workspace")
        ],
        "mitigations_owned": [
            {
                "workspace": m.system.workspace.name,
                "system": m.system.name,
                "action": m.action,
                "due": m.due_date.isoformat(),
            }
            for m in Mitigation.objects.filter(owner=user).select_related("system__workspace")
        ],
        "invitations": [
            {"workspace": i.workspace.name, "sent_at": i.created_at.isoformat(), "accepted": bool(i.accepted_at)}
            for i in WorkspaceInvitation.objects.filter(email__iexact=user.email).select_related("workspace")
        ],
    }


def workspaces_erase(user) -> dict:
    """The agency's assessments stay with the agency (answers and ratings lose their author);
    a workspace whose only admin leaves gets its longest-standing member as admin, and one left
    with no member is deleted, as nobody could reach it any more."""
    promoted = 0
    for membership in Membership.objects.filter(user=user, role=Membership.Role.ADMIN).select_related("workspace"):
        others = membership.workspace.memberships.exclude(user=user)
        if not others.filter(role=Membership.Role.ADMIN).exists():
            heir = others.order_by("joined_at", "id").first()
            if heir:
                heir.role = Membership.Role.ADMIN
                heir.save(update_fields=["role"])
                promoted += 1
    lonely = [w.pk for w in Workspace.objects.filter(memberships__user=user) if w.memberships.count() == 1]
    Workspace.objects.filter(pk__in=lonely).delete()
    invitations, _detail = WorkspaceInvitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True
    ).delete()
    left = Membership.objects.filter(user=user).count()
    return {
        "workspace memberships ended": left,
        "workspaces handed to a new admin": promoted,
        "workspaces deleted (no member left)": len(lonely),
        "workspace invitations withdrawn": invitations,
    }
