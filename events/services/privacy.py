"""Delegates' personal data in events: export, erasure on account deletion, retention rules.

Anonymising a registration keeps what the figures need (week, events, statuses, country,
role, check-in time, roundtable placement) and removes the rest: the link to the account, the
bureau, travel dates, needs, passport details, the invitation and any mail not yet sent. The
check-in code is replaced, so a badge found later leads nowhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.audit.models import Action
from portal.audit.services import audit_prune, record

from ..models import (
    HOLDING,
    AgendaFeed,
    AgendaItem,
    Attendance,
    Invitation,
    Notification,
    Registration,
    Status,
)
from ..models.registrations import new_checkin_code
from .registrations import attendance_set_status

PASSPORT_FIELDS = {"passport_name": "", "passport_number": "", "passport_nationality": "", "passport_expiry": None}


def _date(value) -> str | None:
    return value.isoformat() if value else None


def registrations_export(user) -> dict:
    registrations = []
    for r in (
        Registration.objects.filter(user=user)
        .select_related("week")
        .prefetch_related("attendances__event", "attendances__history", "placements__roundtable")
    ):
        registrations.append(
            {
                "week": r.week.name.translations,
                "role": r.role,
                "country": str(r.country),
                "bureau": r.bureau,
                "arrival_date": _date(r.arrival_date),
                "departure_date": _date(r.departure_date),
                "dietary_needs": r.dietary_needs,
                "accessibility_needs": r.accessibility_needs,
                "needs_visa_letter": r.needs_visa_letter,
                "passport": {
                    "name": r.passport_name,
                    "number": r.passport_number,
                    "nationality": str(r.passport_nationality),
                    "expiry": _date(r.passport_expiry),
                },
                "consent_at": _date(r.consent_at),
                "checkin_code": r.checkin_code,
                "checked_in_at": _date(r.checked_in_at),
                "created_at": _date(r.created_at),
                "events": [
                    {
                        "event": a.event.name.translations,
                        "status": a.status,
                        "history": [
                            {"from": h.from_status, "to": h.to_status, "at": _date(h.at)} for h in a.history.all()
                        ],
                    }
                    for a in r.attendances.all()
                ],
                "roundtables": [p.roundtable.topic.translations for p in r.placements.all()],
            }
        )
    return {
        "registrations": registrations,
        "starred_sessions": [
            {"session": item.session.title.translations, "starred_at": _date(item.created_at)}
            for item in AgendaItem.objects.filter(user=user).select_related("session")
        ],
        "has_agenda_feed": AgendaFeed.objects.filter(user=user).exists(),
    }


def registration_anonymise(registration: Registration, *, now=None) -> None:
    now = now or timezone.now()
    Notification.objects.filter(registration=registration, sent_at__isnull=True).delete()
    for name, value in {
        **PASSPORT_FIELDS,
        "user": None,
        "bureau": "",
        "dietary_needs": "",
        "accessibility_needs": "",
        "arrival_date": registration.week.start_date,
        "departure_date": registration.week.end_date,
        "invitation": None,
        "checkin_code": new_checkin_code(),
        "checked_in_by": None,
    }.items():
        setattr(registration, name, value)
    registration.passport_purged_at = registration.passport_purged_at or now
    registration.anonymised_at = now
    registration.save()


def passport_purge(registration: Registration, *, now=None) -> None:
    for name, value in PASSPORT_FIELDS.items():
        setattr(registration, name, value)
    registration.passport_purged_at = now or timezone.now()
    registration.save(update_fields=[*PASSPORT_FIELDS, "passport_purged_at", "updated_at"])


def registrations_erase(user) -> dict:
    """Before an account is deleted: free the seats it holds at events still to come (the
    waiting list moves up), then anonymise its registrations."""
    today = timezone.localdate()
    cancelled = 0
    active = Attendance.objects.filter(
        registration__user=user, event__end_date__gte=today, status__in=[*HOLDING, Status.WAITLISTED]
    )
    for attendance in active:
        attendance_set_status(attendance=attendance, status=Status.CANCELLED, by=None, note="account deleted")
        cancelled += 1
    registrations = list(Registration.objects.filter(user=user).select_related("week"))
    for registration in registrations:
        registration_anonymise(registration)
    invitations = Invitation.objects.filter(email__iexact=user.email).delete()[0]
    return {
        "places cancelled": cancelled,
        "registrations anonymised": len(registrations),
        "invitations deleted": invitations,
    }


@dataclass
class RetentionReport:
    passport_days: int
    registration_days: int
    passports: list[int] = field(default_factory=list)  # registration ids
    registrations: list[int] = field(default_factory=list)
    invitations: int = 0
    audit_days: int = 0
    audit_entries: int = 0
    dry_run: bool = False

    def summary(self) -> dict:
        return {
            "passport_days": self.passport_days,
            "registration_days": self.registration_days,
            "passports_purged": len(self.passports),
            "registrations_anonymised": len(self.registrations),
            "invitations_deleted": self.invitations,
            "audit_days": self.audit_days,
            "audit_entries_deleted": self.audit_entries,
        }


def retention_due(today: dt.date | None = None):
    """(registrations whose passport details are due, registrations due for anonymising,
    invitations due), as querysets, from the settings N and M."""
    today = today or timezone.localdate()
    passport_before = today - dt.timedelta(days=settings.RETENTION_PASSPORT_DAYS)
    registration_before = today - dt.timedelta(days=settings.RETENTION_REGISTRATION_DAYS)
    has_passport = Registration.objects.exclude(
        passport_name="", passport_number="", passport_nationality="", passport_expiry=None
    )
    passports = has_passport.filter(week__end_date__lt=passport_before, anonymised_at__isnull=True)
    registrations = Registration.objects.filter(week__end_date__lt=registration_before, anonymised_at__isnull=True)
    invitations = Invitation.objects.filter(week__end_date__lt=registration_before)
    return passports, registrations, invitations


def retention_apply(*, dry_run: bool = False, today=None, progress=None) -> RetentionReport:
    """Apply the retention rules; record what was done in the audit log (not for a dry run)."""
    passports, registrations, invitations = retention_due(today)
    report = RetentionReport(settings.RETENTION_PASSPORT_DAYS, settings.RETENTION_REGISTRATION_DAYS, dry_run=dry_run)
    report.passports = list(passports.exclude(pk__in=registrations.values("pk")).values_list("pk", flat=True))
    report.registrations = list(registrations.values_list("pk", flat=True))
    report.invitations = invitations.count()
    report.audit_days = settings.RETENTION_AUDIT_DAYS
    report.audit_entries = audit_prune(days=report.audit_days, dry_run=True)
    if dry_run:
        return report
    now = timezone.now()
    total = len(report.passports) + len(report.registrations)
    done = 0
    for pk in report.passports:
        with transaction.atomic():
            passport_purge(Registration.objects.select_for_update().get(pk=pk), now=now)
        done += 1
        if progress:
            progress(done, total)
    for pk in report.registrations:
        with transaction.atomic():
            registration_anonymise(Registration.objects.select_for_update().select_related("week").get(pk=pk), now=now)
        done += 1
        if progress:
            progress(done, total)
    invitations.delete()
    report.audit_entries = audit_prune(days=report.audit_days)
    record(Action.RETENTION, object_type="registrations", **report.summary())
    return report
