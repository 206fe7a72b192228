"""What a delegate meets on the site: dates browsers accept, the role, the badge, the events list and event pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Status
from events.services.registrations import attendance_set_status
from tests.events import factories as f
from tests.events.helpers import form_data, registered

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_registration_form_gives_dates_browsers_accept_in_every_language(client, language):
    event = f.event()
    client.force_login(f.delegate(language=language))
    page = client.get(f"/{language}/events/week/{event.week.slug}/register/")
    assert page.status_code == 200
    start = event.week.start_date.isoformat()
    assert re.search(rf'<input type="date" name="arrival_date" value="{start}"', page.text), page.text[:200]
    assert not re.search(r'type="date"[^>]*value="\d\d/\d\d/\d{4}"', page.text)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_badge_comes_once_a_place_is_approved(client, language):
    event = f.event()
    registration = registered(f.delegate(language=language), event)
    client.force_login(registration.user)
    badge = reverse("events:document", args=[registration.pk, "badge"]).replace("/en/", f"/{language}/")
    page = client.get(f"/{language}/events/my/")
    assert badge not in page.text  # no link while the place is pending
    refused = client.get(badge)
    assert refused.status_code == 409
    assert {
        "en": "The badge is available once a place is approved.",
        "fr": "Le badge est disponible dès qu’une place est validée.",
    }[language] in refused.text or language == "en"
    attendance_set_status(attendance=registration.attendances.get(), status=Status.APPROVED, by=None)
    assert badge in client.get(f"/{language}/events/my/").text
    response = client.get(badge)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_event_list_offers_registration_only_where_it_is_open(client, language):
    import datetime as dt_

    from django.utils import timezone

    open_week = f.week()
    f.event(open_week, audience="public")
    past = f.week(start_date=timezone.now().date() - dt_.timedelta(days=400))
    f.event(
        past,
        audience="public",
        registration_opens=timezone.now() - dt_.timedelta(days=500),
        registration_closes=timezone.now() - dt_.timedelta(days=420),
    )
    later = f.week(start_date=timezone.now().date() + dt_.timedelta(days=300))
    f.event(
        later,
        audience="public",
        registration_opens=timezone.now() + dt_.timedelta(days=100),
        registration_closes=timezone.now() + dt_.timedelta(days=200),
    )
    anonymous = client.get(f"/{language}/events/")
    login = re.search(r'<a href="(/[a-z]{2}/accounts/login/\?next=[^"]+)">', anonymous.text)
    assert login and "events" in login.group(1)  # "Log in to register" is a link back here
    client.force_login(f.delegate(language=language))
    page = client.get(f"/{language}/events/")
    assert reverse("events:register", args=[open_week.slug]).replace("/en/", f"/{language}/") in page.text
    for closed in (past, later):
        assert reverse("events:register", args=[closed.slug]).replace("/en/", f"/{language}/") not in page.text
    ended, opens = {
        "en": ("This conference week has ended.", "Registration opens on"),
        "fr": ("Cette semaine de conférence est terminée.", "Les inscriptions ouvrent le"),
    }[language]
    assert ended in page.text and opens in page.text


def test_the_role_is_not_chosen_in_advance(client):
    event = f.event()
    client.force_login(f.delegate())
    page = client.get(reverse("events:register", args=[event.week.slug]))
    select = re.search(r'<select name="role"[^>]*>(.*?)</select>', page.text, re.S).group(1)
    assert "selected" not in select.split("</option>", 1)[1]  # only the empty prompt may be selected
    response = client.post(reverse("events:register", args=[event.week.slug]), form_data(event, role=""))
    assert response.status_code == 200 and "This field is required" in response.text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_event_page_shows_places_the_viewers_own_and_what_to_do(client, language):
    week = f.week()
    event, other = f.event(week, capacity=2, audience="public"), f.event(week, audience="public")
    registered(f.delegate(country="SN"), event)
    registered(f.delegate(country="KE"), event)
    waiting = registered(f.delegate(country="FR", language=language), event)
    url = f"/{language}/events/{event.slug}/"
    texts = {
        "en": ("0 seats left of 2.", "1 delegate on the waiting list.", "Your place:", "Log in to register"),
        "fr": (
            "0 place restante sur 2.",
            "1 délégué en liste d’attente.",
            "Votre place :",
            "Connectez-vous pour vous inscrire",
        ),
    }[language]
    anonymous = client.get(url)
    assert texts[0] in anonymous.text and texts[1] in anonymous.text and texts[3] in anonymous.text
    client.force_login(waiting.user)
    mine = client.get(url)
    spaced = mine.text.replace("\u202f", " ").replace("\u00a0", " ")  # French spaces before ":" are no-break
    assert texts[2].replace("\u00a0", " ") in spaced and "position 1" in mine.text
    other_page = client.get(f"/{language}/events/{other.slug}/")  # registered for the week, not this event
    assert reverse("events:add_event", args=[waiting.pk]).replace("/en/", f"/{language}/") in other_page.text
    client.force_login(f.delegate())
    assert reverse("events:register", args=[week.slug]).replace("/en/", f"/{language}/") in client.get(url).text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_home_page_leads_to_the_week_open_for_registration(client, language):
    open_event = f.event(audience="public")
    past = f.event(
        f.week(start_date=dt.date.today() - dt.timedelta(days=300)),
        audience="public",
        registration_opens=timezone.now() - dt.timedelta(days=400),
        registration_closes=timezone.now() - dt.timedelta(days=310),
    )
    register = reverse("events:register", args=[open_event.week.slug]).replace("/en/", f"/{language}/")
    home = client.get(f"/{language}/")
    assert open_event.week.name in home.text or open_event.week.name.translations["fr"] in home.text
    assert past.week.name.translations["en"] not in home.text and past.week.name.translations["fr"] not in home.text
    # Anonymous: a login link that comes back to the form.
    assert f"?next={register}" in home.text
    assert {"en": "Registration is open.", "fr": "Les inscriptions sont ouvertes."}[language] in home.text
    user = f.delegate(language=language)
    client.force_login(user)
    assert f'href="{register}"' in client.get(f"/{language}/").text
    registered(user, open_event)
    mine = client.get(f"/{language}/").text
    assert {"en": "You are registered for this week.", "fr": "Vous êtes inscrit à cette semaine."}[language] in mine


def test_the_home_page_says_when_registration_opens_when_none_is_open(client):
    from events.models import Event

    Event.objects.update(registration_opens=timezone.now() + dt.timedelta(days=300))
    later = timezone.now() + dt.timedelta(days=20)
    event = f.event(audience="public", registration_opens=later, registration_closes=later + dt.timedelta(days=9))
    home = client.get("/en/").text
    assert event.week.name.translations["en"] in home
    assert "Registration opens on" in home


def test_the_agenda_feed_offers_a_webcal_subscription_and_a_copy_button(client):
    user = f.delegate()
    client.force_login(user)
    page = client.get(reverse("events:my")).text
    token = user.agenda_feed.token
    assert f'href="webcal://testserver/api/v1/agenda/{token}.ics"' in page
    assert f"http://testserver/api/v1/agenda/{token}.ics" in page
    assert 'data-copy="agenda-feed"' in page and "events/copy.js" in page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_roundtables_show_their_seats(client, language):
    event = f.event(audience="public")
    table = f.roundtable(event, capacity=8, topic={"en": "Online scam centres", "fr": "Centres d’escroquerie en ligne"})
    registration = registered(f.delegate(), event, Status.APPROVED)
    from events.services.roundtables import placement_set_manually

    placement_set_manually(registration=registration, roundtable=table)
    page = client.get(f"/{language}/events/{event.slug}/").text
    if language == "en":
        assert "Online scam centres" in page and "1 of 8 seats taken" in page
    else:
        assert "Centres d’escroquerie en ligne" in page and "1 sur 8 places occupées" in page
