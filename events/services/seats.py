"""Held-seat counters: a seat is taken in one statement; every other change recounts under lock.

``SeatCount`` (one row per event) holds the seats pending and approved attendances hold, in
total and per country. A new place is decided by one conditional ``UPDATE … RETURNING`` of that
row: it raises the counters only if the capacity and the country's quota still allow it. The
row lock it takes is the only lock a registration waits for, and it is held from that statement
to the commit. On PostgreSQL the same statement also inserts the attendance and its history row
(data-modifying CTEs), so the lock covers one round trip and the commit; when the event is full
the ``UPDATE`` matches nothing, locks nothing, and the delegate joins the waiting list without
waiting for anyone.

Why by hand: Django's ORM has no conditional JSON increment, and no query expression that
combines an ``UPDATE`` with the ``INSERT`` that depends on it. The SQL stays here, small, with
a portable path (SQLite: its writers are serialised by ``BEGIN IMMEDIATE`` anyway).

Status changes other than a new place (staff approve or reject, cancellations, promotions,
a country corrected) are rare: they lock the rows with :func:`lock` and :func:`recount` them
from the attendances, which are the truth the counters are kept from.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction
from django.utils import timezone

from ..models import HOLDING, Attendance, Event, SeatCount, Status, StatusChange


def lock(event_ids) -> None:
    """Lock the events' counter rows (in id order, so that two writers never deadlock); a row
    that does not exist yet is created and counted first. Call inside a transaction."""
    ids = sorted(set(event_ids))
    found = set(SeatCount.objects.select_for_update().filter(event_id__in=ids).values_list("event_id", flat=True))
    for event_id in ids:
        if event_id not in found:
            SeatCount.objects.get_or_create(event_id=event_id)
            list(SeatCount.objects.select_for_update().filter(event_id=event_id).values_list("pk", flat=True))
            recount(event_id)


def recount(event_id: int) -> SeatCount:
    """Count the held seats again from the attendances (the caller holds the row's lock)."""
    held = Counter(Attendance.objects.filter(event_id=event_id, status__in=HOLDING).values_list("country", flat=True))
    count, _created = SeatCount.objects.update_or_create(
        event_id=event_id, defaults={"held": sum(held.values()), "by_country": dict(held)}
    )
    return count


def place(*, registration, event: Event, seated_status: str, by) -> Attendance:
    """Give ``registration`` a place at ``event``: a seat when one is free for its country,
    else the waiting list; with its history row. Inside the caller's transaction."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        placed = _place_in_one_statement(registration, event, seated_status, by, now)
        if placed is None:  # no counter row yet (an event not created through save()): count, redo
            lock([event.pk])
            placed = _place_in_one_statement(registration, event, seated_status, by, now)
        return placed
    seated = _take_seat(event.pk, str(registration.country))
    if seated is None:
        lock([event.pk])
        seated = _take_seat(event.pk, str(registration.country))
    status = seated_status if seated else Status.WAITLISTED
    attendance = Attendance.objects.create(
        registration=registration, event=event, country=registration.country, status=status
    )
    StatusChange.objects.create(attendance=attendance, from_status="", to_status=status, by=by)
    return attendance


def _tables() -> dict[str, str]:
    return {
        "seats": SeatCount._meta.db_table,
        "events": Event._meta.db_table,
        "attendances": Attendance._meta.db_table,
        "history": StatusChange._meta.db_table,
    }


_PLACE_SQL = """
WITH seat AS (
    UPDATE {seats} AS s
    SET held = s.held + 1,
        by_country = jsonb_set(
            s.by_country, ARRAY[%(country)s], to_jsonb(COALESCE((s.by_country ->> %(country)s)::int, 0) + 1)
        )
    FROM {events} AS e
    WHERE s.event_id = %(event)s AND e.id = s.event_id AND s.held < e.capacity
      AND (e.country_quota IS NULL OR COALESCE((s.by_country ->> %(country)s)::int, 0) < e.country_quota)
    RETURNING s.event_id
), placed AS (
    INSERT INTO {attendances} (registration_id, event_id, country, status, queued_at, updated_at)
    VALUES (
        %(registration)s, %(event)s, %(country)s,
        CASE WHEN EXISTS (SELECT 1 FROM seat) THEN %(seated)s ELSE %(waitlisted)s END,
        %(now)s, %(now)s
    )
    RETURNING id, status
), history AS (
    INSERT INTO {history} (attendance_id, from_status, to_status, by_id, at, note)
    SELECT id, '', status, %(by)s, %(now)s, '' FROM placed
)
SELECT placed.id, placed.status, EXISTS (SELECT 1 FROM {seats} WHERE event_id = %(event)s) FROM placed
"""


def _place_in_one_statement(registration, event, seated_status, by, now) -> Attendance | None:
    """PostgreSQL: take the seat, insert the attendance and its history in one round trip.
    None (and nothing inserted) when the event has no counter row yet."""
    params = {
        "event": event.pk,
        "country": str(registration.country),
        "registration": registration.pk,
        "seated": seated_status,
        "waitlisted": Status.WAITLISTED,
        "by": getattr(by, "pk", None),
        "now": now,
    }
    with connection.cursor() as cursor:
        cursor.execute(_PLACE_SQL.format(**_tables()), params)
        attendance_id, status, counted = cursor.fetchone()
    if not counted:
        Attendance.objects.filter(pk=attendance_id).delete()  # waitlisted for want of a row: redo
        return None
    return Attendance(
        id=attendance_id,
        registration=registration,
        event=event,
        country=registration.country,
        status=status,
        queued_at=now,
        updated_at=now,
    )


_TAKE_SQL = """
UPDATE {seats}
SET held = held + 1,
    by_country = json_set(by_country, %s, COALESCE(json_extract(by_country, %s), 0) + 1)
WHERE event_id = %s
  AND held < (SELECT capacity FROM {events} WHERE id = %s)
  AND (
    (SELECT country_quota FROM {events} WHERE id = %s) IS NULL
    OR COALESCE(json_extract(by_country, %s), 0) < (SELECT country_quota FROM {events} WHERE id = %s)
  )
RETURNING event_id
"""


def _take_seat(event_id: int, country: str) -> bool | None:
    """The portable seat statement (SQLite's JSON functions): True when a seat was taken, False
    when the event or the country is full, None when the event has no counter row yet."""
    path = f'$."{country}"'
    with connection.cursor() as cursor:
        cursor.execute(_TAKE_SQL.format(**_tables()), [path, path, event_id, event_id, event_id, path, event_id])
        if cursor.fetchone() is not None:
            return True
    return None if not SeatCount.objects.filter(event_id=event_id).exists() else False


def recount_after_delete(event_id: int) -> None:
    """An attendance holding a seat was deleted (a registration removed in the admin, say):
    once that is committed, the seat goes to the waiting list and the seats are counted again."""

    def again():
        from .registrations import waitlist_promote

        with transaction.atomic():
            lock([event_id])
            waitlist_promote(event=Event.objects.get(pk=event_id))
            recount(event_id)

    transaction.on_commit(again)
