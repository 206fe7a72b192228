"""Search analysis comes from one registry per language (search/languages.py), for the site's
languages in settings.LANGUAGES; Spanish and Arabic are ready in both engines."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.engines import embedded
from search.languages import REGISTRY, search_languages


def test_the_site_languages_are_the_search_languages(settings):
    assert search_languages() == tuple(code for code, _name in settings.LANGUAGES)
    settings.LANGUAGES = [("en", "English"), ("es", "Español"), ("ar", "العربية")]
    assert search_languages() == ("en", "es", "ar")


def test_a_language_without_analysis_stops_the_start_with_its_name(settings):
    settings.LANGUAGES = [("en", "English"), ("xx", "Unknown")]
    with pytest.raises(ImproperlyConfigured, match="No search analysis for xx"):
        search_languages()


def test_spanish_and_arabic_are_stemmed_and_stripped_of_stop_words_in_tantivy():
    spanish = embedded._analyzer("es").analyze("las oficinas centrales nacionales de policía")
    assert spanish == ["oficin", "central", "nacional", "polic"]  # stemmed, then folded
    arabic = embedded._analyzer("ar").analyze("في المكتب المركزي الوطني من المكاتب")
    assert "في" not in arabic and "من" not in arabic  # our stop words (tantivy has no Arabic list)
    assert arabic[:2] == ["مكتب", "مركز"]  # the article and the suffix go


def test_the_elasticsearch_mapping_gives_each_language_its_own_analyzers(monkeypatch):
    from search.engines import elastic_analysis
    from search.engines.elastic_client import ClusterSettings

    monkeypatch.setattr(elastic_analysis, "LANGUAGES", ("en", "fr", "es", "ar"))
    body = elastic_analysis.index_body(ClusterSettings(url="http://127.0.0.1:9"), ["NCB, BCN"])
    properties = body["mappings"]["properties"]
    assert properties["body_es"] == {"type": "text", "analyzer": "liaison_es", "search_analyzer": "liaison_es_search"}
    assert properties["title_ar"]["analyzer"] == "liaison_ar"
    analyzers = body["settings"]["analysis"]["analyzer"]
    assert "liaison_fr_elision" in analyzers["liaison_fr"]["filter"]
    assert "liaison_glossary" in analyzers["liaison_fr_search"]["filter"]
    assert "liaison_glossary" not in analyzers["liaison_fr"]["filter"]  # the glossary is search-time only
    assert analyzers["liaison_ar"]["filter"][2] == "arabic_normalization"
    assert {code: REGISTRY[code].elastic_stop for code in ("es", "ar")} == {"es": "_spanish_", "ar": "_arabic_"}
