"""Registration writes. Seats are decided by the held-seat counters of ``seats.py``.

A new place takes its seat with one conditional statement on the event's counter row; the row
lock it takes serialises everyone taking a seat at that event, on PostgreSQL (SQLite's
``BEGIN IMMEDIATE`` transactions serialise every writer already). Other status changes lock the
same rows first and count again. Either way two delegates can never both take the last seat.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audiences import can_view
from portal.errors import TryAgainShortly
from portal.site_url import current_site_url
from portal.task_queue import enqueue_after_commit

from ..models import HOLDING, Attendance, Event, Invitation, Notification, Registration, Status, StatusChange
from . import seats

MAX_STAY_DAYS = 21


class RegistrationError(Exception):
    """A registration request that cannot be accepted; the message is shown to the person."""


class AlreadyRegistered(RegistrationError):
    """This person already has a registration for the week."""


class RegistrationBusy(TryAgainShortly):
    """An event's lock was held longer than ``REGISTRATION_LOCK_TIMEOUT_MS``; nothing changed."""


@contextmanager
def _locking():
    """A transaction whose lock waits are bounded: a stuck transaction holding an event's row
    makes the others answer "busy, try again" instead of holding every worker indefinitely.

    PostgreSQL: ``SET LOCAL lock_timeout`` (this transaction only). SQLite: its busy timeout
    (``OPTIONS["timeout"]``; writers queue at ``BEGIN IMMEDIATE``).
    """
    try:
        with transaction.atomic():
            connection = transaction.get_connection()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = {int(settings.REGISTRATION_LOCK_TIMEOUT_MS)}")
            yield
    except OperationalError as exc:
        cause = exc.__cause__
        if getattr(cause, "sqlstate", None) == "55P03" or "database is locked" in str(exc):
            raise RegistrationBusy(
                _("Many delegates are registering at this moment. Please try again in a few seconds.")
            ) from exc
        raise


def notify(kind: str, *, registration=None, event=None, invitation=None) -> None:
    """Queue an email and, once committed, the task that sends it (unless one is waiting).
    Every service that tells someone something goes through here (invitations.py too)."""
    Notification.objects.create(
        kind=kind, registration=registration, event=event, invitation=invitation, site_url=current_site_url()
    )
    from ..tasks import send_pending_notifications

    enqueue_after_commit(send_pending_notifications)


def _record(attendance: Attendance, old: str, new: str, by, note: str = "") -> None:
    StatusChange.objects.create(attendance=attendance, from_status=old, to_status=new, by=by, note=note[:300])


def _lock_events(ids) -> dict[int, Event]:
    """Lock the events' seat counters (every seat decision waits for them) and read the events."""
    ids = sorted(set(ids))
    seats.lock(ids)
    return {e.pk: e for e in Event.objects.filter(pk__in=ids).order_by("pk")}


def _seat_counts(event: Event) -> tuple[int, Counter]:
    held = Attendance.objects.filter(event=event, status__in=HOLDING)
    by_country = Counter(held.values_list("country", flat=True))
    return sum(by_country.values()), by_country


def _has_seat(event: Event, country: str, total: int, by_country: Counter) -> bool:
    if total >= event.capacity:
        return False
    return event.country_quota is None or by_country[country] < event.country_quota


def _seated_status(event: Event) -> str:
    return Status.PENDING if event.requires_approval else Status.APPROVED


def _validate(*, user, week, events, data) -> None:
    if not events:
        raise RegistrationError(_("Choose at least one event of the week."))
    if any(event.week_id != week.pk for event in events):
        raise RegistrationError(_("One of the chosen events does not belong to this conference week."))
    if not data.get("consent"):
        raise RegistrationError(_("Registration needs your consent to the processing of your data."))
    if not data.get("country") or not data.get("bureau"):
        raise RegistrationError(_("Add your country and your organisation or bureau to your profile first."))
    _validate_details(week, data)


def _validate_details(week, data) -> None:
    """The dates and visa-letter rules, for a new registration and for a delegate's change."""
    arrival, departure = data.get("arrival_date"), data.get("departure_date")
    if not arrival or not departure:
        raise RegistrationError(_("Give your arrival and departure dates."))
    if departure < arrival:
        raise RegistrationError(_("Your departure cannot be before your arrival."))
    if (departure - arrival).days > MAX_STAY_DAYS or arrival < week.start_date - dt.timedelta(days=MAX_STAY_DAYS):
        raise RegistrationError(_("Your dates are too far from the conference week; check them."))
    if data.get("needs_visa_letter") and not all(data.get(f) for f in PASSPORT_FIELDS):
        raise RegistrationError(
            _("A visa invitation letter needs your passport name, number, nationality and expiry date.")
        )
    if data.get("needs_visa_letter") and data["passport_expiry"] <= week.end_date:
        raise RegistrationError(_("Your passport expires before the end of the conference week."))


PASSPORT_FIELDS = ("passport_name", "passport_number", "passport_nationality", "passport_expiry")
# What a delegate changes until the week's deadline (registration_change), and all they give.
CHANGEABLE_FIELDS = (
    "arrival_date",
    "departure_date",
    "dietary_needs",
    "accessibility_needs",
    "needs_visa_letter",
    *PASSPORT_FIELDS,
)
REGISTRATION_FIELDS = ("role", "country", "bureau", *CHANGEABLE_FIELDS)


def registration_submit(
    *, user, week, events: list[Event], data: dict, invitation: Invitation | None = None, now=None
) -> Registration:
    """Register ``user`` for some events of ``week``; each event gives a seat or a waiting-list place.

    The country the places count for is the invitation's, when staff gave one, else the profile's;
    from then on it is fixed: a later profile change moves no seat (staff correct it through
    ``registration_update``).
    """
    data = {**data, "country": registration_country(user=user, invitation=invitation)}
    _validate(user=user, week=week, events=events, data=data)
    fields = {name: data.get(name) for name in REGISTRATION_FIELDS if data.get(name) not in (None, "")}
    if not data.get("needs_visa_letter"):
        for name in PASSPORT_FIELDS:
            fields.pop(name, None)  # never keep passport details that are not needed
    # ``now``: when the registration is recorded; the demo back-dates a past week's (load_demo).
    now = now or timezone.now()
    for event in events:
        if not can_view(user, event.audience):
            raise RegistrationError(_("“%(event)s” is not open to your account.") % {"event": event.name})
        if not event.is_open(now):
            raise RegistrationError(_("Registration for “%(event)s” is closed.") % {"event": event.name})
    already = _("You are already registered for this week; change your events from “My registrations”.")
    try:
        with _locking():
            # Everything that does not decide a seat happens before a seat lock is taken, so the
            # locked part stays short: one statement per event, then the commit. Each statement
            # is a round trip that, under load, also waits for a CPU: there are as few as possible
            # (a second registration for the week meets the unique constraint, no query first).
            registration = Registration.objects.create(
                user=user, week=week, consent_at=now, invitation=invitation, **fields
            )
            if invitation is not None and invitation.accepted_at is None:
                Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now)
            _fix_country(user, data["country"], now)
            # One email for one submission: the confirmation lists every event with its status
            # and waiting-list position, so it is written before the lock, not after the seats.
            notify(Notification.Kind.SUBMITTED, registration=registration)
            # The seats last: each takes its event's counter row lock until the commit (id order,
            # so that two delegates choosing the same events never wait for each other in a ring).
            for event in sorted(events, key=lambda e: e.pk):
                _place(registration, event, by=user)
    except IntegrityError:
        if Registration.objects.filter(user=user, week=week).exists():  # a double click racing itself
            raise AlreadyRegistered(already) from None
        raise
    return registration


def registration_country(*, user, invitation=None) -> str:
    """The country a registration counts for: staff's invitation first, then the profile."""
    if invitation is not None and invitation.country:
        return str(invitation.country)
    return str(user.country or "")


def _fix_country(user, country: str, now) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=user.pk).update(country=country, country_fixed_at=now)
    user.country, user.country_fixed_at = country, now


def _seat_free_for(event: Event, country: str) -> bool:
    """One indexed aggregate (not a scan of every held seat): this runs under the event's lock."""
    held = Attendance.objects.filter(event=event, status__in=HOLDING).aggregate(
        total=Count("id"), country=Count("id", filter=Q(country=country))
    )
    if held["total"] >= event.capacity:
        return False
    return event.country_quota is None or held["country"] < event.country_quota


def _place(registration: Registration, event: Event, by) -> Attendance:
    """Create the attendance for one event: a seat if there is one, else the waiting list.

    The caller tells the delegate (one email per change, however many events it touched)."""
    return seats.place(registration=registration, event=event, seated_status=_seated_status(event), by=by)


def registration_add_event(*, registration: Registration, event: Event, by) -> Attendance:
    if event.week_id != registration.week_id:
        raise RegistrationError(_("This event does not belong to the registration's week."))
    with _locking():
        event = _lock_events([event.pk])[event.pk]
        if not event.is_open():
            raise RegistrationError(_("Registration for “%(event)s” is closed.") % {"event": event.name})
        if not can_view(registration.user, event.audience):
            raise RegistrationError(_("“%(event)s” is not open to your account.") % {"event": event.name})
        existing = Attendance.objects.filter(registration=registration, event=event).first()
        if existing and existing.status != Status.CANCELLED:
            raise RegistrationError(_("You are already registered for “%(event)s”.") % {"event": event.name})
        if existing:
            existing.delete()  # a cancelled place is re-queued from the back, like a new request
        attendance = _place(registration, event, by)
        kind = Notification.Kind.WAITLISTED if attendance.status == Status.WAITLISTED else Notification.Kind.SUBMITTED
        notify(kind, registration=registration, event=event)
        return attendance


# --- status changes -------------------------------------------------------------------------
ALLOWED = {
    Status.APPROVED: {Status.PENDING, Status.WAITLISTED},
    Status.REJECTED: {Status.PENDING, Status.WAITLISTED, Status.APPROVED},
    Status.WAITLISTED: {Status.PENDING},
    Status.CANCELLED: {Status.PENDING, Status.WAITLISTED, Status.APPROVED},
    Status.PENDING: {Status.REJECTED, Status.CANCELLED},
}
NOTICE = {
    Status.APPROVED: Notification.Kind.APPROVED,
    Status.REJECTED: Notification.Kind.REJECTED,
    Status.CANCELLED: Notification.Kind.CANCELLED,
    Status.WAITLISTED: Notification.Kind.WAITLISTED,
}


def attendance_set_status(*, attendance: Attendance, status: str, by, note: str = "") -> Attendance:
    """Staff (or the delegate, for cancelling) move an attendance to ``status``.

    Freed seats go to the next eligible people on the waiting list, who are told.
    """
    with _locking():
        event = _lock_events([attendance.event_id])[attendance.event_id]
        attendance = Attendance.objects.select_for_update().select_related("registration").get(pk=attendance.pk)
        old = attendance.status
        if old == status:
            return attendance
        if old not in ALLOWED.get(status, set()):
            raise RegistrationError(
                _("A registration that is “%(old)s” cannot become “%(new)s”.")
                % {"old": Status(old).label, "new": Status(status).label}
            )
        if old == Status.WAITLISTED and status in HOLDING and not _seat_free_for(event, attendance.country):
            raise RegistrationError(_("“%(event)s” has no free seat for this country.") % {"event": event.name})
        attendance.status = status
        attendance.save(update_fields=["status", "updated_at"])
        _record(attendance, old, status, by, note)
        if status in NOTICE:
            notify(NOTICE[status], registration=attendance.registration, event=event)
        if old in HOLDING and status not in HOLDING:
            waitlist_promote(event=event)
        seats.recount(event.pk)
    return attendance


def waitlist_promote(*, event: Event) -> list[Attendance]:
    """Give free seats to waiting delegates in queue order, skipping countries at their quota.

    Call inside a transaction that holds the event's seat lock (``_lock_events``).
    """
    total, by_country = _seat_counts(event)
    promoted = []
    if total >= event.capacity:
        return promoted
    waiting = Attendance.objects.filter(event=event, status=Status.WAITLISTED).select_related("registration")
    for attendance in waiting.order_by("queued_at", "id"):
        if not _has_seat(event, attendance.country, total, by_country):
            if total >= event.capacity:
                break
            continue
        new = _seated_status(event)
        Attendance.objects.filter(pk=attendance.pk).update(status=new, updated_at=timezone.now())
        _record(attendance, Status.WAITLISTED, new, None, "promoted from the waiting list")
        notify(Notification.Kind.PROMOTED, registration=attendance.registration, event=event)
        total += 1
        by_country[attendance.country] += 1
        promoted.append(attendance)
    if promoted:
        seats.recount(event.pk)
    return promoted


def attendances_bulk_set_status(*, attendances, status: str, by, note: str = "") -> tuple[int, list[str]]:
    """Apply a status to many attendances; each succeeds or fails on its own."""
    done, errors = 0, []
    for attendance in attendances:
        try:
            attendance_set_status(attendance=attendance, status=status, by=by, note=note)
            done += 1
        except RegistrationError as exc:
            errors.append(f"{attendance.registration.user}: {exc}")
    return done, errors


def registration_update(*, registration: Registration, by, **fields) -> Registration:
    """Staff change a registration (the admin's edit form calls this).

    A change of country moves each of the delegate's places to the new country's quota, under
    the events' locks: a place the old country gave up goes to its waiting list (promotion in
    queue order), and a waiting place of the delegate is reconsidered under the new country.
    A place already held stays held: staff made the change knowingly.
    """
    with _locking():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        old_country = str(registration.country)
        for name, value in fields.items():
            setattr(registration, name, value)
        registration.full_clean()
        registration.save()
        new_country = str(registration.country)
        if new_country != old_country and registration.user_id:
            # The person's next registrations count for the corrected country too.
            _fix_country(registration.user, new_country, timezone.now())
        if new_country != old_country:
            attendances = list(registration.attendances.all())
            events = _lock_events([a.event_id for a in attendances])
            for attendance in attendances:
                Attendance.objects.filter(pk=attendance.pk).update(country=new_country, updated_at=timezone.now())
                _record(attendance, attendance.status, attendance.status, by, f"country {old_country} → {new_country}")
                waitlist_promote(event=events[attendance.event_id])
            for event_id in events:
                seats.recount(event_id)
    return registration


def registration_change(*, registration: Registration, by, data: dict, now=None) -> list[str]:
    """The delegate changes their dates, needs or visa-letter request, until the week's deadline.

    Returns the names of the fields that changed; the registration's history (Wagtail's log,
    shown to staff) records who changed which, never the passport values themselves. Dropping
    the visa letter deletes the passport details at once.
    """
    from wagtail.log_actions import log

    week = registration.week
    if registration.user_id is None:
        raise RegistrationError(_("This registration has been anonymised."))
    if not week.changes_open(now):
        raise RegistrationError(
            _("Changes to this registration closed on %(day)s; write to the conference secretariat.")
            % {"day": date_format(week.last_change_day, "DATE_FORMAT")}
        )
    merged = {name: getattr(registration, name) for name in CHANGEABLE_FIELDS}
    merged.update({name: data[name] for name in CHANGEABLE_FIELDS if name in data})
    if not merged["needs_visa_letter"]:
        merged.update(passport_name="", passport_number="", passport_nationality="", passport_expiry=None)
    _validate_details(week, merged)
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        changed = [name for name in CHANGEABLE_FIELDS if _differs(getattr(registration, name), merged[name])]
        if not changed:
            return []
        for name in changed:
            setattr(registration, name, merged[name])
        registration.save(update_fields=[*changed, "updated_at"])
        shown = [name for name in changed if name not in PASSPORT_FIELDS]
        if any(name in PASSPORT_FIELDS for name in changed):
            shown.append("passport details")
        log(
            instance=registration,
            action="events.registration.change",
            user=by,
            data={"fields": shown},
        )
    return changed


def _differs(old, new) -> bool:
    return (old or "") != (new or "") if not isinstance(old, (bool, dt.date)) else old != new


def reminders_queue(*, week, by_date=None) -> int:
    """Queue one reminder per delegate with an approved place in ``week`` (never twice)."""
    approved = Registration.objects.filter(week=week, attendances__status=Status.APPROVED).distinct()
    already = set(
        Notification.objects.filter(kind=Notification.Kind.REMINDER, registration__week=week).values_list(
            "registration_id", flat=True
        )
    )
    queued = 0
    with transaction.atomic():
        for registration in approved:
            if registration.pk not in already:
                notify(Notification.Kind.REMINDER, registration=registration)
                queued += 1
    return queued
