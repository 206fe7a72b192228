"""On-site check-in: a badge code records the delegate's arrival, once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import Registration, Status

_CODE = re.compile(r"[^A-Z0-9]")


@dataclass
class CheckinResult:
    outcome: str  # "arrived" | "already" | "unknown" | "not_approved"
    registration: Registration | None = None


def normalise_code(raw: str) -> str:
    """Codes are typed by hand or read from a QR code: ignore case, spaces and dashes."""
    return _CODE.sub("", (raw or "").upper())[:16]


def checkin_record(*, code: str, by, at=None) -> CheckinResult:
    """Record the arrival of the badge's holder (``at``: when; now unless the demo back-dates it)."""
    code = normalise_code(code)
    if not code:
        return CheckinResult("unknown")
    with transaction.atomic():
        registration = (
            # of=self: PostgreSQL cannot lock the nullable side of the outer join to the user (an
            # anonymised registration has none), and only the registration row needs the lock.
            Registration.objects.select_for_update(of=("self",))
            .select_related("user", "week")
            .filter(checkin_code=code)
            .first()
        )
        if registration is None:
            return CheckinResult("unknown")
        if not registration.attendances.filter(status=Status.APPROVED).exists():
            return CheckinResult("not_approved", registration)
        if registration.checked_in_at is not None:
            return CheckinResult("already", registration)
        registration.checked_in_at = at or timezone.now()
        registration.checked_in_by = by
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return CheckinResult("arrived", registration)
