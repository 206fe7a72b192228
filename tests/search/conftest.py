"""Search test fixtures: the same tests run against both engines, chosen through settings.

The Elasticsearch path runs on a real OpenSearch node (tests/conftest.py ``opensearch_node``).
osmem-server, the in-memory stand-in it used to meet, was dropped: it cannot build the
analyzers' char filters (no look-ahead in its regular expressions), ignores French stop words
and ranks in its own way, so a green run on it proved little. The 8.x client's Elasticsearch
media types are tested at the transport level (test_elastic_client.py)."""

from __future__ import annotations

import itertools

import pytest
from django.test import override_settings

from search import indexing
from search.engines import get_engine, reset_engine

_names = itertools.count()


@pytest.fixture(params=["embedded", "opensearch"])
def engine_name(request):
    return request.param


@pytest.fixture
def search_settings(engine_name, tmp_path, request):
    """Settings that select one engine, on an index of its own."""
    if engine_name == "embedded":
        return {"SEARCH_URL": None, "SEARCH_EMBEDDED_PATH": str(tmp_path / "search")}
    node = request.getfixturevalue("opensearch_node")
    return {"SEARCH_URL": node.url, "SEARCH_INDEX_NAME": f"liaison-test-{next(_names)}", "SEARCH_FLAVOUR": "auto"}


@pytest.fixture
def engine(search_settings, db):
    with override_settings(**search_settings):
        reset_engine()
        yield get_engine()
    reset_engine()


@pytest.fixture
def indexed(engine):
    """The demo content, indexed from the database into the engine under test."""
    count = indexing.rebuild()
    assert count == engine.count() > 40
    return engine
