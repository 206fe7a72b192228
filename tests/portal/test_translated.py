"""Translated model fields: one JSON column, any language of settings.LANGUAGES, no migration."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session
from portal.translated import TranslatedText, site_language_choices
from tests.events import factories as f

pytestmark = pytest.mark.django_db

FOUR = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish")), ("ar", _("Arabic"))]


def event_form():
    return forms.modelform_factory(Event, fields=["name", "venue", "description"])


def test_a_text_follows_the_reader_and_says_where_it_stands_in():
    event = f.event(
        name={"en": "Heads of NCB Conference", "fr": "Conférence des chefs de B.C.N."}, venue={"en": "Hall"}
    )
    with translation.override("fr"):
        assert event.name == "Conférence des chefs de B.C.N." and not event.name.is_fallback
        assert event.venue == "Hall" and event.venue.is_fallback and event.venue.language == "en"
    with translation.override("en"):
        assert event.name == "Heads of NCB Conference"
    assert event.name.in_language("fr") == "Conférence des chefs de B.C.N."
    assert isinstance(event.name, str) and f"{event.name}".startswith(("Heads", "Conf"))


def test_reading_back_from_the_database_gives_every_translation():
    event = f.event(name={"en": "Opening", "fr": "Ouverture"})
    again = Event.objects.get(pk=event.pk)
    assert again.name.translations == {"en": "Opening", "fr": "Ouverture"}
    assert Event.objects.filter(name__fr="Ouverture").get() == event  # JSON key lookups work
    assert list(Event.objects.filter(pk=event.pk).values_list("name__en", flat=True)) == ["Opening"]


def test_a_plain_string_is_the_default_language_and_empty_texts_are_dropped():
    event = f.event(name="Only English", venue={"en": "Hall", "fr": "  "})
    event.refresh_from_db()
    assert event.name.translations == {"en": "Only English"} and event.venue.translations == {"en": "Hall"}


def test_a_missing_default_language_or_a_too_long_text_is_refused_with_its_language_named():
    event = f.event()
    event.name = {"fr": "Seulement en français"}
    with pytest.raises(ValidationError, match="at least in English"):
        event.full_clean()
    event.name = {"en": "Fine", "fr": "x" * 201}
    with pytest.raises(ValidationError, match="French text has 201 characters; at most 200"):
        event.full_clean()


def test_the_form_has_one_labelled_input_per_language_and_keeps_what_was_typed():
    html = event_form()().as_p()
    assert 'lang="en"' in html and 'lang="fr"' in html and 'dir="ltr"' in html
    assert '<label class="translated-field__label" for="id_name_en">English</label>' in html
    form = event_form()(
        {"name_en": "", "name_fr": "Nom", "venue_en": "", "venue_fr": "", "description_en": "", "description_fr": ""}
    )
    assert not form.is_valid() and form.errors["name"] == ["Write it at least in English."]
    assert 'value="Nom"' in form.as_p()  # nothing the editor typed is lost


@override_settings(LANGUAGES=FOUR, LANGUAGE_CODE="en")
def test_a_language_added_in_settings_needs_no_migration():
    form = event_form()(
        {
            "name_en": "Conference",
            "name_fr": "Conférence",
            "name_es": "Conferencia",
            "name_ar": "مؤتمر",
            "venue_en": "",
            "venue_fr": "",
            "venue_es": "",
            "venue_ar": "",
            "description_en": "",
            "description_fr": "",
            "description_es": "",
            "description_ar": "",
        },
        instance=f.event(),
    )
    html = form.as_p()
    assert 'lang="ar" dir="rtl"' in html and 'lang="es" dir="ltr"' in html
    assert form.is_valid(), form.errors
    form.save()
    event = Event.objects.get(pk=form.instance.pk)
    assert event.name.in_language("es") == "Conferencia" and event.name.in_language("ar") == "مؤتمر"
    assert [code for code, _name in site_language_choices()] == ["en", "fr", "es", "ar"]
    session = f.session(event, title={"en": "Opening", "fr": "Ouverture"})
    with translation.override("es"):
        assert session.title == "Opening" and session.title.is_fallback


def test_a_template_marks_a_text_shown_in_another_language():
    session = Session(title={"en": "Opening plenary"})
    template = Template("{% load portal_tags %}{% translated session.title %}")
    with translation.override("fr"):
        marked = template.render(Context({"session": session}))
    assert (
        '<span lang="en" dir="auto">Opening plenary</span>' in marked
        and "(en anglais\u00a0: pas encore traduit)" in marked
    )
    with translation.override("en"):
        assert template.render(Context({"session": session})).strip() == "Opening plenary"


def test_pickling_keeps_the_translations():
    import pickle

    # Our own bytes, as the cache stores them.
    text = pickle.loads(pickle.dumps(TranslatedText({"en": "A", "fr": "B"}, "fr")))  # noqa: S301
    assert text == "B" and text.translations == {"en": "A", "fr": "B"}


def test_the_admin_finds_an_event_by_its_name_in_any_language(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.urls import reverse

    event = f.event(name={"en": "Cybercrime week", "fr": "Semaine de la cybercriminalité"})
    f.event(name={"en": "Something else", "fr": "Autre chose"})
    manager = f.delegate(role="event_manager")
    TOTP.activate(manager, generate_totp_secret())
    client.force_login(manager)
    listing = client.get(reverse("wagtailsnippets_events_event:list"), {"q": "cybercriminalité"})
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Cybercrime week" in text and "Something else" not in text
    assert str(event.pk) in text


def test_the_admin_sorts_a_translated_column_by_the_default_language(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.urls import reverse

    f.event(name={"en": "Zeta meeting", "fr": "Alpha réunion"}, slug="zeta")
    f.event(name={"en": "Alpha meeting", "fr": "Zêta réunion"}, slug="alpha")
    manager = f.delegate(role="event_manager")
    TOTP.activate(manager, generate_totp_secret())
    client.force_login(manager)
    text = client.get(
        reverse("wagtailsnippets_events_event:list"), {"ordering": "name__en", "q": "meeting"}
    ).content.decode()
    assert 'href="?ordering=-name__en' in text or "ordering=-name__en" in text  # the column's own link
    assert 0 < text.index("Alpha meeting") < text.index("Zeta meeting")
    text = client.get(
        reverse("wagtailsnippets_events_event:list"), {"ordering": "-name__en", "q": "meeting"}
    ).content.decode()
    assert text.index("Zeta meeting") < text.index("Alpha meeting")


def test_a_session_in_both_languages_is_labelled_in_the_readers_language():
    session = Session(language="en+fr")
    assert session.get_language_display() == "English and French (interpretation)"
    with translation.override("fr"):
        assert session.get_language_display() == "Anglais et français (interprétation)"
