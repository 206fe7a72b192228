"""Programme pages: one session (abstract, time at the venue, room, speakers, conclusions) and
one speaker (bio, sessions). The audience rule applies to the event and to the session."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal.pages.access import audience_response

from ..models import AgendaItem, Event, Speaker
from ..selectors import (
    now_and_next,
    programme_filtered,
    programme_themes,
    session_for,
    sessions_visible,
    speaker_sessions,
    timetable,
)


def programme_context(request, visible) -> dict:
    """The programme's filters (theme, kind; unknown values dropped), the sessions they leave,
    and what runs now and next (unfiltered: the desk of a delegate in the corridor)."""
    from ..models import SessionKind

    themes = programme_themes(visible, request.LANGUAGE_CODE)
    theme = request.GET.get("theme", "")
    theme = theme if theme in {slug for slug, _name in themes} else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in SessionKind.values else ""
    return {
        "sessions": programme_filtered(visible, theme=theme, kind=kind),
        "themes": themes,
        "kinds": SessionKind.choices,
        "theme": theme,
        "kind": kind,
        "filtered": bool(theme or kind),
        "now_next": now_and_next(list(visible)),
    }


def session_detail(request, slug, session_id):
    event = get_object_or_404(Event.objects.select_related("week"), slug=slug)
    refusal = audience_response(request, event.audience)
    if refusal is not None:
        return refusal
    session = session_for(request.user, event, session_id)
    if session is None:
        raise Http404
    refusal = audience_response(request, session.audience)
    if refusal is not None:
        return refusal
    starred = request.user.is_authenticated and AgendaItem.objects.filter(user=request.user, session=session).exists()
    return render(request, "events/session_detail.html", {"event": event, "session": session, "starred": starred})


def timetable_view(request, slug):
    """The programme as a grid per day: rooms across, start times down."""
    event = get_object_or_404(Event.objects.select_related("week"), slug=slug)
    refusal = audience_response(request, event.audience)
    if refusal is not None:
        return refusal
    context = programme_context(request, sessions_visible(request.user, event))
    context.update(event=event, days=timetable(context["sessions"], event.week.tzinfo))
    return render(request, "events/timetable.html", context)


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    sessions = list(speaker_sessions(request.user, speaker))
    return render(request, "events/speaker_detail.html", {"speaker": speaker, "sessions": sessions})
