"""What events contribute to search (read by the search app; imports nothing of it).

One document per event per language it is written in (its name given in that language); the
language versions form one translation group.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.translated import site_languages

from .models import Event, Session


def _documents(units=None):
    events = Event.objects.select_related("week")
    if units is not None:
        events = events.filter(pk__in=[int(u) for u in units if str(u).isdigit()])
    for event in events.prefetch_related("sessions").order_by("pk"):
        sessions = list(event.sessions.all())
        for language in (code for code in site_languages() if code in event.name.translations):
            titles = " ".join(s.title.in_language(language) for s in sessions if s.audience == event.audience)
            yield {
                "id": f"event:{event.pk}:{language}",
                "type": "event",
                "language": language,
                "group": f"event:{event.pk}",
                "unit": str(event.pk),
                "title": event.name.in_language(language),
                "url": f"/{language}/events/{event.slug}/",
                "audience": event.audience,
                "summary": _summary(event, language),
                "body": " ".join(
                    [
                        event.description.translations.get(language, ""),
                        event.venue.in_language(language),
                        event.week.city.in_language(language),
                        titles,
                    ]
                ),
                "country": event.country.code,
                "date": event.start_date,
            }


def _summary(event, language: str) -> str:
    """ "Singapore, June 5, 2023 – June 7, 2023" / "Singapour, 5 juin 2023 – 7 juin 2023"."""
    with translation.override(language):
        dates = f"{date_format(event.start_date, 'DATE_FORMAT')} – {date_format(event.end_date, 'DATE_FORMAT')}"
    return f"{event.city.in_language(language)}, {dates}"


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
