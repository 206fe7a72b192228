"""iCalendar (RFC 5545) for an event's programme, a delegate's personal agenda and the events a
registration holds a place at — written by the icalendar library (escaping, line folding,
value types), from our data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from icalendar import Event as CalendarEvent

# A place that is only asked for shows as tentative in the delegate's calendar.
_PLACE_STATUS = {"approved": "CONFIRMED", "pending": "TENTATIVE", "waitlisted": "TENTATIVE"}


def _host() -> str:
    return settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0] or "liaison"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Liaison//Conference programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _text(calendar: Calendar) -> str:
    return calendar.to_ical().decode("utf-8")


def registration_calendar(registration, language: str = "en") -> str:
    """The events a delegate holds or asked for a place at, one all-day entry each (attached to
    the confirmation and approval mails); cancelled and declined places are left out."""
    host, now = _host(), datetime.now(UTC)
    with translation.override(language):
        calendar = _calendar(registration.week.name)
        for attendance in registration.attendances.all():
            if attendance.status not in _PLACE_STATUS:
                continue
            event = attendance.event
            entry = CalendarEvent()
            entry.add("uid", f"place-{attendance.pk}@{host}")
            entry.add("dtstamp", now)
            entry.add("dtstart", event.start_date)
            entry.add("dtend", event.end_date + timedelta(days=1))  # DTEND is exclusive
            entry.add("summary", event.name)
            entry.add("location", ", ".join(filter(None, [event.venue, event.city, event.country.name])))
            entry.add("description", str(attendance.get_status_display()))
            entry.add("status", _PLACE_STATUS[attendance.status])
            calendar.add_component(entry)
        return _text(calendar)


def calendar(name: str, sessions, language: str = "en") -> str:
    """Sessions (a programme, or a delegate's starred agenda), in ``language`` where written."""
    host, now = _host(), datetime.now(UTC)
    result = _calendar(name)
    with translation.override(language):
        for session in sessions:
            title, description = session.title, session.description
            entry = CalendarEvent()
            entry.add("uid", f"session-{session.pk}@{host}")
            entry.add("dtstamp", now)
            entry.add("dtstart", session.starts_at.astimezone(UTC))
            entry.add("dtend", session.ends_at.astimezone(UTC))
            entry.add("summary", title)
            entry.add("location", ", ".join(filter(None, [session.room, session.event.venue, session.event.city])))
            entry.add("description", " — ".join(filter(None, [description, session.speakers])))
            entry.add("categories", [str(session.get_kind_display())])
            # The session's page, as the API gives it (SITE_URL: the calendar app is not on our site).
            path = reverse("events:session", args=[session.event.slug, session.pk])
            entry.add("url", settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path)
            result.add_component(entry)
    return _text(result)
