"""Every staff page that renders personal data writes an audit entry (one per answer)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.audit.models import Action, AuditEntry
from tests.events import factories as f

pytestmark = pytest.mark.django_db


def staff_pages_with_personal_data(registration, delegate):
    from events.models import Notification

    attendance = registration.attendances.get()
    notification = Notification.objects.create(kind=Notification.Kind.APPROVED, registration=registration)
    return [
        ("get", reverse("wagtailsnippets_events_notification:list"), {}),
        ("get", reverse("wagtailsnippets_events_notification:edit", args=[notification.pk]), {}),
        ("get", reverse("wagtailsnippets_events_registration:list"), {}),
        ("get", reverse("wagtailsnippets_events_registration:list"), {"q": registration.checkin_code}),
        ("get", reverse("wagtailsnippets_events_registration:list_results"), {}),
        ("get", reverse("wagtailsnippets_events_registration:history", args=[registration.pk]), {}),
        ("get", reverse("wagtailsnippets_events_registration:edit", args=[registration.pk]), {}),
        ("get", reverse("wagtailsnippets_events_attendance:list"), {}),
        ("get", reverse("wagtailsnippets_events_attendance:edit", args=[attendance.pk]), {}),
        ("get", reverse("wagtailsnippets_events_attendance:history", args=[attendance.pk]), {}),
        ("get", reverse("wagtailusers_users:index"), {}),
        ("get", reverse("wagtailusers_users:edit", args=[delegate.pk]), {}),
        ("post", reverse("events:checkin_desk", args=[attendance.event.slug]), {"code": registration.checkin_code}),
        ("get", reverse("events:checkin_desk", args=[attendance.event.slug]), {"q": delegate.last_name}),
        ("get", reverse("events:export", args=[attendance.event.slug, "csv"]), {}),
        ("get", reverse("events:document", args=[registration.pk, "badge"]), {}),
    ]


def test_each_staff_page_with_personal_data_is_audited(client):
    delegate = f.delegate(country="SN")
    registration = f.registered(delegate, f.event())
    staff = f.delegate(role="superuser")
    client.force_login(staff)
    for method, url, data in staff_pages_with_personal_data(registration, delegate):
        before = AuditEntry.objects.count()
        response = getattr(client, method)(url, data)
        assert response.status_code == 200, url
        entries = AuditEntry.objects.order_by("-pk")[: AuditEntry.objects.count() - before]
        assert len(entries) == 1, f"{method} {url}: {len(entries)} audit entries"
        assert entries[0].actor == staff, url


def test_the_entry_says_what_was_searched_and_looked_up(client):
    delegate = f.delegate()
    registration = f.registered(delegate, f.event())
    client.force_login(f.delegate(role="event_manager"))
    client.get(reverse("wagtailsnippets_events_registration:list"), {"q": registration.checkin_code})
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == Action.PERSONAL_DATA_VIEW
    assert entry.detail["search"] == registration.checkin_code
    desk = reverse("events:checkin_desk", args=[registration.attendances.get().event.slug])
    client.post(desk, {"code": registration.checkin_code})
    assert AuditEntry.objects.latest("pk").detail["looked_up"] == registration.checkin_code
    client.get(desk, {"q": "Someone"})
    assert AuditEntry.objects.latest("pk").detail["search"] == "Someone"


def test_pages_without_personal_data_write_nothing(client):
    before = AuditEntry.objects.count()  # the demo's own entries (its agencies' changes)
    client.force_login(f.delegate(role="event_manager"))
    desk = reverse("events:checkin_desk", args=[f.event().slug])
    for url in (reverse("wagtailsnippets_events_event:list"), reverse("events:checkin"), desk, "/admin/"):
        assert client.get(url).status_code == 200
    assert AuditEntry.objects.count() == before
