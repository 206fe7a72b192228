"""Events API under /api/v1/: only what the caller's audience allows; hidden events are 404."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from portal.audiences import can_view

from .ical import calendar
from .models import AgendaFeed, Event, Roundtable
from .selectors import agenda_of, events_for_listing, sessions_visible

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    name: str
    name_en: str
    name_fr: str
    description: str
    week: str
    start_date: dt.date
    end_date: dt.date
    venue: str
    city: str
    country: str
    capacity: int
    registration_open: bool

    @staticmethod
    def resolve_week(obj):
        return obj.week.name

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_registration_open(obj):
        return obj.is_open()


class SessionOut(Schema):
    id: int
    title: str
    title_en: str
    title_fr: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str
    speakers: str
    kind: str
    language: str


class RoundtableOut(Schema):
    id: int
    topic: str
    topic_kind: str
    region: str
    language: str
    capacity: int
    facilitator: str
    rapporteur: str

    @staticmethod
    def resolve_region(obj):
        return obj.region.slug


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


@router.get("/events", response=list[EventOut], summary="Events the caller may see")
def list_events(request):
    return list(events_for_listing(request.user))


@router.get(
    "/events/{slug}.ics",
    response=NOT_FOUND,
    openapi_extra=ICALENDAR,
    summary="The event's programme as an iCalendar feed",
)
def event_ical(request, slug: str, lang: str = "en"):
    event = _visible_event(request, slug)
    body = calendar(
        event.name,
        sessions_visible(request.user, event).select_related("event"),
        lang if lang in ("en", "fr") else "en",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{event.slug}.ics"'
    return response


@router.get("/events/{slug}", response={200: EventOut, **NOT_FOUND}, summary="One event")
def get_event(request, slug: str):
    return _visible_event(request, slug)


@router.get("/events/{slug}/sessions", response={200: list[SessionOut], **NOT_FOUND}, summary="The event's programme")
def list_sessions(request, slug: str):
    return list(sessions_visible(request.user, _visible_event(request, slug)))


@router.get(
    "/events/{slug}/roundtables",
    response={200: list[RoundtableOut], **NOT_FOUND},
    summary="The event's regional roundtables",
)
def list_roundtables(request, slug: str):
    event = _visible_event(request, slug)
    return list(Roundtable.objects.filter(event=event).select_related("region"))


@router.get(
    "/agenda/{token}.ics",
    response=NOT_FOUND,
    openapi_extra=ICALENDAR,
    summary="A delegate's personal agenda (secret address)",
)
def agenda_ical(request, token: str, lang: str = "en"):
    feed = AgendaFeed.objects.filter(token=token).select_related("user").first()
    if feed is None:
        raise Http404
    body = calendar("Liaison — my agenda", agenda_of(feed.user), lang if lang in ("en", "fr") else "en")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The address is the only key: no shared cache or proxy may keep a copy, nor pass it on.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
