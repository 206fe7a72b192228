"""On-site check-in: a badge's holder arrives at an event, or at one of its sessions, once.

A badge is accepted at an event its holder has an approved place at, on the event's own dates
(in the week's time zone), and at a session from half an hour before it starts until it ends.
Staff may accept one outside those times with a reason; that is written to the audit log.
Every refusal says why, in words the person at the desk can act on (:func:`checkin_message`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audit.models import Action
from portal.audit.services import record

from ..badge_signing import ForgedBadge, is_signed, verify_badge
from ..models import Attendance, CheckIn, Event, Registration, Session, Status

_CODE = re.compile(r"[^A-Z0-9]")

# A session's doors open this long before it starts.
SESSION_DOORS_OPEN = dt.timedelta(minutes=30)


class Outcome:
    ARRIVED = "arrived"
    ALREADY = "already"
    UNKNOWN = "unknown"
    OTHER_WEEK = "other_week"
    NOT_THIS_EVENT = "not_this_event"
    NOT_APPROVED = "not_approved"
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"
    REASON_TOO_LONG = "reason_too_long"
    FORGED = "forged"

    ACCEPTED = (ARRIVED,)
    # Refusals staff may overrule with a reason: the person is expected, only not at this time.
    OVERRIDABLE = (TOO_EARLY, TOO_LATE)


@dataclass
class CheckinResult:
    outcome: str
    registration: Registration | None = None
    event: Event | None = None
    session: Session | None = None
    checkin: CheckIn | None = None  # the arrival recorded now, or the earlier one ("already")
    status: str = ""  # the attendance's status when it is not approved
    replayed: bool = False  # an offline scan sent again: recorded the first time

    @property
    def accepted(self) -> bool:
        return self.outcome in Outcome.ACCEPTED

    @property
    def overridable(self) -> bool:
        return self.outcome in Outcome.OVERRIDABLE

    @property
    def name(self) -> str:
        user = self.registration.user if self.registration else None
        return (user.get_full_name() or user.email) if user else ""


def normalise_code(raw: str) -> str:
    """Codes are typed by hand or read from a QR code: ignore case, spaces and dashes."""
    return _CODE.sub("", (raw or "").upper())[:16]


def code_from_scan(raw: str) -> str | None:
    """The badge code in what the desk read: a signed QR payload (None when its signature fails)
    or a code as typed, or read from a badge printed before badges were signed."""
    if is_signed(raw):
        try:
            return normalise_code(verify_badge(raw).code)
        except ForgedBadge:
            return None
    return normalise_code(raw)


def _local_day(moment, week):
    return timezone.localtime(moment, week.tzinfo).date()


def _timing(event: Event, session: Session | None, at) -> str | None:
    """TOO_EARLY / TOO_LATE when ``at`` is outside the event's dates or the session's doors."""
    if session is not None:
        if at < session.starts_at - SESSION_DOORS_OPEN:
            return Outcome.TOO_EARLY
        if at > session.ends_at:
            return Outcome.TOO_LATE
        return None
    day = _local_day(at, event.week)
    if day < event.start_date:
        return Outcome.TOO_EARLY
    if day > event.end_date:
        return Outcome.TOO_LATE
    return None


def checkin_judge(result, registration, attendance, existing, at, override_reason) -> str | None:
    """The one rule, for a single scan and a desk's batch alike: sets ``result.outcome`` to a
    refusal, or to ARRIVED; returns the timing refusal an override overrules (or None)."""
    event, session = result.event, result.session
    if registration.week_id != event.week_id:
        result.outcome = Outcome.OTHER_WEEK
    elif attendance is None:
        result.outcome = Outcome.NOT_THIS_EVENT
    elif attendance.status != Status.APPROVED:
        result.outcome, result.status = Outcome.NOT_APPROVED, attendance.status
    elif existing is not None:
        result.outcome, result.checkin = Outcome.ALREADY, existing
    else:
        timing = _timing(event, session, at)
        result.outcome = timing if timing and not override_reason else Outcome.ARRIVED
        return timing
    return None


def checkin_record(
    *,
    code: str,
    event: Event,
    by,
    session: Session | None = None,
    at=None,
    override_reason: str = "",
    device: str = "",
    scan_id: str | None = None,
    request=None,
) -> CheckinResult:
    """Record the arrival of the badge's holder at ``event`` (or at its ``session``).

    ``at``: when the badge was scanned (now unless an offline desk or the demo says otherwise).
    ``override_reason``: accept it outside the event's dates or the session's times, audited.
    ``scan_id``: the offline desk's id of the scan, so that a scan sent twice counts once.
    """
    at = at or timezone.now()
    if session is not None and session.event_id != event.pk:
        raise ValueError("the session is not part of this event")
    override_reason = (override_reason or "").strip()
    if len(override_reason) > CheckIn._meta.get_field("override_reason").max_length:
        return CheckinResult(Outcome.REASON_TOO_LONG, event=event, session=session)
    if scan_id:
        earlier = CheckIn.objects.select_related("registration__user").filter(scan_id=scan_id).first()
        if earlier is not None:
            return CheckinResult(
                Outcome.ARRIVED, earlier.registration, event, session, earlier, Status.APPROVED, replayed=True
            )
    result = CheckinResult(Outcome.UNKNOWN, event=event, session=session)
    code = code_from_scan(code)
    if code is None:
        result.outcome = Outcome.FORGED
        return result
    if not code:
        return result
    with transaction.atomic():
        registration = (
            # of=self: PostgreSQL cannot lock the nullable side of the outer join to the user (an
            # anonymised registration has none), and only the registration row needs the lock: it
            # keeps two desks scanning the same badge from both finding no arrival yet.
            Registration.objects.select_for_update(of=("self",))
            .select_related("user", "week")
            .filter(checkin_code=code)
            .first()
        )
        if registration is None:
            return result
        result.registration = registration
        attendance = Attendance.objects.filter(registration=registration, event=event).first()
        existing = CheckIn.objects.filter(registration=registration, event=event, session=session).first()
        timing = checkin_judge(result, registration, attendance, existing, at, override_reason)
        if result.outcome != Outcome.ARRIVED:
            return result
        fields = {"at": at, "by": by, "device": device[:64]}
        try:
            with transaction.atomic():
                result.checkin = CheckIn.objects.create(
                    registration=registration,
                    event=event,
                    session=session,
                    scan_id=scan_id or None,
                    override_reason=override_reason if timing else "",
                    **fields,
                )
        except IntegrityError:
            # The scan's id is already used (the same scan, sent by two requests at once).
            earlier = CheckIn.objects.get(scan_id=scan_id)
            return CheckinResult(Outcome.ARRIVED, registration, event, session, earlier, Status.APPROVED, True)
        if session is not None:
            # Whoever comes to a session has come to the event: its arrival counts for the certificate.
            CheckIn.objects.get_or_create(registration=registration, event=event, session=None, defaults=fields)
        if registration.checked_in_at is None:
            registration.checked_in_at, registration.checked_in_by = at, by
            registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        if timing:
            record(
                Action.CHECKIN_OVERRIDE,
                actor=by,
                request=request,
                obj=registration,
                subject_user_id=registration.user_id,
                event=event.slug,
                session=session.pk if session else None,
                at=at.isoformat(),
                refused_as=timing,
                reason=override_reason,
            )
    result.outcome = Outcome.ARRIVED
    return result


def _when(moment, week) -> str:
    return date_format(timezone.localtime(moment, week.tzinfo), "DATETIME_FORMAT")


def checkin_message(result: CheckinResult) -> str:
    """What the desk says about ``result``, in the active language."""
    name = result.name
    event, session = result.event, result.session
    place = session.title if session is not None else event.name if event is not None else ""
    outcome = result.outcome
    if outcome == Outcome.ARRIVED:
        country = result.registration.country.name
        if result.checkin is not None and result.checkin.override_reason:
            return _("%(name)s (%(country)s) is checked in at %(place)s, outside its times: %(reason)s") % {
                "name": name,
                "country": country,
                "place": place,
                "reason": result.checkin.override_reason,
            }
        return _("%(name)s (%(country)s) is checked in at %(place)s.") % {
            "name": name,
            "country": country,
            "place": place,
        }
    if outcome == Outcome.ALREADY:
        checkin = result.checkin
        where = _(" by the desk %(device)s") % {"device": checkin.device} if checkin.device else ""
        return _("%(name)s was already checked in at %(place)s at %(at)s%(where)s. A badge counts once.") % {
            "name": name,
            "place": place,
            "at": _when(checkin.at, event.week),
            "where": where,
        }
    if outcome == Outcome.UNKNOWN:
        return _("No badge has this code. Check the letters and digits, or find the delegate with the search below.")
    if outcome == Outcome.OTHER_WEEK:
        return _("This badge is for %(week)s, not for this week. Send %(name)s to the registration desk.") % {
            "week": result.registration.week.name,
            "name": name,
        }
    if outcome == Outcome.NOT_THIS_EVENT:
        return _("%(name)s is not registered for %(event)s. Send them to the registration desk.") % {
            "name": name,
            "event": event.name,
        }
    if outcome == Outcome.NOT_APPROVED:
        reasons = {
            Status.PENDING: _("their place at %(event)s is still waiting for approval"),
            Status.WAITLISTED: _("they are on the waiting list of %(event)s"),
            Status.REJECTED: _("their registration for %(event)s was declined"),
            Status.CANCELLED: _("their place at %(event)s was cancelled"),
        }
        reason = reasons.get(result.status, _("their place at %(event)s is not approved")) % {"event": event.name}
        return _("Not accepted: %(reason)s. Send %(name)s to the registration desk.") % {
            "reason": reason,
            "name": name,
        }
    if outcome in (Outcome.TOO_EARLY, Outcome.TOO_LATE):
        if session is not None:
            times = _("%(place)s runs from %(start)s to %(end)s; doors open half an hour before.") % {
                "place": place,
                "start": _when(session.starts_at, event.week),
                "end": _when(session.ends_at, event.week),
            }
        else:
            times = _("%(place)s runs from %(start)s to %(end)s.") % {
                "place": place,
                "start": date_format(event.start_date, "DATE_FORMAT"),
                "end": date_format(event.end_date, "DATE_FORMAT"),
            }
        lead = _("Too early for %(name)s.") if outcome == Outcome.TOO_EARLY else _("Too late for %(name)s.")
        return f"{lead % {'name': name}} {times} " + _(
            "To accept the badge all the same, give the reason: it is written to the audit log."
        )
    if outcome == Outcome.FORGED:
        return _(
            "This QR code is not a badge of ours: its signature does not match. Look the delegate up by name "
            "and check their identity."
        )
    if outcome == Outcome.REASON_TOO_LONG:
        return _("The reason is too long: keep it under 300 characters.")
    return _("The badge was not accepted.")
