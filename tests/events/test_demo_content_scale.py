"""The demo at the seeds' scale: the Singapore 2023 week as the press releases tell it (266
participants from 133 countries), built through the services, so statistics, roundtables,
badges and check-in show something a user can judge them by. The session's database is the
one `load_demo` built (tests/conftest.py)."""

from __future__ import annotations

import re

import pytest
from django.db.models import F

from events.models import Attendance, CheckIn, ConferenceWeek, Placement, Registration, Status, StatusChange
from events.selectors import week_statistics

pytestmark = pytest.mark.django_db

SCRIPTS = {
    "Arabic": r"[\u0600-\u06FF]",
    "Cyrillic": r"[\u0400-\u04FF]",
    "Chinese": r"[\u4E00-\u9FFF]",
    "Devanagari": r"[\u0900-\u097F]",
    "accented Latin": r"[À-ÿĀ-ž]",
}


def test_the_singapore_week_has_266_participants_from_133_countries():
    week = ConferenceWeek.objects.get(slug="singapore-2023")
    stats = week_statistics(week)
    assert stats["participants"] == 266
    assert stats["countries"] == 133
    assert 200 < stats["checked_in"] < 266  # most came, some did not
    assert all(stats["by_status"][status] > 0 for status in Status.values)  # every status shows


def test_participants_are_named_in_their_own_scripts():
    names = [
        f"{r.user.first_name} {r.user.last_name}"
        for r in Registration.objects.filter(week__slug="singapore-2023").select_related("user")
    ]
    for script, pattern in SCRIPTS.items():
        assert any(re.search(pattern, name) for name in names), script


def test_everything_went_through_the_services():
    week = ConferenceWeek.objects.get(slug="singapore-2023")
    attendances = Attendance.objects.filter(event__week=week)
    # Each place has its history from the moment it was asked for, and the decisions after.
    assert StatusChange.objects.filter(attendance__in=attendances, from_status="").count() == attendances.count()
    assert StatusChange.objects.filter(attendance__in=attendances, to_status=Status.APPROVED).exists()
    # Roundtables filled by the assignment service, by region; check-ins on each event's first morning.
    placements = Placement.objects.filter(event__week=week)
    assert placements.count() > 200
    assert placements.values("roundtable__region").distinct().count() == 5
    arrivals = CheckIn.objects.filter(event__week=week).select_related("event")
    assert arrivals.count() > 250
    assert all(a.at.astimezone(week.tzinfo).date() == a.event.start_date for a in arrivals)
    approved_there = {"registration__attendances__event": F("event"), "registration__attendances__status": "approved"}
    assert not arrivals.exclude(**approved_there)
    # Registrations are dated in the registration window, not today.
    assert {r.consent_at.year for r in Registration.objects.filter(week=week)} == {2023}


def test_the_dpo_conference_had_a_waiting_list_and_the_upcoming_week_has_one():
    assert Attendance.objects.filter(event__slug="ncb-dpo-2023", status=Status.WAITLISTED).count() > 0
    assert Attendance.objects.filter(event__slug="ncb-dpo-demo", status=Status.WAITLISTED).count() > 0


def test_a_checked_in_participant_has_a_certificate_and_the_statistics_page_shows_the_week(client):
    from tests.events import factories as f

    registration = Registration.objects.filter(week__slug="singapore-2023", checked_in_at__isnull=False).first()
    client.force_login(f.delegate(role="event_manager"))
    certificate = client.get(f"/en/events/registration/{registration.pk}/certificate.pdf")
    assert certificate.status_code == 200
    page = client.get("/en/events/statistics/singapore-2023/").text
    assert "266 participants from 133 countries" in page
