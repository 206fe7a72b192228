"""Shared steps of the events web tests: a registration in a given state, the form's data."""

from __future__ import annotations

import datetime as dt

from events.services.registrations import attendance_set_status, registration_submit
from tests.events import factories as f


def registered(user, event, status=None):
    registration = registration_submit(user=user, week=event.week, events=[event], data=f.registration_data(user))
    if status:
        attendance_set_status(attendance=registration.attendances.get(), status=status, by=None)
    return registration


def form_data(event, **overrides):
    data = {
        "events": [str(event.pk)],
        "role": "delegate",
        "arrival_date": (dt.date.today() + dt.timedelta(days=59)).isoformat(),
        "departure_date": (dt.date.today() + dt.timedelta(days=64)).isoformat(),
        "consent": "on",
    }
    data.update(overrides)
    return data
