"""Every page type renders in both languages; the language switcher goes to the right place."""

from __future__ import annotations

import pytest
from django.apps import apps
from wagtail.models import Locale, Page

from portal.pages.models import (
    BestPracticeIndexPage,
    CompendiumPage,
    ConclusionIndexPage,
    ConferencePage,
    HomePage,
    NewsIndexPage,
    ToolkitPage,
)
from portal.pages.models.base import ContentPage
from tests.factories import en_index, news_page

PAGE_TYPES = [m for m in apps.get_app_config("pages").get_models() if issubclass(m, (ContentPage, HomePage))]


def test_every_page_type_is_covered_by_demo_content():
    names = {m.__name__ for m in PAGE_TYPES}
    assert names == {
        "HomePage",
        "ConferenceIndexPage",
        "ConferencePage",
        "ConclusionIndexPage",
        "ConclusionPage",
        "ToolkitIndexPage",
        "ToolkitPage",
        "CompendiumIndexPage",
        "CompendiumPage",
        "BestPracticeIndexPage",
        "BestPracticePage",
        "InitiativeIndexPage",
        "InitiativePage",
        "NewsIndexPage",
        "NewsPage",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_page_type_renders_in_both_languages(model, language, client_for_role):
    client = client_for_role("superuser")
    pages = model.objects.live().filter(locale__language_code=language)
    assert pages.exists(), f"no {model.__name__} in {language}"
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f'<html lang="{language}" dir="ltr">' in response.text
        assert page.title.replace("’", "&#x27;") in response.text or page.title in response.text


@pytest.mark.django_db
def test_language_switcher_links_to_the_translation_of_this_page(client):
    en_page = ConferencePage.objects.get(slug="singapore-2023")
    fr_page = en_page.get_translation(Locale.objects.get(language_code="fr"))
    response = client.get(en_page.url)
    assert f'href="{fr_page.url}" hreflang="fr"' in response.text
    response = client.get(fr_page.url)
    assert f'href="{en_page.url}" hreflang="en"' in response.text


@pytest.mark.django_db
def test_switcher_on_an_untranslated_page_goes_to_the_other_home_with_a_notice(client):
    page = news_page(title="English only announcement")
    assert page.get_translation_or_none(Locale.objects.get(language_code="fr")) is None
    response = client.get(page.url)
    assert 'href="/fr/?untranslated=1" hreflang="fr"' in response.text
    notice = client.get("/fr/?untranslated=1")
    assert notice.status_code == 200
    assert "pas encore été traduite" in notice.text


@pytest.mark.django_db
def test_switcher_does_not_link_to_a_translation_the_reader_cannot_see(client):
    """An English page whose French twin is restricted must not reveal the twin's URL."""
    page = news_page(title="Public in English")
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.audience = "staff"
    french.slug = "reserve-au-personnel"
    french.save_revision().publish()
    response = client.get(page.url)
    assert "reserve-au-personnel" not in response.text
    assert 'href="/fr/?untranslated=1"' in response.text


@pytest.mark.django_db
def test_root_redirects_to_the_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").headers["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").headers["Location"] == "/en/"


@pytest.mark.django_db
def test_interface_strings_are_translated_on_french_pages(client):
    response = client.get("/fr/")
    assert "Aller au contenu principal" in response.text
    assert "Se connecter" in response.text


@pytest.mark.django_db
class TestIndexFilters:
    def test_conclusions_filter_by_theme(self, client):
        index = en_index(ConclusionIndexPage)
        response = client.get(index.url, {"theme": "biometrics"})
        assert response.context["paginator"].count == 1
        assert "Delivering innovation on biometric data" in response.text
        assert "Countering persistent forms of terrorism" not in response.text

    def test_conclusions_filter_by_status_and_edition(self, client):
        index = en_index(ConclusionIndexPage)
        response = client.get(index.url, {"status": "not_started", "edition": "singapore-2023"})
        titles = [p.title for p in response.context["items"]]
        assert titles == ["Countering persistent forms of terrorism"]

    def test_unknown_filter_value_is_reported_not_fatal(self, client):
        index = en_index(ConclusionIndexPage)
        response = client.get(index.url, {"theme": "<script>alert(1)</script>", "page": "abc"})
        assert response.status_code == 200
        assert response.context["paginator"].count == 4
        assert "Some filters were ignored" in response.text
        assert "<script>alert(1)</script>" not in response.text

    def test_best_practices_filter_by_region_for_an_officer(self, client_for_role):
        client = client_for_role("law_enforcement")
        index = en_index(BestPracticeIndexPage)
        response = client.get(index.url, {"region": "africa"})
        assert [p.slug for p in response.context["items"]] == ["sharing-ied-incident-data"]

    def test_filter_options_come_only_from_visible_items(self, client):
        """An anonymous visitor must not learn that restricted practices exist in Africa."""
        index = en_index(BestPracticeIndexPage)
        response = client.get(index.url)
        regions = {o.value for g in response.context["filter_groups"] if g["param"] == "region" for o in g["options"]}
        assert regions == {"asia-south-pacific"}

    def test_news_pagination(self, client):
        index = en_index(NewsIndexPage)
        for n in range(15):
            news_page(title=f"Bulk item {n}")
        first = client.get(index.url)
        assert first.context["paginator"].num_pages == 2
        assert len(first.context["items"]) == 12
        last = client.get(index.url, {"page": 99})
        assert last.context["page_obj"].number == 2

    def test_compendium_entries_filter_by_region(self, client):
        page = CompendiumPage.objects.get(slug="inclusion-des-genres-dans-la-police")
        response = client.get(page.url, {"region": "europe"})
        assert [e.country.code for e in response.context["entries"]] == ["SE"]
        assert "Achats d’équipements adaptés à tous" in response.text


@pytest.mark.django_db
def test_toolkit_lists_chapters_in_order_with_its_release_history(client):
    page = ToolkitPage.objects.get(slug="responsible-ai-toolkit")
    response = client.get(page.url)
    text = response.text
    assert (
        text.index("Why responsible AI matters")
        < text.index("Principles to work by")
        < text.index("Governance and public trust")
    )
    assert "UNICRI" in text
    assert "2024" in text and "1.0" in text


@pytest.mark.django_db
def test_conference_shows_figures_meetings_and_conclusions(client):
    page = ConferencePage.objects.get(slug="singapour-2023")
    text = client.get(page.url).text
    assert "266" in text and "133" in text
    assert "Congrès sur les sciences policières" in text
    assert "Renforcer le réseau des B.C.N." in text


@pytest.mark.django_db
def test_rich_text_is_sanitised(client_for_role):
    page = news_page(
        title="Hostile body",
        body='<p>Hi</p><script>alert("x")</script><img src=x onerror="alert(1)">',
    )
    text = client_for_role("superuser").get(page.url).text
    assert 'alert("x")' not in text
    assert "onerror" not in text


def test_pages_have_no_inline_scripts_or_styles(client, db):
    text = client.get("/en/").text
    assert "<script>" not in text and "style=" not in text
    assert "script-src 'self'" in client.get("/en/").headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/fr/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_page_tree_has_one_home_per_language(db):
    homes = HomePage.objects.all()
    assert sorted(h.locale.language_code for h in homes) == ["en", "fr"]
    assert Page.objects.filter(depth=2).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_say_their_language_and_direction(client, language):
    assert f'<html lang="{language}" dir="ltr">' in client.get(f"/{language}/").text


def test_the_style_sheet_uses_logical_directions_so_right_to_left_mirrors():
    """No physical left/right in the site's CSS (comments aside): a page set dir="rtl" mirrors."""
    import re
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "portal/static/portal/css/site.css").read_text()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.findall(r"[\w-]*\b(?:left|right)\b[\w-]*", rules)
    assert "inset-inline-start" in rules and "padding-inline-start" in rules
