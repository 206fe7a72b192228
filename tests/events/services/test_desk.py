"""The offline desk's download and sync: each scan recorded once, duplicates and refusals said."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from events.badge_signing import sign_badge
from events.models import CheckIn, Status
from events.services.desk import SyncError, desk_download, desk_sync
from tests.events import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_event():
    from django.utils import timezone

    return f.event(start_date=timezone.localdate(), end_date=timezone.localdate() + dt.timedelta(days=1))


def scan(n, code, *, at=None, session=None):
    from django.utils import timezone

    return {"id": f"s{n}", "code": code, "at": (at or timezone.now()).isoformat(), "session": session}


def test_the_download_holds_only_what_the_desk_needs(today_event):
    approved = f.registered(f.delegate(first_name="Ama", last_name="Owusu", country="GH"), today_event)
    pending = f.registered(f.delegate(), today_event, status=Status.PENDING)
    data = desk_download(today_event)
    rows = {row[0]: row for row in data["attendees"]}
    assert rows[approved.checkin_code] == [approved.checkin_code, "Ama Owusu", "GH", "approved"]
    assert rows[pending.checkin_code][3] == "pending"
    assert len(data["attendees"]) == 2 and data["keys"] and data["event"]["time_zone"] == today_event.week.time_zone
    assert "passport" not in str(data) and approved.user.email not in str(data)


def test_scans_are_recorded_once_and_duplicates_say_which_desk(today_event):
    manager = f.delegate(role="event_manager")
    people = [f.registered(f.delegate(), today_event) for _ in range(3)]
    batch = [scan(n, sign_badge(r, [today_event]) if n % 2 else r.checkin_code) for n, r in enumerate(people)]
    first = desk_sync(event=today_event, by=manager, device="desk-A", scans=batch)
    assert [r["outcome"] for r in first] == ["arrived"] * 3
    again = desk_sync(event=today_event, by=manager, device="desk-A", scans=batch)  # the answer was lost
    assert [r["outcome"] for r in again] == ["arrived"] * 3
    assert CheckIn.objects.filter(event=today_event).count() == 3
    other = desk_sync(event=today_event, by=manager, device="desk-B", scans=[scan(9, people[0].checkin_code)])
    assert other[0]["outcome"] == "already" and other[0]["device"] == "desk-A"
    with translation.override("en"):
        message = desk_sync(event=today_event, by=manager, device="desk-B", scans=[scan(10, people[1].checkin_code)])
    assert "by the desk desk-A" in message[0]["message"]


def test_a_registration_cancelled_after_the_download_is_refused_at_sync(today_event):
    manager = f.delegate(role="event_manager")
    registration = f.registered(f.delegate(first_name="Tomas", last_name="Berg"), today_event)
    desk_download(today_event)
    registration.attendances.update(status=Status.CANCELLED)
    with translation.override("en"):
        answer = desk_sync(event=today_event, by=manager, device="desk-A", scans=[scan(1, registration.checkin_code)])
    assert answer[0]["outcome"] == "not_approved" and not answer[0]["accepted"]
    assert "was cancelled" in answer[0]["message"] and "Tomas Berg" in answer[0]["message"]
    assert not CheckIn.objects.filter(registration=registration).exists()


def test_forged_badges_out_of_dates_and_sessions(today_event):
    manager = f.delegate(role="event_manager")
    registration = f.registered(f.delegate(), today_event)
    from django.utils import timezone

    plenary = f.session(today_event, starts_at=timezone.now(), ends_at=timezone.now() + dt.timedelta(hours=1))
    signed = sign_badge(registration, [today_event])
    forged = signed[:-4] + ("AAAA" if not signed.endswith("AAAA") else "BBBB")
    answers = desk_sync(
        event=today_event,
        by=manager,
        device="desk-A",
        scans=[
            scan(1, forged),
            scan(2, registration.checkin_code, at=f.during(today_event) - dt.timedelta(days=30)),
            scan(3, registration.checkin_code, at=plenary.starts_at, session=plenary.pk),
        ],
    )
    assert [a["outcome"] for a in answers] == ["forged", "too_early", "arrived"]
    # The session's arrival brought the event's with it.
    assert set(CheckIn.objects.filter(registration=registration).values_list("session_id", flat=True)) == {
        None,
        plenary.pk,
    }


def test_a_malformed_batch_is_refused_whole(today_event):
    manager = f.delegate(role="event_manager")
    with pytest.raises(SyncError):
        desk_sync(event=today_event, by=manager, device="desk-A", scans=[{"id": "x", "code": "A", "at": "yesterday"}])
    with pytest.raises(SyncError):
        desk_sync(event=today_event, by=manager, device="", scans=[])
    other = f.session(f.event())
    with pytest.raises(SyncError):
        desk_sync(event=today_event, by=manager, device="d", scans=[scan(1, "ABC", session=other.pk)])
