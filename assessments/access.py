"""Who may reach a workspace: the audience rule (law-enforcement clearance) plus membership.

Staff accounts are never members: staff see only the aggregates (selectors.readiness_by_region).
Anything else answers 404, so a workspace's existence never leaks to a non-member.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.translation import gettext as _

from portal.audiences import Audience, can_view, clearance_for
from portal.audit.models import Action
from portal.audit.services import record
from portal.middleware import mark_restricted

from .models import Membership, Workspace


def is_staff_account(user) -> bool:
    return bool(user.is_staff or user.is_superuser or clearance_for(user) == Audience.STAFF)


def may_use_workspaces(user) -> bool:
    """A law-enforcement account that is not a staff account."""
    return (
        getattr(user, "is_authenticated", False)
        and can_view(user, Audience.LAW_ENFORCEMENT)
        and not is_staff_account(user)
    )


def why_not(user) -> str:
    if is_staff_account(user):
        return _("Staff accounts do not join agency workspaces: staff see only the aggregates across agencies.")
    return _("Agency workspaces are for law-enforcement accounts.")


def membership_of(user, slug: str) -> Membership | None:
    if not may_use_workspaces(user):
        return None
    return Membership.objects.select_related("workspace").filter(user=user, workspace__slug=slug).first()


def log_view(request, workspace: Workspace, what: str) -> None:
    record(Action.ASSESSMENT_VIEW, request=request, object_type="workspace", object_id=workspace.pk, what=what)


def member_required(admin: bool = False, audit: str | None = None):
    """The view gets ``request.workspace`` and ``request.membership``; anonymous → login, anyone
    else who is not a member (or not an admin, if ``admin``) → 404. ``audit`` names the page in
    the workspace's log of views (GET only)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            mark_restricted(request)
            membership = membership_of(request.user, slug)
            if membership is None or (admin and membership.role != Membership.Role.ADMIN):
                raise Http404
            request.workspace, request.membership = membership.workspace, membership
            if audit and request.method == "GET":
                log_view(request, membership.workspace, audit)
            return view(request, slug, *args, **kwargs)

        return wrapped

    return decorator
