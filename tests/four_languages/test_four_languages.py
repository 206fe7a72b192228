"""A third and a fourth language by configuration alone: with portal.settings.test_four_languages
(English, French, Spanish, Arabic), pages, search, the events API, iCal and PDFs work in Spanish
and Arabic with no code or schema change. `make test` runs this folder in its own pass."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Locale

from portal.pages.models import NewsPage
from tests.events import factories as f
from tests.pdftools import pdf_text

pytestmark = pytest.mark.django_db

SPANISH = {
    "title": "Conferencias regionales de jefes de policía",
    "body": "<p>Las conferencias regionales reunieron a los jefes de policía de la región.</p>",
}
ARABIC = {
    "title": "المؤتمرات الإقليمية لرؤساء الشرطة",
    "body": "<p>اجتمع رؤساء الشرطة في المكتب المركزي الوطني للمنطقة.</p>",
}


def test_the_settings_hold_four_languages_and_arabic_reads_right_to_left():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr", "es", "ar"]
    assert "ar" in settings.LANGUAGES_BIDI


def translate(page, code: str, texts: dict) -> NewsPage:
    """The page and any missing parents copied into ``code``, given its texts and published."""
    locale, _created = Locale.objects.get_or_create(language_code=code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translated.title, translated.body, translated.slug = texts["title"], texts["body"], f"{page.slug}-{code}"
    translated.save_revision().publish()
    return NewsPage.objects.get(pk=translated.pk)


@pytest.fixture
def source():
    return NewsPage.objects.live().filter(locale__language_code="en", audience="public").first()


def test_a_page_is_translated_into_spanish_and_arabic_and_served_with_its_direction(client, source):
    spanish, arabic = translate(source, "es", SPANISH), translate(source, "ar", ARABIC)
    assert spanish.url.startswith("/es/") and arabic.url.startswith("/ar/")
    es = client.get(spanish.url)
    assert es.status_code == 200
    assert '<html lang="es" dir="ltr">' in es.text and SPANISH["title"] in es.text
    ar = client.get(arabic.url)
    assert ar.status_code == 200
    assert '<html lang="ar" dir="rtl">' in ar.text and ARABIC["title"] in ar.text
    assert {p.locale.language_code for p in source.get_translations(inclusive=True)} >= {"en", "fr", "es", "ar"}


@pytest.fixture(params=["embedded", "opensearch"])
def search_engine(request, tmp_path):
    """Each engine on an index of its own: tantivy on disk, and a real OpenSearch node."""
    from django.test import override_settings

    from search.engines import get_engine, reset_engine

    if request.param == "embedded":
        values = {"SEARCH_URL": None, "SEARCH_EMBEDDED_PATH": str(tmp_path / "search")}
    else:
        node = request.getfixturevalue("opensearch_node")
        index = f"four-{tmp_path.name}".lower()
        values = {"SEARCH_URL": node.url, "SEARCH_INDEX_NAME": index, "SEARCH_FLAVOUR": "auto"}
    with override_settings(**values):
        reset_engine()
        yield get_engine()
    reset_engine()


def test_search_finds_spanish_and_arabic_pages_through_their_own_analysis(source, search_engine):
    from search import indexing
    from search.service import search_run

    translate(source, "es", SPANISH)
    translate(source, "ar", ARABIC)
    indexing.rebuild()
    # "conferencia" (singular) finds "conferencias": the Spanish stemmer, not an exact match.
    spanish = search_run(user=AnonymousUser(), params=QueryDict("q=conferencia"), language="es")
    assert SPANISH["title"] in [hit["title"] for hit in spanish.hits]
    # "مكتب" finds "المكتب": the article is stripped by the Arabic analysis.
    arabic = search_run(user=AnonymousUser(), params=QueryDict("q=مكتب"), language="ar")
    assert ARABIC["title"] in [hit["title"] for hit in arabic.hits]


def four_language_event():
    event = f.event(
        audience="public",
        name={
            "en": "Heads of bureau conference",
            "fr": "Conférence des chefs de bureau",
            "es": "Conferencia de jefes de oficina",
            "ar": "مؤتمر رؤساء المكاتب",
        },
    )
    f.session(
        event,
        title={"en": "Opening plenary", "es": "Sesión plenaria de apertura", "ar": "الجلسة العامة الافتتاحية"},
        audience="public",
    )
    return event


def test_the_events_api_answers_in_spanish_and_arabic_with_every_translation(client):
    event = four_language_event()
    spanish = client.get(f"/api/v1/events/{event.slug}", {"lang": "es"}).json()
    assert (spanish["language"], spanish["name"]) == ("es", "Conferencia de jefes de oficina")
    assert set(spanish["translations"]) == {"en", "fr", "es", "ar"}
    arabic = client.get(f"/api/v1/events/{event.slug}", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert (arabic["language"], arabic["name"]) == ("ar", "مؤتمر رؤساء المكاتب")
    assert arabic["venue"] == "Convention centre"  # not written in Arabic: the default language stands in
    sessions = client.get(f"/api/v1/events/{event.slug}/sessions", {"lang": "ar"}).json()
    assert sessions[0]["title"] == "الجلسة العامة الافتتاحية"


@pytest.mark.parametrize(
    ("language", "title"), [("es", "Sesión plenaria de apertura"), ("ar", "الجلسة العامة الافتتاحية")]
)
def test_the_programme_calendar_is_written_in_the_language_asked_for(client, language, title):
    event = four_language_event()
    body = client.get(f"/api/v1/events/{event.slug}.ics", {"lang": language}).content
    (entry,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(entry["summary"]) == title


def test_an_arabic_badge_and_certificate_read_back_in_logical_order(client):
    event = four_language_event()
    user = f.delegate(country="EG", language="ar", first_name="محمد", last_name="عبد الله")
    registration = f.registered(user, event)
    client.force_login(user)
    badge = pdf_text(
        b"".join(client.get(reverse("events:document", args=[registration.pk, "badge"])).streaming_content)
    )
    assert "مؤتمر رؤساء المكاتب" in badge and "محمد عبد الله" in badge
    f.checked_in(registration, event)
    response = client.get(reverse("events:document", args=[registration.pk, "certificate"]))
    assert response.status_code == 200
    certificate = pdf_text(b"".join(response.streaming_content))
    assert "مؤتمر رؤساء المكاتب" in certificate and "محمد عبد الله" in certificate


def test_adding_the_languages_needs_no_migration():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits non-zero if one were needed


def test_a_page_not_yet_translated_is_served_in_english_and_says_so(client):
    home = client.get("/ar/")
    assert home.status_code == 200
    assert '<html lang="ar" dir="rtl">' in home.text
    assert "This page is not yet translated into this language: it is shown in English." in home.text
    assert '<div lang="en" dir="ltr">' in home.text  # the English text keeps its own language and direction
    event = f.event(audience="public", name={"en": "Heads of bureau conference", "es": "Conferencia de jefes"})
    listing = client.get("/ar/events/").text
    assert '<span lang="en" dir="auto">Heads of bureau conference</span>' in listing
    assert "(in English: not yet translated)" in listing
    assert "Conferencia de jefes" in client.get("/es/events/").text and event.slug


def test_sessions_are_given_in_any_language_or_pair_of_them():
    from django.utils import translation

    from events.models import session_language_choices

    codes = [code for code, _label in session_language_choices()]
    assert {"es", "ar", "en+fr", "es+ar"} <= set(codes) and len(codes) == 4 + 6
    event = four_language_event()
    session = f.session(event, language="es+ar")
    session.full_clean()
    assert session.get_language_display() == "Spanish and Arabic (interpretation)"
    with translation.override("fr"):
        assert session.get_language_display() == "Espagnol et arabe (interprétation)"


@pytest.mark.parametrize(
    ("language", "forms", "stop_word"),
    [
        ("en", ["conference", "conferences"], "the"),
        ("fr", ["conférence", "conférences"], "les"),
        ("es", ["conferencia", "conferencias"], "las"),
        ("ar", ["مكتب", "المكتب"], "في"),
    ],
)
def test_opensearch_analyses_each_language_with_the_registry_analyzer(opensearch_node, language, forms, stop_word):
    """On the real engine, each language's text field (from search/languages.py) stems two forms
    of one word alike and drops that language's stop words (`_analyze` on the live index)."""
    from django.test import override_settings

    from search import indexing
    from search.engines import get_engine, reset_engine

    index = f"analyze-{language}"
    with override_settings(SEARCH_URL=opensearch_node.url, SEARCH_INDEX_NAME=index, SEARCH_FLAVOUR="auto"):
        reset_engine()
        engine = get_engine()
        indexing.rebuild()

        def tokens(text):
            answer = engine.client.indices.analyze(index=engine.alias, field=f"title_{language}", text=text)
            return [token["token"] for token in answer["tokens"]]

        stems = {tuple(tokens(form)) for form in forms}
        assert len(stems) == 1 and all(stems.pop()), forms
        assert tokens(f"{stop_word} {forms[0]}") == tokens(forms[0])
    reset_engine()
