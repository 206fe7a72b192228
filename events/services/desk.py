"""The offline check-in desk: what it downloads, and its queued scans recorded in one batch.

The desk (events/static/events/desk.js) keeps the event's expected attendees in the browser,
checks badges offline by their signature (events.badge_signing) and the list, and sends its scans
when the network returns. Each scan carries the desk's own id for it: sent again after a lost
answer, it is recognised and not recorded twice; the same badge scanned at another desk meets the
one-arrival rule and comes back as "already", with the other desk's name. The rules are
checkin.checkin_judge's, the same as at an online desk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..badge_signing import public_keys
from ..models import Attendance, CheckIn, Event, Registration, Session
from .checkin import CheckinResult, Outcome, checkin_judge, checkin_message, code_from_scan

# A desk's batch is bounded, so that one request stays short; the desk sends the rest next.
SYNC_BATCH = 2000
# A scan dated this far ahead of the server's clock is taken as a desk's wrong clock.
CLOCK_SLACK = dt.timedelta(minutes=10)


class SyncError(ValueError):
    """The batch as a whole is malformed: the desk keeps its queue and says why."""


def desk_expires_at(event: Event) -> dt.datetime:
    """The offline copy is for the event only: it expires at the end of the day after it ends."""
    return dt.datetime.combine(event.end_date + dt.timedelta(days=2), dt.time(0, 0), event.week.tzinfo)


def desk_download(event: Event) -> dict:
    """The event, its sessions, the verifying keys and every registered attendee with only what
    the desk shows: code, name, country, status (so a refusal can say why), and who has already
    been checked in where."""
    week = event.week
    attendees = [
        [code, f"{first} {last}".strip() or email.split("@")[0], str(country), status]
        for code, first, last, email, country, status in Attendance.objects.filter(
            event=event, registration__user__isnull=False
        )
        .order_by("registration_id")
        .values_list(
            "registration__checkin_code",
            "registration__user__first_name",
            "registration__user__last_name",
            "registration__user__email",
            "registration__country",
            "status",
        )
    ]
    arrived = [
        [code, session_id, at.isoformat(), device]
        for code, session_id, at, device in CheckIn.objects.filter(event=event).values_list(
            "registration__checkin_code", "session_id", "at", "device"
        )
    ]
    sessions = [
        {"id": s.pk, "title": str(s.title), "starts_at": s.starts_at.isoformat(), "ends_at": s.ends_at.isoformat()}
        for s in Session.objects.filter(event=event).order_by("starts_at", "id")
    ]
    return {
        "event": {
            "slug": event.slug,
            "name": str(event.name),
            "week": week.slug,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
            "time_zone": week.time_zone,
            "expires_at": desk_expires_at(event).isoformat(),
        },
        "keys": public_keys(),
        "sessions": sessions,
        "attendees": attendees,
        "arrived": arrived,
        "generated_at": timezone.now().isoformat(),
    }


@dataclass
class _Scan:
    id: str
    code: str | None
    at: dt.datetime
    session: Session | None


def _parse(event: Event, device: str, scans) -> list[_Scan]:
    if not isinstance(scans, list) or len(scans) > SYNC_BATCH:
        raise SyncError(f"scans: a list of at most {SYNC_BATCH}")
    sessions = {s.pk: s for s in Session.objects.filter(event=event)}
    latest = timezone.now() + CLOCK_SLACK
    parsed = []
    for item in scans:
        if not isinstance(item, dict):
            raise SyncError("each scan is an object")
        scan_id, raw, when = str(item.get("id", ""))[:40], str(item.get("code", ""))[:600], item.get("at")
        at = parse_datetime(str(when or ""))
        if not scan_id or at is None or timezone.is_naive(at):
            raise SyncError("each scan needs an id and a time with its offset")
        session_id = item.get("session")
        if session_id not in (None, "") and int(session_id) not in sessions:
            raise SyncError(f"session {session_id} is not part of this event")
        session = sessions.get(int(session_id)) if session_id not in (None, "") else None
        parsed.append(_Scan(f"{device}:{scan_id}", code_from_scan(raw), min(at, latest), session))
    return parsed


def desk_sync(*, event: Event, by, device: str, scans) -> list[dict]:
    """Record a desk's queued scans, in the order they were made; one answer per scan."""
    device = (device or "").strip()[:24]
    if not device:
        raise SyncError("device: the desk's name")
    parsed = sorted(_parse(event, device, scans), key=lambda s: s.at)
    results: dict[str, CheckinResult] = {}
    with transaction.atomic():
        earlier = {
            c.scan_id: c
            for c in CheckIn.objects.select_related("registration__user").filter(scan_id__in=[s.id for s in parsed])
        }
        codes = {s.code for s in parsed if s.code}
        # Locked in one order (by id), so two desks syncing at once cannot deadlock each other.
        registrations = {
            r.checkin_code: r
            for r in Registration.objects.select_for_update(of=("self",))
            .select_related("user", "week")
            .filter(checkin_code__in=codes)
            .order_by("pk")
        }
        ids = [r.pk for r in registrations.values()]
        attendances = {a.registration_id: a for a in Attendance.objects.filter(event=event, registration_id__in=ids)}
        existing = {
            (c.registration_id, c.session_id): c for c in CheckIn.objects.filter(event=event, registration_id__in=ids)
        }
        new: list[CheckIn] = []
        first_arrivals: dict[int, Registration] = {}
        for scan in parsed:
            result = CheckinResult(Outcome.UNKNOWN, event=event, session=scan.session)
            results[scan.id] = result
            if scan.id in earlier:
                result.outcome, result.checkin, result.replayed = Outcome.ARRIVED, earlier[scan.id], True
                result.registration = earlier[scan.id].registration
                continue
            if scan.code is None:
                result.outcome = Outcome.FORGED
                continue
            registration = registrations.get(scan.code)
            if registration is None:
                continue
            result.registration = registration
            session_id = scan.session.pk if scan.session else None
            attendance = attendances.get(registration.pk)
            checkin_judge(result, registration, attendance, existing.get((registration.pk, session_id)), scan.at, "")
            if result.outcome != Outcome.ARRIVED:
                continue
            fields = {"registration": registration, "event": event, "at": scan.at, "by": by, "device": device}
            result.checkin = CheckIn(session=scan.session, scan_id=scan.id, **fields)
            existing[(registration.pk, session_id)] = result.checkin
            new.append(result.checkin)
            if session_id is not None and (registration.pk, None) not in existing:
                existing[(registration.pk, None)] = CheckIn(session=None, **fields)
                new.append(existing[(registration.pk, None)])
            if registration.checked_in_at is None:
                registration.checked_in_at, registration.checked_in_by = scan.at, by
                first_arrivals[registration.pk] = registration
        CheckIn.objects.bulk_create(new)
        Registration.objects.bulk_update(list(first_arrivals.values()), ["checked_in_at", "checked_in_by"])
    answers = []
    for item in scans:
        result = results[f"{device}:{str(item['id'])[:40]}"]
        checkin = result.checkin
        answers.append(
            {
                "id": item["id"],
                "outcome": result.outcome,
                "accepted": result.accepted,
                "message": checkin_message(result),
                "code": result.registration.checkin_code if result.registration else "",
                "device": checkin.device if checkin is not None and result.outcome == Outcome.ALREADY else "",
                "at": checkin.at.isoformat() if checkin is not None else "",
            }
        )
    return answers
