"""The search page and the JSON API on top of the service."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory


@pytest.fixture
def engine_name():
    """The page and API sit above the engine; the contract suite covers both engines."""
    return "embedded"


@pytest.fixture
def embedded(indexed):
    return indexed


def test_search_page_in_both_languages(embedded, client):
    english = client.get("/en/search/", {"q": "biometric"})
    assert english.status_code == 200
    assert "Biometric Hub" in english.text and "<mark>" in english.text
    french = client.get("/fr/recherche/", {"q": "biométrie"})
    assert french.status_code == 200
    assert "Plateforme biométrique" in french.text
    assert "Recherche" in french.text


def test_filters_stay_in_the_url_and_facets_toggle(embedded, client):
    response = client.get("/en/search/", {"q": "conference", "type": "news"})
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.filters == {"type": ["news"]}
    assert {h["type"] for h in outcome.hits} == {"news"}
    news = next(v for f in outcome.facets if f.name == "type" for v in f.values if v["value"] == "news")
    assert news["selected"] and "type=news" not in news["url"]  # clicking again removes it
    assert 'name="type" value="news"' in response.text  # kept when searching again


def test_a_misspelled_search_shows_the_correction_and_offers_the_words_as_typed(embedded, client):
    response = client.get("/en/search/", {"q": "trafiking"})
    assert "showing results for <strong>trafficking</strong>" in response.text
    assert "Addressing human-trafficking-fuelled cyber fraud" in response.text
    assert 'href="?q=trafiking&amp;verbatim=1"' in response.text and "Search only for “trafiking”" in response.text
    french = client.get("/fr/recherche/", {"q": "frontère"}).text
    assert "voici les résultats pour <strong>frontière" in french and "Chercher seulement « frontère »" in french


def test_zero_results_page_helps(embedded, client):
    response = client.get("/en/search/", {"q": "trafiking", "verbatim": "1"})
    assert "Did you mean" in response.text and "trafficking" in response.text
    assert "check the spelling" in response.text
    assert "log in" in response.text


def test_hostile_input_on_the_page_is_escaped(embedded, client):
    response = client.get("/en/search/", {"q": '<script>alert("x")</script>', "page": "../../etc"})
    assert response.status_code == 200
    assert '<script>alert("x")' not in response.text
    assert "&lt;script&gt;" in response.text


def test_api_search_shape(embedded, client):
    response = client.get("/api/v1/search", {"q": "Watchmaker", "lang": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"total", "hits", "facets", "suggestion"}
    hit = body["hits"][0]
    assert set(hit) >= {"id", "type", "title", "url", "language", "snippet", "translations"}
    assert hit["language"] == "fr" and hit["translations"][0]["language"] == "en"
    assert set(body["facets"]) == {"type", "theme", "region", "year", "language"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Watchmaker", "lang": "fr"},  # translations and facets
        {"q": "trafiking"},  # corrected
        {"q": "trafiking", "verbatim": "1"},  # nothing found, a suggestion
        {"year": "abc", "page": "0"},  # notices
    ],
)
def test_api_answer_is_exactly_the_documented_schema(embedded, client, params):
    """The view sends the answer without pydantic's second pass: it must still be exactly
    SearchOut — every documented field, with its type, and nothing else (a hit has no
    page-only keys such as type_label, a translation no language_name)."""
    from search.api import HitOut, SearchOut

    body = client.get("/api/v1/search", params).json()
    assert SearchOut.model_validate(body).model_dump(mode="json") == body
    for hit in body["hits"]:
        assert set(hit) == set(HitOut.model_fields)
        assert "type_label" not in hit and "language_name" not in hit
        assert all(set(t) == {"language", "title", "url"} for t in hit["translations"])


def test_api_respects_the_session_user(embedded, client):
    restricted = "Running biometric checks at land border posts"
    anonymous = client.get("/api/v1/search", {"q": "border"}).json()
    assert restricted not in [h["title"] for h in anonymous["hits"]]
    client.force_login(UserFactory(role="law_enforcement"))
    cleared = client.get("/api/v1/search", {"q": "border"}).json()
    assert restricted in [h["title"] for h in cleared["hits"]]


def test_api_filters_and_pages(embedded, client):
    body = client.get("/api/v1/search", {"type": "initiative", "page": "1"}).json()
    assert body["total"] == 4 and {h["type"] for h in body["hits"]} == {"initiative"}
    bad = client.get("/api/v1/search", {"year": "abc", "page": "0"})
    assert bad.status_code == 200 and len(bad.json()["notices"]) == 2


@pytest.mark.parametrize("text", ["", "x" * 5000, '"(*', "🚓", "مرحبا"])
def test_api_never_fails_on_odd_input(embedded, client, text):
    assert client.get("/api/v1/search", {"q": text}).status_code == 200
    assert client.get("/api/v1/search/autocomplete", {"q": text}).status_code == 200


def test_api_autocomplete(embedded, client):
    body = client.get("/api/v1/search/autocomplete", {"q": "biom", "lang": "en"}).json()
    assert "Biometric Hub" in [s["title"] for s in body]


def test_openapi_schema_describes_the_search_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "lang", "type", "theme", "region", "year", "page"} <= parameters


def test_the_french_page_is_typeset_and_names_languages_in_french(embedded, client):
    page = client.get("/fr/recherche/", {"q": "frontère", "verbatim": "1"}).text
    assert "Vouliez-vous dire" in page
    assert ">frontière</a>\u00a0?" in page or ">frontières</a>\u00a0?" in page
    other = client.get("/fr/recherche/", {"q": "Watchmaker", "language": "en"}).text
    assert "en English" not in other and "in English" not in other


def test_a_snippet_from_the_translation_says_so_and_is_marked_with_its_language(
    embedded, client, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    from search import indexing
    from tests.factories import news_page

    with django_capture_on_commit_callbacks(execute=True):
        page = news_page(title="Quaymouth harbour bulletin", body="<p>Patrol boats left at dawn.</p>")
        french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
        french.title = "Bulletin du port de Quaymouth"
        french.body = "<p>Les vedettes sont parties vers les chalutiers.</p>"
        french.save_revision().publish()
    indexing.index_pending()

    english = client.get("/en/search/", {"q": "chalutiers"}).text
    assert '<span class="snippet-from">From the French version:</span> <span lang="fr">' in english
    assert "<mark>chalutiers</mark>" in english
    body = client.get("/api/v1/search", {"q": "chalutiers", "lang": "en"}).json()
    assert body["hits"][0]["snippet_language"] == "fr"
