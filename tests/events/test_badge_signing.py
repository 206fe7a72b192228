"""Badges' QR codes carry a payload signed with ed25519; forged or altered ones are refused."""

from __future__ import annotations

import base64
import json

import pytest
from nacl.signing import SigningKey

from events.badge_signing import ForgedBadge, new_key_spec, public_keys, sign_badge, verify_badge
from events.services.checkin import Outcome, checkin_record
from tests.events import factories as f

pytestmark = pytest.mark.django_db


def test_the_payload_says_who_and_which_events_and_verifies():
    event = f.event()
    registration = f.registered(f.delegate(first_name="Lina", last_name="Haddad", country="JO"), event)
    text = sign_badge(registration, [event])
    payload = verify_badge(text)
    assert (payload.code, payload.week, payload.events) == (registration.checkin_code, event.week.slug, (event.slug,))
    assert payload.name == "Lina Haddad" and payload.country == "JO"


def test_an_altered_payload_or_a_foreign_key_is_refused(settings):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    prefix, key_id, body, signature = sign_badge(registration, [event]).split(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data["e"].append("the-gala-dinner")
    altered = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    with pytest.raises(ForgedBadge):
        verify_badge(".".join((prefix, key_id, altered, signature)))
    with pytest.raises(ForgedBadge):
        verify_badge(".".join((prefix, "someone-else", body, signature)))
    # Signed by a key of the same id that is not ours.
    message = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    stranger = base64.urlsafe_b64encode(SigningKey.generate().sign(message).signature).rstrip(b"=").decode()
    with pytest.raises(ForgedBadge):
        verify_badge(".".join((prefix, key_id, body, stranger)))
    result = checkin_record(
        code=".".join((prefix, key_id, body, stranger)), event=event, by=f.delegate(role="event_manager")
    )
    assert result.outcome == Outcome.FORGED


def test_rotation_old_badges_verify_while_the_old_key_is_listed(settings):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    old, new = new_key_spec("2026a"), new_key_spec("2027a")
    settings.BADGE_SIGNING_KEYS = [old]
    printed_last_year = sign_badge(registration, [event])
    settings.BADGE_SIGNING_KEYS = [new, old]
    assert printed_last_year.split(".")[1] == "2026a"
    assert sign_badge(registration, [event]).split(".")[1] == "2027a"
    assert verify_badge(printed_last_year).code == registration.checkin_code
    assert set(public_keys()) == {"2026a", "2027a"}
    settings.BADGE_SIGNING_KEYS = [new]
    with pytest.raises(ForgedBadge):
        verify_badge(printed_last_year)


def test_the_desk_accepts_the_signed_qr_and_the_bare_code():
    event = f.event()
    manager = f.delegate(role="event_manager")
    signed, bare = f.registered(f.delegate(), event), f.registered(f.delegate(), event)
    scan = sign_badge(signed, [event])
    assert checkin_record(code=scan, event=event, by=manager, at=f.during(event)).accepted
    assert checkin_record(code=bare.checkin_code, event=event, by=manager, at=f.during(event)).accepted


def test_badge_key_prints_a_key_the_setting_takes(settings, capsys):
    from django.core.management import call_command

    call_command("badge_key", "2028a")
    spec = capsys.readouterr().out.strip()
    settings.BADGE_SIGNING_KEYS = [spec]
    assert list(public_keys()) == ["2028a"]
