"""Placing approved delegates at their region's roundtables.

Rules: a delegate sits at a table of their country's region, in their language (their
preferred language; tables in other languages are not used), within the table's seats.
Manual placements by staff are never moved. Automatic placements that are still valid are
kept, so re-running after new approvals only seats the newcomers. New seats go to the table
with the fewest delegates from the same country, then the fewest delegates, then the lowest id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from portal.regions import region_of

from ..models import Attendance, Event, Placement, Roundtable, Status


@dataclass
class AssignmentReport:
    kept: int = 0
    placed: int = 0
    removed: int = 0
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (delegate, reason)
    tables: dict[int, int] = field(default_factory=dict)  # roundtable id → seats taken


def _language(registration) -> str:
    return (registration.user.preferred_language or "en")[:2]


@transaction.atomic
def roundtables_assign(*, event: Event, dry_run: bool = False) -> AssignmentReport:
    Event.objects.select_for_update().filter(pk=event.pk).first()  # one assignment at a time per event
    report = AssignmentReport()
    tables = list(Roundtable.objects.filter(event=event).select_related("region").order_by("id"))
    approved = {
        a.registration_id: a.registration
        for a in Attendance.objects.filter(event=event, status=Status.APPROVED).select_related("registration__user")
    }
    seats: dict[int, int] = Counter()
    countries: dict[int, Counter] = defaultdict(Counter)
    table_by_id = {t.id: t for t in tables}
    placed_ids: set[int] = set()

    for placement in (
        Placement.objects.filter(event=event).select_related("registration__user").order_by("-manual", "id")
    ):
        registration = approved.get(placement.registration_id)
        table = table_by_id.get(placement.roundtable_id)
        valid = registration is not None and table is not None
        # An anonymised registration keeps its table (the table's figures stay right).
        if valid and not placement.manual and registration.user_id is not None:
            valid = (
                table.region.slug == region_of(registration.country.code)
                and table.language == _language(registration)
                and seats[table.id] < table.capacity
            )
        if valid:
            seats[table.id] += 1
            countries[table.id][registration.country.code] += 1
            placed_ids.add(registration.pk)
            report.kept += 1
        else:
            report.removed += 1
            if not dry_run:
                placement.delete()

    waiting = sorted(
        (r for r in approved.values() if r.pk not in placed_ids and r.user_id is not None),
        key=lambda r: (r.country.code, r.pk),
    )
    for registration in waiting:
        region, language = region_of(registration.country.code), _language(registration)
        candidates = [t for t in tables if t.region.slug == region and t.language == language]
        if not candidates:
            report.unplaced.append((str(registration.user), "no table for this region and language"))
            continue
        free = [t for t in candidates if seats[t.id] < t.capacity]
        if not free:
            report.unplaced.append((str(registration.user), "the region's tables in this language are full"))
            continue
        table = min(free, key=lambda t: (countries[t.id][registration.country.code], seats[t.id], t.id))
        seats[table.id] += 1
        countries[table.id][registration.country.code] += 1
        report.placed += 1
        if not dry_run:
            Placement.objects.create(roundtable=table, registration=registration, event=event, manual=False)
    report.tables = {t.id: seats[t.id] for t in tables}
    if dry_run:
        transaction.set_rollback(True)
    return report


def placement_set_manually(*, registration, roundtable: Roundtable) -> Placement:
    """Staff seat a delegate at a table themselves; assignment runs keep it."""
    with transaction.atomic():
        Placement.objects.filter(registration=registration, event=roundtable.event).delete()
        return Placement.objects.create(
            roundtable=roundtable, registration=registration, event=roundtable.event, manual=True
        )
