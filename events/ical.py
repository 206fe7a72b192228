"""iCalendar (RFC 5545) feeds for an event's programme and a delegate's personal agenda."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start = [], 0
    while start < len(data):
        end = min(start + (75 if not pieces else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # do not split a UTF-8 character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start = end
    return "\r\n ".join(pieces)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0] or "liaison"


def _header(name: str) -> list[str]:
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Liaison//Conference programme//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]


def _finish(lines: list[str]) -> str:
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# A place that is only asked for shows as tentative in the delegate's calendar.
_PLACE_STATUS = {"approved": "CONFIRMED", "pending": "TENTATIVE", "waitlisted": "TENTATIVE"}


def registration_calendar(registration, language: str = "en") -> str:
    """The events a delegate holds or asked for a place at, one all-day entry each (attached to
    the confirmation and approval mails); cancelled and declined places are left out."""
    from datetime import timedelta

    from django.utils import translation

    host, now = _host(), _stamp(datetime.now(UTC))
    with translation.override(language):
        lines = _header(registration.week.name)
        for attendance in registration.attendances.all():
            if attendance.status not in _PLACE_STATUS:
                continue
            event = attendance.event
            lines += [
                "BEGIN:VEVENT",
                f"UID:place-{attendance.pk}@{host}",
                f"DTSTAMP:{now}",
                f"DTSTART;VALUE=DATE:{event.start_date:%Y%m%d}",
                f"DTEND;VALUE=DATE:{event.end_date + timedelta(days=1):%Y%m%d}",  # DTEND is exclusive
                f"SUMMARY:{_escape(event.name)}",
                f"LOCATION:{_escape(', '.join(filter(None, [event.venue, event.city, event.country.name])))}",
                f"DESCRIPTION:{_escape(str(attendance.get_status_display()))}",
                f"STATUS:{_PLACE_STATUS[attendance.status]}",
                "END:VEVENT",
            ]
        return _finish(lines)


def calendar(name: str, sessions, language: str = "en") -> str:
    host = _host()
    now = _stamp(datetime.now(UTC))
    lines = _header(name)
    for session in sessions:
        title = getattr(session, f"title_{language}", "") or session.title
        description = getattr(session, f"description_{language}", "") or session.description
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(session.starts_at)}",
            f"DTEND:{_stamp(session.ends_at)}",
            f"SUMMARY:{_escape(title)}",
            f"LOCATION:{_escape(', '.join(filter(None, [session.room, session.event.venue, session.event.city])))}",
            f"DESCRIPTION:{_escape(' — '.join(filter(None, [description, session.speakers])))}",
            f"CATEGORIES:{_escape(session.get_kind_display())}",
            "END:VEVENT",
        ]
    return _finish(lines)
