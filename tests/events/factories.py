"""Factories for event data: an open week with events, and verified delegates."""

from __future__ import annotations

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.utils import timezone

from events.models import ConferenceWeek, Event, Registration, Roundtable, Session, Status
from events.services.registrations import attendance_set_status, registration_submit
from portal.taxonomy.models import Region
from tests.factories import UserFactory

_numbers = itertools.count()


def week(**fields) -> ConferenceWeek:
    n = next(_numbers)
    start = fields.pop("start_date", timezone.now().date() + dt.timedelta(days=60))
    defaults = {
        "slug": f"week-{n}",
        "name": {"en": f"Conference week {n}", "fr": f"Semaine de conférence {n}"},
        "start_date": start,
        "end_date": start + dt.timedelta(days=4),
        "city": {"en": "Lyon"},
        "country": "FR",
    }
    return ConferenceWeek.objects.create(**{**defaults, **fields})


def event(the_week=None, **fields) -> Event:
    the_week = the_week or week()
    n = next(_numbers)
    now = timezone.now()
    defaults = {
        "week": the_week,
        "slug": f"event-{n}",
        "name": {"en": f"Heads of bureau conference {n}", "fr": f"Conférence des chefs de bureau {n}"},
        "start_date": the_week.start_date,
        "end_date": the_week.start_date + dt.timedelta(days=2),
        "venue": {"en": "Convention centre", "fr": "Centre des congrès"},
        "city": dict(the_week.city.translations),
        "country": the_week.country,
        "capacity": 10,
        "country_quota": None,
        "registration_opens": now - dt.timedelta(days=1),
        "registration_closes": now + dt.timedelta(days=30),
        "audience": "delegates",
    }
    return Event.objects.create(**{**defaults, **fields})


def session(the_event, **fields) -> Session:
    start = timezone.make_aware(dt.datetime.combine(the_event.start_date, dt.time(9, 0)))
    defaults = {
        "event": the_event,
        "title": {"en": "Opening plenary", "fr": "Séance plénière d'ouverture"},
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=1, minutes=30),
        "room": {"en": "Hall A", "fr": "Salle A"},
        "speakers": {"en": "Secretary General", "fr": "Secrétaire général"},
    }
    return Session.objects.create(**{**defaults, **fields})


def roundtable(the_event, region="europe", language="en", capacity=8, **fields) -> Roundtable:
    defaults = {
        "event": the_event,
        "region": Region.objects.get(slug=region, locale__language_code="en"),
        "topic_kind": "crime_issue",
        "topic": {"en": f"Topic for {region}", "fr": f"Sujet pour {region}"},
        "language": language,
        "capacity": capacity,
    }
    return Roundtable.objects.create(**{**defaults, **fields})


def delegate(country="FR", language="en", role="delegate", **fields):
    fields.setdefault("organisation", f"NCB {country}")
    user = UserFactory(role=role, country=country, preferred_language=language, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def registration_data(user, **overrides) -> dict:
    data = {
        "role": "delegate",
        "country": str(user.country),
        "bureau": user.organisation,
        "arrival_date": timezone.now().date() + dt.timedelta(days=59),
        "departure_date": timezone.now().date() + dt.timedelta(days=65),
        "consent": True,
    }
    data.update(overrides)
    return data


def registered(user, event, status=Status.APPROVED, **data) -> Registration:
    """``user`` registers for ``event`` (extra form fields in ``data``); staff then set ``status``."""
    registration = registration_submit(user=user, week=event.week, events=[event], data=registration_data(user, **data))
    if status != Status.PENDING:
        attendance_set_status(attendance=registration.attendances.get(), status=status, by=None)
    return registration


def during(the_event, hour: int = 9) -> dt.datetime:
    """A moment on the event's first day, in its week's time zone (check-in is accepted then)."""
    return dt.datetime.combine(the_event.start_date, dt.time(hour, 0), the_event.week.tzinfo)


def checked_in(registration, the_event, by=None, **fields):
    """``registration``'s holder checked in at ``the_event`` on its first morning, by an event manager."""
    from events.services.checkin import checkin_record

    result = checkin_record(
        code=registration.checkin_code,
        event=the_event,
        by=by or delegate(role="event_manager"),
        at=fields.pop("at", None) or during(the_event),
        **fields,
    )
    assert result.accepted, result.outcome
    return result
