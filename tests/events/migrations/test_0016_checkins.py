"""The move from one arrival per week to arrivals per event: an arrival on an event's dates is
kept for each approved event it fell within; one outside every event's dates is dropped.

The migration's function runs on today's models (the fields it reads and writes are unchanged):
rolling the schema back inside the test would flush the shared demo database."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from events.models import CheckIn, Registration
from tests.events import factories as f

pytestmark = pytest.mark.django_db

migration = importlib.import_module("events.migrations.0016_checkins")


def test_week_arrivals_become_event_arrivals():
    event = f.event()
    later = f.event(event.week, start_date=event.start_date + dt.timedelta(days=3))
    on_time = f.registered(f.delegate(), event)
    months_early = f.registered(f.delegate(), later)
    manager = f.delegate(role="event_manager")
    Registration.objects.filter(pk=on_time.pk).update(checked_in_at=f.during(event), checked_in_by=manager)
    Registration.objects.filter(pk=months_early.pk).update(checked_in_at=f.during(event) - dt.timedelta(days=180))
    CheckIn.objects.filter(registration__in=[on_time, months_early]).delete()
    Registration.objects.exclude(pk__in=[on_time.pk, months_early.pk]).filter(checked_in_at__isnull=False).update(
        checked_in_at=None
    )  # the demo's arrivals are already per event
    migration.arrivals_per_event(apps, None)
    kept = CheckIn.objects.get(registration_id=on_time.pk)
    assert kept.event_id == event.pk and kept.at == f.during(event) and kept.by_id == manager.pk
    assert not CheckIn.objects.filter(registration_id=months_early.pk).exists()
    assert Registration.objects.get(pk=months_early.pk).checked_in_at is None
