"""A three-node OpenSearch cluster loses a node while readers search and editors publish.

3 shards with 1 replica each, spread over 3 nodes; the portal is given all three addresses.
The first node's JVM is killed (SIGKILL: no goodbye to the cluster). Searches keep answering
from the replicas; index updates made meanwhile apply, or wait in the pending queue and are
replayed; the node comes back and the cluster returns to green.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import override_settings

from search import indexing
from search.engines import get_engine, reset_engine
from search.models import PendingIndexUpdate
from search.query import SearchQuery
from search.service import search_run
from tests.factories import news_page

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def three_nodes(tmp_path_factory, opensearch_node):  # opensearch_node: Java and the jars are there
    from scripts.opensearch_cluster import Cluster

    cluster = Cluster(home=tmp_path_factory.mktemp("three-nodes"), nodes=3, name="liaison-node-loss")
    cluster.start(progress=lambda message: None)
    yield cluster
    cluster.stop()


def titles(q: str) -> list[str]:
    outcome = search_run(user=AnonymousUser(), params=QueryDict(f"q={q}"), language="en")
    return [hit["title"] for hit in outcome.hits]


def test_losing_a_node_loses_no_search_and_no_update(three_nodes, django_capture_on_commit_callbacks):
    cluster = three_nodes
    urls = ",".join(cluster.urls)
    with override_settings(
        SEARCH_URL=urls, SEARCH_INDEX_NAME="node-loss", SEARCH_SHARDS=3, SEARCH_REPLICAS=1, SEARCH_TIMEOUT=3
    ):
        reset_engine()
        engine = get_engine()
        indexed = indexing.rebuild()
        cluster.wait_for("green", progress=lambda message: None)
        (index,) = engine.client.indices.get_alias(name=engine.alias).body
        shards = engine.client.cat.shards(index=index, format="json").body
        assert len(shards) == 6 and len({s["node"] for s in shards}) == 3  # every node holds copies

        query = SearchQuery(text="", language="en", audiences=["public"], limit=1)
        expected = engine.search(query).total
        answers, failures, stop = [], [], threading.Event()

        def keep_searching():  # a reader's searches, all through the outage (no database here)
            while not stop.is_set():
                try:
                    answers.append(engine.search(query).total)
                except Exception as exc:  # noqa: BLE001 (asserted below)
                    failures.append(repr(exc))
                time.sleep(0.02)

        reader = threading.Thread(target=keep_searching)
        reader.start()
        try:
            time.sleep(0.5)
            lost = cluster.members[0]  # the first address the portal was given
            cluster.stop_node(lost, kill=True)
            at_loss = len(answers)
            with django_capture_on_commit_callbacks(execute=True):
                published = [news_page(title=f"Harbourgate night patrol {n}") for n in range(4)]
            cluster.wait_for("yellow", nodes=2, progress=lambda message: None)
            searched_during = len(answers)
            time.sleep(1.0)
        finally:
            stop.set()
            reader.join()
        assert not failures, failures[:3]
        assert at_loss > 0 and len(answers) > searched_during > at_loss  # answered before, during, after
        # Never a document missing, from the first search to the last (the published ones join).
        assert set(answers) <= {expected + n for n in range(len(published) + 1)}, sorted(set(answers))

        # What could not be applied while the shards moved waits in the queue; replay applies it.
        indexing.index_pending()
        assert PendingIndexUpdate.objects.count() == 0
        assert sorted(titles("Harbourgate")) == sorted(page.title for page in published)
        assert engine.count() == indexed + len(published)

        cluster.start_node(lost)
        health = cluster.wait_for("green", nodes=3, progress=lambda message: None)
        assert health["number_of_nodes"] == 3 and health["unassigned_shards"] == 0
        assert engine.count() == indexed + len(published)
    reset_engine()
