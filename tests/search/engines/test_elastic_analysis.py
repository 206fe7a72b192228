"""The analysis is the engine's: checked with ``_analyze`` on a live OpenSearch index, and the
glossary, a search-time synonym filter, changed on the live index with no re-index."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import override_settings

from search import indexing
from search.engines import get_engine, reset_engine
from search.models import GlossaryEntry
from search.query import SearchQuery
from search.service import search_run
from tests.factories import news_page

pytestmark = pytest.mark.django_db
_names = itertools.count()


@pytest.fixture
def engine(opensearch_node):
    with override_settings(SEARCH_URL=opensearch_node.url, SEARCH_INDEX_NAME=f"analysis-{next(_names)}"):
        reset_engine()
        engine = get_engine()
        engine.count()  # creates the index behind the alias
        yield engine
    reset_engine()


def tokens(engine, text: str, field: str = "body_fr", search: bool = False) -> list[str]:
    if search:
        analyzer = engine.client.indices.get_mapping(index=engine.alias)
        mapping = next(iter(analyzer.body.values()))["mappings"]["properties"][field]
        answer = engine.client.indices.analyze(index=engine.alias, analyzer=mapping["search_analyzer"], text=text)
    else:
        answer = engine.client.indices.analyze(index=engine.alias, field=field, text=text)
    return [token["token"] for token in answer["tokens"]]


def test_french_elision_stop_words_stemming_then_folding(engine):
    assert tokens(engine, "l'IA et l’IA d’abord") == ["ia", "ia", "abord"]  # both apostrophes
    assert tokens(engine, "à la police, les enquêtes") == ["polic", "enquet"]  # accented stop words go
    # One stem for the forms of a word, and for the word typed without its accents.
    assert len({tuple(tokens(engine, w)) for w in ("identifiées", "identifiees", "identifié")}) == 1
    assert tokens(engine, "policières") == tokens(engine, "policier") == ["polici"]
    assert tokens(engine, "conférences") == tokens(engine, "conference")


def test_acronyms_stay_whole_in_every_form(engine):
    for field in ("body_en", "body_fr"):
        assert tokens(engine, "B.C.N.", field) == tokens(engine, "BCN", field) == tokens(engine, "bcn", field)
        assert tokens(engine, "IEDs", field) == tokens(engine, "IED", field) == ["ied"]  # not "i"
        assert tokens(engine, "I-CORE", field) == ["icore"]  # never the I that met "IED"
    assert tokens(engine, "les B.C.N. du monde") == ["bcn", "mond"]


def test_english_possessives_and_inflections_meet(engine):
    assert tokens(engine, "officers' training", "body_en") == tokens(engine, "officer trainings", "body_en")
    assert tokens(engine, "trafficked", "body_en") == tokens(engine, "trafficking", "body_en")
    assert tokens(engine, "the conference of the police", "body_en") == ["confer", "polic"]


def test_the_catch_all_field_folds_elides_and_keeps_acronyms(engine):
    assert tokens(engine, "l'IA du B.C.N. à Lyon", "all_folded") == ["ia", "bcn", "lyon"]


def test_the_glossary_is_a_search_time_synonym_filter(engine):
    # Index time: the word alone. Search time: its other forms from the glossary too.
    assert tokens(engine, "NCB", "body_en") == ["ncb"]
    searched = tokens(engine, "NCB", "body_en", search=True)
    assert {"ncb", "bcn", "central", "bureau"} <= set(searched)
    assert {"eei", "ied", "engin", "explosif"} <= set(tokens(engine, "EEI", "body_fr", search=True))


def test_a_glossary_change_applies_to_the_live_index_without_reindexing(engine, opensearch_node):
    indexing.rebuild()
    page = news_page(title="Kigali liaison office opens")
    indexing.index_update_enqueue(instance=page)
    indexing.index_pending()
    index_before = list(engine.client.indices.get_alias(name=engine.alias).body)
    count_before = engine.count()

    def found(q):
        outcome = search_run(user=AnonymousUser(), params=QueryDict(f"q={q}"), language="en")
        return [hit["title"] for hit in outcome.hits]

    assert "Kigali liaison office opens" not in found("antenne")
    assert engine.apply_glossary() is False  # the index holds the glossary already: nothing to do

    answered, failures = [], []
    stop = threading.Event()

    query = SearchQuery(text="liaison", language="en", audiences=["public"])

    def keep_searching():  # a reader searching while the analyzers change (no database here)
        while not stop.is_set():
            try:
                answered.append(engine.search(query).total)
            except Exception as exc:  # noqa: BLE001 (the assertion below reports it)
                failures.append(exc)

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        GlossaryEntry.objects.create(english="liaison office", french="antenne")
        assert "Kigali liaison office opens" in found("antenne")  # the first search applies it
    finally:
        stop.set()
        reader.join()
    assert not failures, failures[:3]
    assert answered and all(total >= 1 for total in answered)
    # The same index, the same documents: no re-index happened.
    assert list(engine.client.indices.get_alias(name=engine.alias).body) == index_before
    assert engine.count() == count_before
    assert {"antenn", "liaison", "offic"} <= set(tokens(engine, "antenne", "body_en", search=True))
    assert engine.apply_glossary() is False
