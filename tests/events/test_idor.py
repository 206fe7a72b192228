"""Insecure direct object references: every URL that carries an id or a token, tried by the wrong person.

Delegate B knows (or guesses) the ids of delegate A's registration, attendance, documents and
agenda. Every attempt must fail without changing anything and without telling B more than an
unknown id would.
"""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from events.models import AgendaFeed, AgendaItem, Attendance, Registration, Status
from tests.events import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_delegates():
    week = f.week()
    first, second = f.event(week), f.event(week, audience="law_enforcement")
    session = f.session(first, audience="delegates")
    alice, bob = f.delegate(country="FR"), f.delegate(country="KE")
    registration = f.registered(alice, first)
    AgendaItem.objects.create(user=alice, session=session)
    feed = AgendaFeed.objects.create(user=alice)
    return {
        "week": week,
        "first": first,
        "restricted": second,
        "session": session,
        "alice": alice,
        "bob": bob,
        "registration": registration,
        "attendance": registration.attendances.get(),
        "feed": feed,
    }


def test_cancelling_someone_elses_place_is_404_and_changes_nothing(client, two_delegates):
    d = two_delegates
    client.force_login(d["bob"])
    response = client.post(reverse("events:cancel", args=[d["attendance"].pk]))
    assert response.status_code == 404
    unknown = client.post(reverse("events:cancel", args=[d["attendance"].pk + 10_000]))
    assert unknown.status_code == 404  # the same answer as an id that does not exist
    assert d["first"].name.translations["en"] not in response.text
    assert Attendance.objects.get(pk=d["attendance"].pk).status == Status.APPROVED


def test_adding_an_event_to_someone_elses_registration_is_404(client, two_delegates):
    d = two_delegates
    client.force_login(d["bob"])
    response = client.post(reverse("events:add_event", args=[d["registration"].pk]), {"event": d["first"].pk})
    assert response.status_code == 404
    assert d["registration"].attendances.count() == 1


@pytest.mark.parametrize("kind", ["badge", "letter", "certificate"])
def test_someone_elses_documents_are_refused_like_unknown_ids(client, two_delegates, kind):
    d = two_delegates
    client.force_login(d["bob"])
    theirs = client.get(reverse("events:document", args=[d["registration"].pk, kind]))
    unknown = client.get(reverse("events:document", args=[d["registration"].pk + 10_000, kind]))
    assert theirs.status_code == unknown.status_code == 403
    assert d["alice"].last_name not in theirs.text


def test_personal_agenda_feed_needs_its_secret_and_shows_only_its_owner(client, two_delegates):
    d = two_delegates
    token = d["feed"].token
    client.force_login(d["bob"])
    assert client.get(f"/api/v1/agenda/{token[:-1]}x.ics").status_code == 404
    assert client.get("/api/v1/agenda/.ics").status_code == 404
    mine = client.get(reverse("events:my")).text
    assert (
        token not in mine and d["session"].title.translations["en"] not in mine
    )  # Bob's page shows his (empty) agenda
    feed = client.get(f"/api/v1/agenda/{token}.ics").content.decode()
    assert d["session"].title.translations["en"] in feed  # the secret address is the key, as calendar apps need


def test_starring_a_session_of_an_event_one_may_not_see_is_404(client, two_delegates):
    d = two_delegates
    hidden = f.session(d["restricted"], audience="law_enforcement", title={"en": "Covert briefing"})
    client.force_login(d["bob"])
    response = client.post(reverse("events:star", args=[hidden.pk]))
    assert response.status_code == 404 and "Covert briefing" not in response.text
    assert not AgendaItem.objects.filter(user=d["bob"], session=hidden).exists()


def test_someone_elses_invitation_token_or_a_guess_gets_nothing(client, two_delegates):
    d = two_delegates
    client.force_login(d["bob"])
    response = client.get(reverse("events:invitation", args=["not-a-token"]), follow=True)
    assert "This invitation link is not valid or has already been used." in response.text
    assert "events_invitation" not in client.session


def test_staff_urls_with_ids_refuse_delegates(client, two_delegates):
    d = two_delegates
    client.force_login(d["bob"])
    TOTP.activate(d["bob"], generate_totp_secret())  # even with a second factor
    for url in (
        f"/admin/snippets/events/registration/edit/{d['registration'].pk}/",
        f"/admin/snippets/events/attendance/edit/{d['attendance'].pk}/",
        reverse("events:export", args=[d["first"].slug, "csv"]),
        "/admin/audit/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert d["alice"].email not in response.content.decode()
    assert Registration.objects.get(pk=d["registration"].pk).user == d["alice"]


def test_the_agenda_feed_is_never_cached_and_a_new_address_revokes_the_old(client):
    from events.models import AgendaFeed

    user = f.delegate()
    client.force_login(user)
    page = client.get(reverse("events:my"))
    old = AgendaFeed.objects.get(user=user).token
    assert old in page.text and "Make a new address" in page.text
    feed = client.get(f"/api/v1/agenda/{old}.ics")
    assert feed.status_code == 200 and feed["Cache-Control"] == "private, no-store"
    assert feed["Referrer-Policy"] == "no-referrer"

    assert client.get(reverse("events:renew_feed")).status_code == 405  # a change: POST only
    response = client.post(reverse("events:renew_feed"))
    assert response.status_code == 302
    new = AgendaFeed.objects.get(user=user).token
    assert new != old
    assert client.get(f"/api/v1/agenda/{old}.ics").status_code == 404  # the old address is dead
    assert client.get(f"/api/v1/agenda/{new}.ics").status_code == 200
    assert "the old one no longer works" in client.get(reverse("events:my")).text
