"""Writing to the audit log. Every place that shows or hands out personal data calls record()."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Action, AuditEntry


def client_ip(request) -> str | None:
    """The address the request came from (REMOTE_ADDR: set by the server, not by the client)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: Action | str,
    *,
    actor=None,
    request=None,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    subject_user_id: int | None = None,
    **detail,
) -> AuditEntry:
    """Write one entry. ``actor`` defaults to the request's user; ``obj`` gives type and id."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = object_id or obj.pk
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_label=getattr(actor, "email", "") or "",
        object_type=object_type,
        object_id=str(object_id or ""),
        subject_user_id=subject_user_id,
        detail=detail,
        ip_address=client_ip(request),
    )


def audit_prune(*, days: int, dry_run: bool = False, now=None) -> int:
    """Delete the entries older than ``days``; returns how many (would) go.

    The log itself holds personal data (who looked at whose registration, from which address),
    so it is kept only as long as it can serve an inquiry, like everything else.
    """
    old = AuditEntry.objects.filter(at__lt=(now or timezone.now()) - dt.timedelta(days=days))
    count = old.count()
    if not dry_run and count:
        old.delete()
    return count
