"""What goes on a delegate's documents, read once from the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django_countries import countries

from portal.pdf.shaping import clean_text

from ..badge_signing import sign_badge
from ..models import Attendance, Placement, Registration, Status


class DocumentUnavailable(Exception):
    """The document cannot be made for this registration yet; the message says why."""


@dataclass
class BadgeData:
    name: str
    country: str
    bureau: str
    role: str
    code: str
    week: str
    week_dates: str
    qr: str = ""  # the signed payload (events.badge_signing); the bare code when empty
    events: list[str] = field(default_factory=list)
    roundtables: list[str] = field(default_factory=list)


def display_name(registration: Registration) -> str:
    """The name printed for a delegate: profile name, else passport name, else the email's name."""
    user = registration.user
    for candidate in (user.get_full_name(), registration.passport_name):
        name = clean_text(candidate)
        if name:
            return name
    return clean_text(user.email.split("@")[0]) or user.email


def country_name(code) -> str:
    return str(countries.name(str(code))) if code else ""


def date_span(start, end) -> str:
    from django.utils.formats import date_format

    if start == end:
        return date_format(start, "DATE_FORMAT")
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


def approved_attendances(registration: Registration) -> list[Attendance]:
    prefetched = getattr(registration, "approved_attendances", None)
    if prefetched is not None:
        return prefetched
    return list(
        registration.attendances.filter(status=Status.APPROVED).select_related("event").order_by("event__sort_order")
    )


def placements(registration: Registration) -> list[Placement]:
    prefetched = getattr(registration, "prefetched_placements", None)
    if prefetched is not None:
        return prefetched
    return list(registration.placements.select_related("roundtable__region", "event"))


def region_name(region, memo: dict | None = None) -> str:
    """The region's name in the active language (regions are translatable snippets)."""
    from django.utils import translation
    from wagtail.models import Locale

    language = (translation.get_language() or "en")[:2]
    key = (region.pk, language)
    if memo is not None and key in memo:
        return memo[key]
    locale = Locale.objects.filter(language_code=language).first()
    translated = region.get_translation_or_none(locale) if locale else None
    name = (translated or region).name
    if memo is not None:
        memo[key] = name
    return name


def badge_data(registration: Registration, memo: dict | None = None) -> BadgeData:
    """Everything printed on one badge, in the active language (``memo`` caches region names)."""
    week = registration.week
    tables = []
    for placement in placements(registration):
        table = placement.roundtable
        label = f"{table.topic} — {region_name(table.region, memo)}"
        tables.append(f"{label}, {table.room}" if table.room else label)
    return BadgeData(
        name=display_name(registration),
        country=country_name(registration.country),
        bureau=clean_text(registration.bureau),
        role=str(registration.get_role_display()),
        code=registration.checkin_code,
        qr=sign_badge(registration, [a.event for a in approved_attendances(registration)]),
        week=week.name,
        week_dates=f"{week.city} · {date_span(week.start_date, week.end_date)}",
        events=[clean_text(a.event.name) for a in approved_attendances(registration)],
        roundtables=tables,
    )


def registrations_for_badges(event):
    """Registrations holding an approved seat at ``event``, ready for printing in one pass."""
    return (
        Registration.objects.filter(attendances__event=event, attendances__status=Status.APPROVED, user__isnull=False)
        .select_related("user", "week")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(status=Status.APPROVED)
                .select_related("event")
                .order_by("event__sort_order"),
                to_attr="approved_attendances",
            ),
            Prefetch(
                "placements",
                queryset=Placement.objects.select_related("roundtable__region", "event"),
                to_attr="prefetched_placements",
            ),
        )
        .order_by("country", "user__last_name", "user__first_name", "pk")
        .distinct()
    )
