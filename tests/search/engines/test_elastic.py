"""The Elasticsearch/OpenSearch engine on a real node: the index takes its shape from the
settings, a batch costs one refresh, and a rebuild streams with flat memory."""

from __future__ import annotations

import datetime
import itertools
import tracemalloc

import pytest
from django.test import override_settings

from search.documents import SearchDocument
from search.engines import get_engine, reset_engine
from search.query import SearchQuery
from search.registry import link_translations

pytestmark = pytest.mark.django_db
_names = itertools.count()


@pytest.fixture
def node_settings(opensearch_node):
    def make(**extra):
        return override_settings(
            SEARCH_URL=opensearch_node.url, SEARCH_INDEX_NAME=f"engine-{next(_names)}", SEARCH_FLAVOUR="auto", **extra
        )

    return make


def documents(count: int, start: int = 0, words: int = 150):
    """Synthetic documents, made one at a time (nothing kept by the generator)."""
    for n in range(start, start + count):
        yield from link_translations([_document(n, words)])


def _document(n: int, words: int) -> SearchDocument:
    return SearchDocument(
        id=f"synthetic:{n}",
        type="news",
        language="en",
        group=f"synthetic:{n}",
        unit=str(n),
        title=f"Regional liaison bulletin number {n}",
        url=f"/en/news/bulletin-{n}/",
        audience="public",
        summary="Cooperation between national central bureaus on cross-border cases.",
        body=" ".join(f"word{(n * 7 + i) % 997}" for i in range(words)),
        date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
    )


def test_shards_replicas_and_refresh_interval_come_from_the_settings(node_settings):
    with node_settings(SEARCH_SHARDS=2, SEARCH_REPLICAS=0, SEARCH_REFRESH_INTERVAL="30s"):
        reset_engine()
        engine = get_engine()
        assert engine.rebuild(documents(20)) == 20
        (index,) = engine.client.indices.get_alias(name=engine.alias).body
        shape = engine.client.indices.get_settings(index=index).body[index]["settings"]["index"]
        assert (shape["number_of_shards"], shape["number_of_replicas"], shape["refresh_interval"]) == ("2", "0", "30s")
        # With a 30 s interval, a batch is still visible at once: its own single refresh.
        refreshes = []
        original = engine.client.indices.refresh
        engine.client.indices.refresh = lambda **kw: refreshes.append(kw) or original(**kw)
        try:
            engine.replace_units(["3", "4"], documents(1, start=3))
        finally:
            engine.client.indices.refresh = original
        assert len(refreshes) == 1
        query = SearchQuery(text="bulletin", language="en", audiences=["public"], limit=50)
        assert engine.search(query).total == 19  # unit 4 lost its document, in the same batch
    reset_engine()


def test_a_rebuild_refreshes_once_whatever_its_size(node_settings):
    with node_settings():
        reset_engine()
        engine = get_engine()
        refreshes = []
        original = engine.client.indices.refresh
        engine.client.indices.refresh = lambda **kw: refreshes.append(kw) or original(**kw)
        try:
            assert engine.rebuild(documents(1_200)) == 1_200  # three bulk requests
        finally:
            engine.client.indices.refresh = original
        assert len(refreshes) == 1 and engine.count() == 1_200
    reset_engine()


def _peak_while_rebuilding(engine, count: int) -> int:
    tracemalloc.start()
    try:
        engine.rebuild(documents(count))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rebuild_memory_does_not_grow_with_the_corpus(node_settings):
    """Four times the documents, about the same peak: the stream holds one bulk chunk, never the
    corpus (50k documents, in bench/search.py, peak at the same figure)."""
    with node_settings():
        reset_engine()
        engine = get_engine()
        engine.count()  # connect first: the client's own setup is not part of the stream
        small = _peak_while_rebuilding(engine, 1_500)
        large = _peak_while_rebuilding(engine, 6_000)
        assert engine.count() == 6_000
        assert large < small * 1.5, (small, large)
    reset_engine()


def test_a_search_caught_by_the_index_closing_waits_and_is_answered():
    """A search running on a shard as the glossary change closes the index fails with a 400
    whose cause is "this Analyzer is closed"; like index_closed_exception, it is waited out."""
    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
    from elasticsearch import BadRequestError

    from search.engines.elastic import ElasticEngine
    from search.engines.elastic_client import ClusterSettings

    meta = ApiResponseMeta(400, "1.1", HttpHeaders(), 0.0, NodeConfig("http", "127.0.0.1", 9200))
    body = {
        "error": {
            "type": "search_phase_execution_exception",
            "caused_by": {"type": "already_closed_exception", "reason": "this Analyzer is closed"},
        },
        "status": 400,
    }
    attempts = []

    def search():
        attempts.append(1)
        if len(attempts) < 3:
            raise BadRequestError("search_phase_execution_exception", meta, body)
        return {"hits": []}

    engine = ElasticEngine(ClusterSettings(url="http://127.0.0.1:9200"))
    assert engine._call(search) == {"hits": []} and len(attempts) == 3

    def bad_query():
        raise BadRequestError("parsing_exception", meta, {"error": {"type": "parsing_exception"}, "status": 400})

    with pytest.raises(BadRequestError):  # any other 400 is the caller's mistake: not retried
        engine._call(bad_query)
