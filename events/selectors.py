"""Reusable reads of event data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from .models import AgendaItem, Attendance, Event, Registration, Session, Status


def events_for_listing(user):
    return Event.objects.visible_to(user).select_related("week").order_by("-week__start_date", "sort_order")


def event_places(event, user) -> dict:
    """What an event page says about places: seats left, the waiting list, the viewer's own
    place and registration for the week (one aggregate and two small lookups)."""
    from .models import HOLDING

    counts = Attendance.objects.filter(event=event).aggregate(
        taken=Count("id", filter=Q(status__in=HOLDING)), waiting=Count("id", filter=Q(status=Status.WAITLISTED))
    )
    mine = registration = None
    if getattr(user, "is_authenticated", False):
        registration = Registration.objects.filter(user=user, week_id=event.week_id).first()
        if registration is not None:
            mine = (
                Attendance.objects.filter(registration=registration, event=event)
                .exclude(status=Status.CANCELLED)
                .first()
            )
    return {
        "capacity": event.capacity,
        "seats_left": max(event.capacity - counts["taken"], 0),
        "waiting": counts["waiting"],
        "mine": mine,
        "registration": registration,
    }


def sessions_visible(user, event):
    from portal.audiences import visible_audiences

    return (
        Session.objects.filter(event=event, audience__in=visible_audiences(user))
        .select_related("event__week")
        .order_by("starts_at")
    )


def agenda_of(user):
    """The sessions ``user`` starred that they may still see, in time order (page and iCal feed)."""
    from portal.audiences import visible_audiences

    allowed = visible_audiences(user)
    return (
        Session.objects.filter(
            pk__in=AgendaItem.objects.filter(user=user).values("session_id"),
            audience__in=allowed,
            event__audience__in=allowed,
        )
        .select_related("event__week")
        .order_by("starts_at")
    )


def registrations_of(user):
    return (
        Registration.objects.filter(user=user)
        .select_related("week")
        .prefetch_related("attendances__event", "placements__roundtable__region")
    )


def event_figures(event) -> dict:
    counts = dict(event.attendances.values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Status.values}


def participants(*, event=None, week=None, status=None, country=None):
    """Attendances for exports, with what staff need in one query."""
    queryset = Attendance.objects.select_related("registration__user", "registration__week", "event")
    if event is not None:
        queryset = queryset.filter(event=event)
    if week is not None:
        queryset = queryset.filter(event__week=week)
    if status:
        queryset = queryset.filter(status=status)
    if country:
        queryset = queryset.filter(country=country)
    return queryset.order_by("event__sort_order", "registration__country", "registration__user__last_name")


def week_statistics(week) -> dict:
    attendances = Attendance.objects.filter(event__week=week)
    by_status = dict(attendances.values_list("status").annotate(n=Count("id")))
    by_event = list(
        week.events.annotate(
            approved=Count("attendances", filter=Q(attendances__status=Status.APPROVED)),
            pending=Count("attendances", filter=Q(attendances__status=Status.PENDING)),
            waitlisted=Count("attendances", filter=Q(attendances__status=Status.WAITLISTED)),
        ).order_by("sort_order")
    )
    active = attendances.filter(status__in=[Status.APPROVED, Status.PENDING])
    by_country = list(
        active.values("country").annotate(n=Count("registration", distinct=True)).order_by("-n", "country")
    )
    return {
        "by_status": {s: by_status.get(s, 0) for s in Status.values},
        "by_event": by_event,
        "by_country": by_country,
        "countries": len(by_country),
        "participants": active.values("registration").distinct().count(),
        "checked_in": Registration.objects.filter(week=week, checked_in_at__isnull=False).count(),
    }


def weeks_to_announce(user, now=None) -> list[dict]:
    """The weeks the home page points to: open for registration now (one of its events the
    viewer may attend is), else the next whose registration has not opened yet; each with the
    viewer's own registration, if any."""
    from django.utils import timezone

    now = now or timezone.now()
    events = (
        Event.objects.visible_to(user)
        .filter(registration_closes__gte=now, week__end_date__gte=now.date())
        .select_related("week")
        .order_by("week__start_date", "registration_opens")
    )
    weeks: dict[int, dict] = {}
    for event in events:
        entry = weeks.setdefault(event.week_id, {"week": event.week, "open": False, "opens": None})
        if event.is_open(now):
            entry["open"] = True
        elif entry["opens"] is None or event.registration_opens < entry["opens"]:
            entry["opens"] = event.registration_opens
    announced = [w for w in weeks.values() if w["open"]] or sorted(weeks.values(), key=lambda w: w["opens"])[:1]
    if getattr(user, "is_authenticated", False) and announced:
        mine = set(
            Registration.objects.filter(user=user, week_id__in=[w["week"].pk for w in announced]).values_list(
                "week_id", flat=True
            )
        )
        for entry in announced:
            entry["registered"] = entry["week"].pk in mine
    return announced


def checkin_counts(event) -> dict:
    """Checked in against expected at ``event`` and each of its sessions (every approved
    delegate of the event is expected at each session: sessions take no sign-up)."""
    from .models import CheckIn

    expected = Attendance.objects.filter(event=event, status=Status.APPROVED).count()
    arrived = dict(
        CheckIn.objects.filter(event=event)
        .values_list("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    sessions = [
        {"session": session, "id": session.pk, "checked_in": arrived.get(session.pk, 0), "expected": expected}
        for session in Session.objects.filter(event=event).select_related("event__week").order_by("starts_at", "id")
    ]
    return {"checked_in": arrived.get(None, 0), "expected": expected, "sessions": sessions}


def checkin_lookup(event, query: str, *, limit: int = 25) -> list:
    """The attendances of ``event`` whose delegate matches ``query``: every word in the name (or the
    name in the passport, the email or the organisation), a country's code or name in the active
    language or in English, or the start of a badge code. Any status, so the desk sees why a
    person is refused."""
    from django.utils.translation import override
    from django_countries import countries

    from .services.checkin import normalise_code

    words = query.split()[:6]
    if not words:
        return []
    match = Q()
    for word in words:
        match &= (
            Q(registration__user__first_name__icontains=word)
            | Q(registration__user__last_name__icontains=word)
            | Q(registration__user__email__icontains=word)
            | Q(registration__passport_name__icontains=word)
            | Q(registration__bureau__icontains=word)
        )
    text = query.strip().casefold()
    codes = {code for code, name in countries if text in name.casefold()}
    with override("en"):
        codes |= {code for code, name in countries if text in name.casefold()}
    if len(text) == 2:
        codes.add(text.upper())
    either = match | Q(country__in=codes)
    code = normalise_code(query)
    if len(code) >= 4:
        either |= Q(registration__checkin_code__startswith=code)
    return list(
        Attendance.objects.filter(event=event, registration__user__isnull=False)
        .filter(either)
        .select_related("registration__user", "registration__week")
        .order_by("registration__user__last_name", "registration__user__first_name", "id")[:limit]
    )


def roundtables_with_seats(event) -> list:
    """The event's roundtables with ``placed`` (delegates seated so far) beside their capacity."""
    from .models import Roundtable

    return list(
        Roundtable.objects.filter(event=event)
        .select_related("region")
        .annotate(placed=Count("placements"))
        .order_by("region__name", "id")
    )


def session_for(user, event, session_id):
    """The session of ``event`` with its speakers and the conclusions ``user`` may read, or None."""
    from portal.pages.models import ConclusionPage

    session = (
        Session.objects.filter(event=event, pk=session_id)
        .select_related("event__week")
        .prefetch_related("speaker_profiles", "documents__document")
        .first()
    )
    if session is None:
        return None
    session.readable_conclusions = list(
        ConclusionPage.objects.live().visible_to(user).filter(pk__in=session.conclusions.values("pk")).specific()
    )
    return session


def speaker_sessions(user, speaker):
    """The sessions ``speaker`` speaks at that ``user`` may see (both the session and its event)."""
    from portal.audiences import visible_audiences

    allowed = visible_audiences(user)
    return (
        speaker.sessions.filter(audience__in=allowed, event__audience__in=allowed)
        .select_related("event__week")
        .order_by("starts_at", "id")
    )


def programme_themes(sessions, language: str) -> list[tuple[str, str]]:
    """(slug, name in ``language``) of the themes the given sessions carry, by name."""
    from portal.taxonomy.models import Theme

    slugs = set(Theme.objects.filter(pk__in=sessions.values("themes")).values_list("slug", flat=True))
    names = dict(Theme.objects.filter(slug__in=slugs, locale__language_code=language).values_list("slug", "name"))
    fallback = dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return sorted(((slug, names.get(slug) or fallback[slug]) for slug in slugs), key=lambda pair: pair[1].casefold())


def programme_filtered(sessions, *, theme: str = "", kind: str = ""):
    """The sessions of one theme (its slug, the same in every language) and/or one kind."""
    if theme:
        sessions = sessions.filter(themes__slug=theme).distinct()
    if kind:
        sessions = sessions.filter(kind=kind)
    return sessions


def now_and_next(sessions, now=None) -> dict:
    """During the programme: what runs now, and what starts next (every session starting at that
    time). Empty before the day before the first session and after the last one ends."""
    from django.utils import timezone

    now = now or timezone.now()
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.pk))
    if not ordered or now < ordered[0].starts_at - dt.timedelta(days=1) or now > max(s.ends_at for s in ordered):
        return {"running": [], "next": [], "during": False}
    running = [s for s in ordered if s.starts_at <= now < s.ends_at]
    coming = [s for s in ordered if s.starts_at > now]
    following = [s for s in coming if s.starts_at == coming[0].starts_at] if coming else []
    return {"running": running, "next": following, "during": True}


def timetable(sessions, tzinfo) -> list[dict]:
    """The programme as one grid per day: rooms across, start times down, each cell the sessions
    starting then in that room (rooms in the reader's language; a session without a room is
    under "—")."""
    days: dict = {}
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.pk)):
        local = session.starts_at.astimezone(tzinfo)
        day = days.setdefault(local.date(), {"rooms": [], "rows": {}})
        room = str(session.room) or "—"
        if room not in day["rooms"]:
            day["rooms"].append(room)
        day["rows"].setdefault(local.time(), {}).setdefault(room, []).append(session)
    grid = []
    for date, day in days.items():
        rooms = sorted(day["rooms"], key=str.casefold)
        rows = [
            {"time": time, "cells": [{"room": room, "sessions": cells.get(room, [])} for room in rooms]}
            for time, cells in sorted(day["rows"].items())
        ]
        grid.append({"date": date, "rooms": rooms, "rows": rows})
    return grid
