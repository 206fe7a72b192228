"""Search test fixtures: the same tests run against both engines, chosen through settings."""

from __future__ import annotations

import itertools

import pytest
from django.test import override_settings

from search import indexing
from search.engines import get_engine, reset_engine

_names = itertools.count()


@pytest.fixture(params=["embedded", "elasticsearch", "opensearch"])
def engine_name(request):
    return request.param


@pytest.fixture
def search_settings(engine_name, tmp_path, request):
    """Settings that select one engine, on an index of its own."""
    if engine_name == "embedded":
        return {"SEARCH_URL": None, "SEARCH_EMBEDDED_PATH": str(tmp_path / "search")}
    if engine_name == "opensearch":
        node = request.getfixturevalue("opensearch_node")
        return {"SEARCH_URL": node.url, "SEARCH_INDEX_NAME": f"liaison-test-{next(_names)}", "SEARCH_FLAVOUR": "auto"}
    server = request.getfixturevalue("osmem_server")
    return {"SEARCH_URL": server.url, "SEARCH_INDEX_NAME": f"liaison-test-{next(_names)}", "SEARCH_FLAVOUR": "auto"}


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


@pytest.fixture(scope="session")
def osmem_server():
    """osmem-server for the Elasticsearch-path tests (closes its pipes on the way out)."""
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)
    yield server
    server.close()
    if server.process.stdout:
        server.process.stdout.close()
