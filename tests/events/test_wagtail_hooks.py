"""The events admin: bulk status changes, invitations, a delegate's country, the event list's figures."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from events.models import Attendance, Status
from tests.events import factories as f
from tests.events.helpers import registered

pytestmark = pytest.mark.django_db


def test_admin_bulk_approve_goes_through_the_rules(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    event = f.event(capacity=1)
    first, second = registered(f.delegate(), event), registered(f.delegate(country="KE"), event)
    manager = f.delegate(role="event_manager")
    TOTP.activate(manager, generate_totp_secret())
    client.force_login(manager)
    ids = [first.attendances.get().pk, second.attendances.get().pk]
    url = reverse("wagtail_bulk_action", args=["events", "attendance", "approve"])
    query = "&".join(f"id={i}" for i in ids) + "&next=/admin/"
    confirm = client.get(f"{url}?{query}")
    assert confirm.status_code == 200 and "Each change is recorded with your name" in confirm.text
    response = client.post(f"{url}?{query}")
    assert response.status_code == 302
    statuses = dict(Attendance.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {ids[0]: Status.APPROVED, ids[1]: Status.WAITLISTED}  # no seat for the second
    shown = [str(m) for m in client.get("/admin/").context["messages"]]
    assert any("no free seat" in m for m in shown) and any("1 registration updated" in m for m in shown)


def test_invitation_created_in_the_admin_is_emailed_in_both_languages(client, mailoutbox):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from events.models import Invitation
    from events.notifications import notifications_send_pending

    the_week = f.week()
    manager = f.delegate(role="event_manager")
    TOTP.activate(manager, generate_totp_secret())
    client.force_login(manager)
    response = client.post(
        reverse("wagtailsnippets_events_invitation:add"),
        {"week": the_week.pk, "email": "Guest@Example.test", "role": "head", "country": "SN", "bureau": "NCB Dakar"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email__iexact="guest@example.test")
    assert invitation.invited_by == manager
    notifications_send_pending()
    message = mailoutbox[-1]
    assert message.to == ["guest@example.test"]  # invitation_create keeps addresses in lower case
    assert f"/en/events/invitation/{invitation.token}/" in message.body
    assert f"/fr/events/invitation/{invitation.token}/" in message.body
    assert "Vous êtes invité·e à" in message.body and "You are invited to" in message.body


def test_staff_change_of_a_delegates_country_in_the_admin_moves_the_quota(client):
    """The admin's registration form saves through registration_update: the place keeps its
    seat under the new country, and the old country's freed quota goes to its waiting list."""
    from events.models import Attendance, Status

    the_event = f.event(capacity=10, country_quota=1)
    first = f.registered(f.delegate(country="FR"), the_event)
    second = f.registered(f.delegate(country="FR"), the_event, status=Status.PENDING)
    waiting = second.attendances.get()
    assert waiting.status == Status.WAITLISTED  # France's one place is taken
    manager = f.delegate(role="event_manager")
    client.force_login(manager)
    form = {
        "role": first.role,
        "country": "SN",
        "bureau": first.bureau,
        "arrival_date": first.arrival_date.isoformat(),
        "departure_date": first.departure_date.isoformat(),
        "dietary_needs": "",
        "accessibility_needs": "",
    }
    response = client.post(reverse("wagtailsnippets_events_registration:edit", args=[first.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    moved = first.attendances.get()
    assert (moved.country, moved.status) == ("SN", Status.APPROVED)
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING  # promoted into France's freed place
    note = moved.history.order_by("-at", "-id").first()
    assert (note.by, note.note) == (manager, "country FR → SN")
    assert (
        Attendance.objects.filter(event=the_event, country="FR", status__in=[Status.PENDING, Status.APPROVED]).count()
        == 1
    )


def test_admin_event_list_shows_seats_and_waiting_list(client):
    from events.models import Status

    the_event = f.event(capacity=10, country_quota=1, name={"en": "Quota conference"})
    f.registered(f.delegate(country="FR"), the_event)
    f.registered(f.delegate(country="FR"), the_event, status=Status.PENDING)
    client.force_login(f.delegate(role="event_manager"))
    page = client.get(reverse("wagtailsnippets_events_event:list"), {"week": the_event.week_id}).content.decode()
    assert "Seats taken" in page and "Waiting list" in page
    row = next(r for r in page.split("<tr")[1:] if "Quota conference" in r and "<td" in r)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[-4:-1] == ["10", "1", "1"]  # capacity, seats taken, waiting list
