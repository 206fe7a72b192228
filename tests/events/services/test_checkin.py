"""Check-in per event and per session, on the event's dates, with audited overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from events.models import CheckIn, Registration, Status
from events.services.checkin import Outcome, checkin_message, checkin_record
from events.services.registrations import attendance_set_status, registration_submit
from portal.audit.models import Action, AuditEntry
from tests.events import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return f.delegate(role="event_manager")


def test_a_badge_is_accepted_on_the_events_dates_only(manager):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    six_months_early = f.during(event) - dt.timedelta(days=180)
    early = checkin_record(code=registration.checkin_code, event=event, by=manager, at=six_months_early)
    assert early.outcome == Outcome.TOO_EARLY and early.overridable
    late = checkin_record(
        code=registration.checkin_code, event=event, by=manager, at=f.during(event) + dt.timedelta(days=3)
    )
    assert late.outcome == Outcome.TOO_LATE
    assert not CheckIn.objects.filter(event=event).exists()
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    with translation.override("en"):
        assert "Too early" in checkin_message(early) and "give the reason" in checkin_message(early)
    on_the_day = checkin_record(code=registration.checkin_code, event=event, by=manager, at=f.during(event))
    assert on_the_day.accepted and CheckIn.objects.get(registration=registration).event == event


def test_the_days_are_the_venues(manager):
    """23:30 UTC on the day before is already the first morning in Singapore."""
    week = f.week(time_zone="Asia/Singapore")
    event = f.event(week)
    registration = f.registered(f.delegate(), event)
    utc_evening_before = dt.datetime.combine(event.start_date, dt.time(0, 30), week.tzinfo).astimezone(dt.UTC)
    assert utc_evening_before.date() < event.start_date
    assert checkin_record(code=registration.checkin_code, event=event, by=manager, at=utc_evening_before).accepted


def test_an_override_needs_a_reason_and_is_audited(manager):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    early = f.during(event) - dt.timedelta(days=1)
    result = checkin_record(
        code=registration.checkin_code,
        event=event,
        by=manager,
        at=early,
        override_reason="  Arrived the day before for the heads' dinner  ",
    )
    assert result.accepted and result.checkin.override_reason == "Arrived the day before for the heads' dinner"
    entry = AuditEntry.objects.get(action=Action.CHECKIN_OVERRIDE, object_id=str(registration.pk))
    assert entry.actor == manager and entry.subject_user_id == registration.user_id
    assert (
        entry.detail["reason"] == "Arrived the day before for the heads' dinner"
        and entry.detail["refused_as"] == "too_early"
    )
    with translation.override("en"):
        assert "outside its times: Arrived the day before" in checkin_message(result)
    too_long = checkin_record(
        code=f.registered(f.delegate(), event).checkin_code,
        event=event,
        by=manager,
        at=early,
        override_reason="x" * 301,
    )
    assert too_long.outcome == Outcome.REASON_TOO_LONG and CheckIn.objects.filter(event=event).count() == 1


def test_on_time_no_override_is_written(manager):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    result = checkin_record(
        code=registration.checkin_code, event=event, by=manager, at=f.during(event), override_reason="just in case"
    )
    assert result.accepted and result.checkin.override_reason == ""
    assert not AuditEntry.objects.filter(action=Action.CHECKIN_OVERRIDE, object_id=str(registration.pk)).exists()


def test_once_per_event_and_once_per_session(manager):
    event = f.event()
    plenary = f.session(event)
    registration = f.registered(f.delegate(), event)
    at = plenary.starts_at - dt.timedelta(minutes=10)
    assert checkin_record(code=registration.checkin_code, event=event, session=plenary, by=manager, at=at).accepted
    # Coming to a session is coming to the event: the arrival at the event is recorded with it.
    assert CheckIn.objects.filter(registration=registration, session=None, event=event).exists()
    again = checkin_record(code=registration.checkin_code, event=event, session=plenary, by=manager, at=at)
    assert again.outcome == Outcome.ALREADY and again.checkin.session == plenary
    at_the_door = checkin_record(code=registration.checkin_code, event=event, by=manager, at=at)
    assert at_the_door.outcome == Outcome.ALREADY
    with translation.override("en"):
        assert "already checked in at" in checkin_message(again) and "A badge counts once" in checkin_message(again)
    assert CheckIn.objects.filter(event=event).count() == 2


def test_a_sessions_doors_open_half_an_hour_before(manager):
    event = f.event()
    plenary = f.session(event)
    registration = f.registered(f.delegate(), event)

    def at(moment):
        return checkin_record(code=registration.checkin_code, event=event, session=plenary, by=manager, at=moment)

    assert at(plenary.starts_at - dt.timedelta(minutes=31)).outcome == Outcome.TOO_EARLY
    assert at(plenary.ends_at + dt.timedelta(minutes=1)).outcome == Outcome.TOO_LATE
    assert at(plenary.starts_at - dt.timedelta(minutes=30)).accepted


def test_every_refusal_says_why(manager):
    event = f.event()
    other_event = f.event(event.week)
    other_week = f.event()
    statuses = {}
    for status in (Status.PENDING, Status.WAITLISTED, Status.REJECTED, Status.CANCELLED):
        user = f.delegate(first_name="Nadia", last_name=status.value.title())
        registration = registration_submit(user=user, week=event.week, events=[event], data=f.registration_data(user))
        registration.attendances.update(status=status)  # however it got there: the desk's words are tested
        statuses[status] = checkin_record(code=registration.checkin_code, event=event, by=manager, at=f.during(event))
    with translation.override("en"):
        for status, expected in (
            (Status.PENDING, "still waiting for approval"),
            (Status.WAITLISTED, "on the waiting list"),
            (Status.REJECTED, "was declined"),
            (Status.CANCELLED, "was cancelled"),
        ):
            result = statuses[status]
            assert result.outcome == Outcome.NOT_APPROVED and expected in checkin_message(result), status
            assert "Nadia" in checkin_message(result)
        elsewhere = f.registered(f.delegate(), other_event)
        result = checkin_record(code=elsewhere.checkin_code, event=event, by=manager, at=f.during(event))
        assert result.outcome == Outcome.NOT_THIS_EVENT and "is not registered for" in checkin_message(result)
        later = f.registered(f.delegate(), other_week)
        result = checkin_record(code=later.checkin_code, event=event, by=manager, at=f.during(event))
        assert result.outcome == Outcome.OTHER_WEEK and str(other_week.week.name) in checkin_message(result)
        unknown = checkin_record(code="ZZZZZZZZZZ", event=event, by=manager)
        assert unknown.outcome == Outcome.UNKNOWN and "find the delegate" in checkin_message(unknown)
    with translation.override("fr"):
        message = checkin_message(statuses[Status.CANCELLED])
        assert "annulée" in message and "Nadia" in message, message
    assert not CheckIn.objects.filter(event=event).exists()


def test_a_scan_sent_twice_counts_once(manager):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    kwargs = {"code": registration.checkin_code, "event": event, "by": manager, "at": f.during(event)}
    first = checkin_record(**kwargs, scan_id="desk-a:0001", device="desk-a")
    replay = checkin_record(**kwargs, scan_id="desk-a:0001", device="desk-a")
    assert first.accepted and replay.accepted and replay.replayed and replay.checkin == first.checkin
    other_desk = checkin_record(**kwargs, scan_id="desk-b:0007", device="desk-b")
    assert other_desk.outcome == Outcome.ALREADY and other_desk.checkin.device == "desk-a"
    with translation.override("en"):
        assert "by the desk desk-a" in checkin_message(other_desk)
    assert CheckIn.objects.filter(event=event).count() == 1


def test_the_first_arrival_of_the_week_is_kept_on_the_registration(manager):
    event = f.event()
    later_event = f.event(event.week, start_date=event.start_date + dt.timedelta(days=2))
    user = f.delegate()
    registration = registration_submit(
        user=user, week=event.week, events=[event, later_event], data=f.registration_data(user)
    )
    for attendance in registration.attendances.all():
        attendance_set_status(attendance=attendance, status=Status.APPROVED, by=None)
    f.checked_in(registration, later_event, by=manager)
    f.checked_in(registration, event, by=manager, at=f.during(event, hour=10))
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.checked_in_at == f.during(later_event)
