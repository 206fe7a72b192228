"""Events API under /api/v1/: only what the caller's audience allows; hidden events are 404."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema

from portal.audiences import can_view

from .ical import calendar
from .models import AgendaFeed, Event, Roundtable
from .selectors import agenda_of, events_for_listing, sessions_visible

router = Router(tags=["events"])


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _language(lang: str | None) -> str:
    """The language asked for (``lang``), else the request's (Accept-Language), else the default."""
    if lang in _languages():
        return lang
    active = (translation.get_language() or "")[:2]
    return active if active in _languages() else settings.LANGUAGE_CODE[:2]


def _translations(obj, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Every language the site has, with the fields written in it (missing ones left out)."""
    found = {}
    for code in _languages():
        texts = {name: getattr(obj, name).translations.get(code, "") for name in fields}
        if any(texts.values()):
            found[code] = {name: value for name, value in texts.items() if value}
    return found


LANG = "Language of the texts: one of the site's languages (default: the request's)."


class EventOut(Schema):
    slug: str
    language: str
    name: str
    description: str
    translations: dict[str, dict[str, str]]
    week: str
    start_date: dt.date
    end_date: dt.date
    venue: str
    city: str
    country: str
    capacity: int
    registration_open: bool

    @staticmethod
    def resolve_language(obj):
        return (translation.get_language() or settings.LANGUAGE_CODE)[:2]

    @staticmethod
    def resolve_translations(obj):
        return _translations(obj, ("name", "description", "venue", "city"))

    @staticmethod
    def resolve_week(obj):
        return obj.week.name

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_registration_open(obj):
        return obj.is_open()


class SpeakerOut(Schema):
    slug: str
    name: str
    role: str
    country: str
    url: str

    @staticmethod
    def resolve_role(obj):
        return str(obj.role)

    @staticmethod
    def resolve_country(obj):
        return str(obj.country)

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("events:speaker", args=[obj.slug])


class SessionDocumentOut(Schema):
    title: str
    url: str = Field(description="Served under the session's audience, like the page's link.")
    file_extension: str

    @staticmethod
    def resolve_title(obj):
        return obj.document.title

    @staticmethod
    def resolve_url(obj):
        return obj.document.url

    @staticmethod
    def resolve_file_extension(obj):
        return obj.document.file_extension


class SessionOut(Schema):
    id: int
    title: str
    description: str
    translations: dict[str, dict[str, str]]
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str
    speakers: str
    speaker_pages: list[SpeakerOut]
    documents: list[SessionDocumentOut]
    kind: str
    language: str
    url: str

    @staticmethod
    def resolve_translations(obj):
        return _translations(obj, ("title", "description", "room", "speakers"))

    @staticmethod
    def resolve_speaker_pages(obj):
        return list(obj.speaker_profiles.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("events:session", args=[obj.event.slug, obj.pk])


class RoundtableOut(Schema):
    id: int
    topic: str
    translations: dict[str, dict[str, str]]
    topic_kind: str
    region: str
    language: str
    capacity: int
    facilitator: str
    rapporteur: str

    @staticmethod
    def resolve_region(obj):
        return obj.region.slug

    @staticmethod
    def resolve_translations(obj):
        return _translations(obj, ("topic", "room"))


def _visible_event(request, slug) -> Event:
    event = get_object_or_404(Event.objects.select_related("week"), slug=slug)
    if not can_view(request.user, event.audience):
        raise Http404
    return event


class NotFoundOut(Schema):
    detail: str


NOT_FOUND = {404: NotFoundOut}  # unknown, or not visible to the caller: the same answer
ICALENDAR = {
    "responses": {
        200: {
            "description": "An iCalendar (RFC 5545) document",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        }
    }
}


def _speak(lang) -> None:
    """Answer in the language asked for: django-ninja resolves the texts after the view returns,
    so the language stays active for the rest of this request (as LocaleMiddleware leaves it)."""
    translation.activate(_language(lang))


@router.get("/events", response=list[EventOut], summary="Events the caller may see")
def list_events(request, lang: str | None = Query(None, description=LANG)):
    _speak(lang)
    return list(events_for_listing(request.user))


@router.get(
    "/events/{slug}.ics",
    response=NOT_FOUND,
    openapi_extra=ICALENDAR,
    summary="The event's programme as an iCalendar feed",
)
def event_ical(request, slug: str, lang: str | None = Query(None, description=LANG)):
    event = _visible_event(request, slug)
    body = calendar(
        event.name,
        sessions_visible(request.user, event).select_related("event"),
        _language(lang),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{event.slug}.ics"'
    return response


@router.get("/events/{slug}", response={200: EventOut, **NOT_FOUND}, summary="One event")
def get_event(request, slug: str, lang: str | None = Query(None, description=LANG)):
    _speak(lang)
    return _visible_event(request, slug)


@router.get("/events/{slug}/sessions", response={200: list[SessionOut], **NOT_FOUND}, summary="The event's programme")
def list_sessions(request, slug: str, lang: str | None = Query(None, description=LANG)):
    _speak(lang)
    return list(
        sessions_visible(request.user, _visible_event(request, slug)).prefetch_related(
            "speaker_profiles", "documents__document"
        )
    )


@router.get(
    "/events/{slug}/roundtables",
    response={200: list[RoundtableOut], **NOT_FOUND},
    summary="The event's regional roundtables",
)
def list_roundtables(request, slug: str, lang: str | None = Query(None, description=LANG)):
    event = _visible_event(request, slug)
    _speak(lang)
    return list(Roundtable.objects.filter(event=event).select_related("region"))


@router.get(
    "/agenda/{token}.ics",
    response=NOT_FOUND,
    openapi_extra=ICALENDAR,
    summary="A delegate's personal agenda (secret address)",
)
def agenda_ical(request, token: str, lang: str | None = Query(None, description=LANG)):
    feed = AgendaFeed.objects.filter(token=token).select_related("user").first()
    if feed is None:
        raise Http404
    body = calendar("Liaison — my agenda", agenda_of(feed.user), _language(lang))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The address is the only key: no shared cache or proxy may keep a copy, nor pass it on.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
