"""Held-seat counters: they decide new places, and every path that changes a seat keeps them true.

The same rules under simultaneous writers on PostgreSQL (its one-statement path):
tests/events/services/test_registrations_postgres.py.
"""

from __future__ import annotations

from collections import Counter

import pytest

from events.models import HOLDING, Attendance, Registration, SeatCount, Status
from events.services.registrations import (
    attendance_set_status,
    registration_add_event,
    registration_submit,
    registration_update,
)
from events.services.seats import recount
from tests.events import factories as f

pytestmark = pytest.mark.django_db


def submit(user, events):
    return registration_submit(user=user, week=events[0].week, events=events, data=f.registration_data(user))


def counted(event) -> dict:
    row = SeatCount.objects.get(event=event)
    return {"held": row.held, "by_country": {k: v for k, v in row.by_country.items() if v}}


def from_rows(event) -> dict:
    held = Counter(Attendance.objects.filter(event=event, status__in=HOLDING).values_list("country", flat=True))
    return {"held": sum(held.values()), "by_country": dict(held)}


def test_a_new_event_has_its_counter_row_at_zero():
    event = f.event()
    assert counted(event) == {"held": 0, "by_country": {}}


def test_the_counters_decide_capacity_and_the_country_quota():
    event = f.event(capacity=3, country_quota=2)
    first, second, third = f.delegate(country="FR"), f.delegate(country="FR"), f.delegate(country="FR")
    for user in (first, second, third):
        submit(user, [event])
    statuses = [Attendance.objects.get(registration__user=u).status for u in (first, second, third)]
    assert statuses == [Status.PENDING, Status.PENDING, Status.WAITLISTED]  # the quota, not the capacity
    assert counted(event) == {"held": 2, "by_country": {"FR": 2}}
    submit(f.delegate(country="SN"), [event])
    assert counted(event) == {"held": 3, "by_country": {"FR": 2, "SN": 1}}
    late = f.delegate(country="JP")
    submit(late, [event])
    assert Attendance.objects.get(registration__user=late).status == Status.WAITLISTED  # full now


def test_the_counters_are_what_is_decided_on_not_a_count_of_the_rows():
    """If the counters say the event is full, it is full: the seat statement reads only them."""
    event = f.event(capacity=5)
    SeatCount.objects.filter(event=event).update(held=5)
    user = f.delegate()
    submit(user, [event])
    assert Attendance.objects.get(registration__user=user).status == Status.WAITLISTED
    recount(event.pk)  # what every other status change does: counted again from the attendances
    assert counted(event) == {"held": 0, "by_country": {}}


def test_an_event_without_its_counter_row_is_counted_before_its_first_seat():
    event = f.event(capacity=2)
    submit(f.delegate(country="FR"), [event])
    SeatCount.objects.filter(event=event).delete()  # e.g. an event loaded without save()
    second, third = f.delegate(country="SN"), f.delegate(country="JP")
    submit(second, [event])
    submit(third, [event])
    assert Attendance.objects.get(registration__user=second).status == Status.PENDING
    assert Attendance.objects.get(registration__user=third).status == Status.WAITLISTED
    assert counted(event) == from_rows(event) == {"held": 2, "by_country": {"FR": 1, "SN": 1}}


def test_every_status_change_keeps_the_counters_equal_to_the_attendances(django_capture_on_commit_callbacks):
    event = f.event(capacity=3, country_quota=2)
    other = f.event(the_week=event.week, capacity=10)
    users = [f.delegate(country=c) for c in ("FR", "FR", "SN", "JP", "FR", "KE")]
    registrations = [submit(user, [event]) for user in users]
    assert counted(event) == from_rows(event)

    def attendance(index):
        return Attendance.objects.get(registration=registrations[index], event=event)

    attendance_set_status(attendance=attendance(0), status=Status.APPROVED, by=None)
    assert counted(event) == from_rows(event)
    attendance_set_status(attendance=attendance(1), status=Status.CANCELLED, by=None)  # promotes JP
    assert attendance(3).status == Status.PENDING
    assert counted(event) == from_rows(event) == {"held": 3, "by_country": {"FR": 1, "SN": 1, "JP": 1}}
    attendance_set_status(attendance=attendance(2), status=Status.REJECTED, by=None)  # FR (index 4) moves up
    assert attendance(4).status == Status.PENDING
    assert counted(event) == from_rows(event)
    # Staff correct a seated delegate's country: the seat now counts for the new country.
    registration_update(registration=registrations[3], by=None, country="KE")
    assert counted(event) == from_rows(event) == {"held": 3, "by_country": {"FR": 2, "KE": 1}}
    # A delegate adds a second event of the week.
    registration_add_event(registration=registrations[0], event=other, by=None)
    assert counted(other) == from_rows(other) == {"held": 1, "by_country": {"FR": 1}}
    # A registration deleted in the admin frees its seat, once committed, for the waiting list.
    with django_capture_on_commit_callbacks(execute=True):
        Registration.objects.filter(pk=registrations[4].pk).delete()
    assert attendance(5).status == Status.PENDING  # the Kenyan delegate, within KE's quota of 2
    assert counted(event) == from_rows(event) == {"held": 3, "by_country": {"FR": 1, "KE": 2}}
