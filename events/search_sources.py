"""What events contribute to search (read by the search app; imports nothing of it).

One document per event per language; both language versions form one translation group.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Event, Session


def _documents(units=None):
    events = Event.objects.select_related("week")
    if units is not None:
        events = events.filter(pk__in=[int(u) for u in units if str(u).isdigit()])
    for event in events.prefetch_related("sessions").order_by("pk"):
        sessions = list(event.sessions.all())
        for language in ("en", "fr"):
            titles = " ".join(getattr(s, f"title_{language}") for s in sessions if s.audience == event.audience)
            yield {
                "id": f"event:{event.pk}:{language}",
                "type": "event",
                "language": language,
                "group": f"event:{event.pk}",
                "unit": str(event.pk),
                "title": getattr(event, f"name_{language}"),
                "url": f"/{language}/events/{event.slug}/",
                "audience": event.audience,
                "summary": f"{event.city}, {event.start_date:%d/%m/%Y} – {event.end_date:%d/%m/%Y}",
                "body": " ".join([getattr(event, f"description_{language}"), event.venue, event.week.city, titles]),
                "country": event.country.code,
                "date": event.start_date,
            }


def _units(instance) -> list[str]:
    if isinstance(instance, Event):
        return [str(instance.pk)]
    if isinstance(instance, Session):
        return [str(instance.event_id)]
    return []


SOURCES = [
    {
        "name": "event",
        "models": (Event, Session),
        "units_of": _units,
        "count": lambda: Event.objects.count() * 2,
        "documents": _documents,
        "types": {"event": _("Event")},
    }
]
