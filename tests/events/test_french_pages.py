"""French as good as English on the pages the issue found in English or mis-typeset."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from events.models import ConferenceWeek, Event, Roundtable
from events.services.roundtables import roundtables_assign
from tests.events import factories as f
from tests.factories import PASSWORD
from tests.pdftools import pdf_text
from tests.portal.test_accounts import current_totp

pytestmark = pytest.mark.django_db


def test_the_french_sign_up_form_lists_countries_in_french(client):
    page = client.get("/fr/accounts/signup/").text
    assert ">Allemagne<" in page and ">Germany<" not in page
    assert ">Algérie<" in page


def test_signing_in_on_the_french_site_says_so_in_french(client):
    user = f.delegate(language="fr", first_name="Nadia", last_name="Benali")
    answer = client.post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True)
    assert "Successfully signed in" not in answer.text
    assert "Connexion avec Nadia Benali réussie." in answer.text


def test_the_demo_event_page_in_french_has_french_places_rooms_and_roles(client):
    event = Event.objects.get(slug="police-science-congress-2023")  # public: no sign-in needed
    page = client.get(f"/fr/events/{event.slug}/").text
    assert "Centre des congrès, Singapour, Singapour" in page
    for english in ("Convention centre", "Hall A", "Rooms 1–7", "Secretary General", "Facilitators", ">Chair<"):
        assert english not in page, english
    assert "Salle A" in page and "Secrétaire général" in page and "Animateurs" in page


def test_my_registrations_in_french_names_the_region_room_and_day_in_french(client):
    week = ConferenceWeek.objects.get(slug="demo-week")
    event = week.events.get(slug="heads-of-ncb-demo")
    user = f.delegate(language="fr", country="SN")
    f.registered(user, event, arrival_date=week.start_date, departure_date=week.end_date)
    roundtables_assign(event=event)
    client.force_login(user)
    page = client.get("/fr/events/my/").text
    table = Roundtable.objects.get(placements__registration__user=user)
    assert f"({table.region.localized.name})" in page and "(Africa)" not in page
    assert f"Salle {table.room.translations['en'].split()[-1]}" in page and "Room " not in page


def test_check_in_is_not_called_like_the_home_page(client):
    user = f.delegate(role="event_manager", language="fr")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD})
    client.post("/fr/accounts/2fa/authenticate/", {"code": current_totp(secret)})
    page = client.get("/fr/events/checkin/").text
    assert "Enregistrement sur place" in page
    assert "Accueillir" not in page and "<h1>Accueil</h1>" not in page


def test_the_french_visa_letter_does_not_use_a_country_as_a_nationality(client):
    event = f.event()
    user = f.delegate(language="fr", country="DZ")
    registration = f.registered(
        user,
        event,
        needs_visa_letter=True,
        passport_name="Nadia Benali",
        passport_number="DZ1234567",
        passport_nationality="DZ",
        passport_expiry=event.week.end_date.replace(year=event.week.end_date.year + 2),
    )
    client.force_login(user)
    text = pdf_text(b"".join(client.get(f"/fr/events/registration/{registration.pk}/letter.pdf").streaming_content))
    assert "de nationalité Algérie" not in text
    assert "Nationalité (selon le passeport)" in text and "Algérie" in text
    assert "Numéro de passeport" in text and "DZ1234567" in text
