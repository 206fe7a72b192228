"""The search engine stops in the middle of a run and comes back: nothing is lost.

The real OpenSearch node's JVM is frozen with SIGSTOP — it keeps its port but answers nothing,
the way a hung or overloaded cluster behaves — while editors publish, edit and unpublish; then
it is resumed with SIGCONT and the queued updates are replayed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import override_settings

from search import indexing, service
from search.engines import reset_engine
from search.models import PendingIndexUpdate
from search.service import search_run
from tests.factories import news_page

pytestmark = pytest.mark.django_db


def titles(q: str) -> list[str]:
    outcome = search_run(user=AnonymousUser(), params=QueryDict(f"q={q}"), language="en")
    return [hit["title"] for hit in outcome.hits]


@pytest.fixture
def own_server(opensearch_node):
    """The session's node, resumed whatever the test does (never left frozen for the next)."""
    node = opensearch_node.members[0]
    yield node
    with contextlib.suppress(ProcessLookupError):
        os.kill(node.pid, signal.SIGCONT)


def test_engine_frozen_during_a_run_then_resumed_loses_nothing(own_server, client, django_capture_on_commit_callbacks):
    with override_settings(SEARCH_URL=own_server.url, SEARCH_INDEX_NAME="liaison-fault", SEARCH_TIMEOUT=1):
        reset_engine()
        indexing.rebuild()
        with django_capture_on_commit_callbacks(execute=True):
            doomed = news_page(title="Quillmarsh liaison memo")
        assert titles("Quillmarsh") == ["Quillmarsh liaison memo"]

        os.kill(own_server.pid, signal.SIGSTOP)  # the engine stops answering
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            added = [news_page(title=f"Vorstadt patrol note {n}") for n in range(3)]
            edited = added[0]
            edited.title = "Vorstadt patrol note zero"
            edited.save_revision().publish()
            doomed.unpublish()
        assert all(page.live for page in added)  # editors' work is saved whatever the engine does
        waiting = PendingIndexUpdate.objects.count()
        assert waiting >= 4 and all(p.attempts >= 1 and p.last_error for p in PendingIndexUpdate.objects.all())

        response = client.get("/en/search/?q=Vorstadt")
        assert response.status_code == 503
        assert "temporarily unavailable" in response.text and "momentanément indisponible" in response.text
        assert client.get("/api/v1/search?q=Vorstadt").status_code == 503
        assert client.get(added[1].url).status_code == 200  # pages keep serving
        assert client.get("/en/").status_code == 200
        frozen_for = time.monotonic() - started

        os.kill(own_server.pid, signal.SIGCONT)  # the engine is back; the same process carries on
        service._last_replay_check[0] = 0.0
        titles("Vorstadt")  # the first search after the outage replays the queue…
        assert PendingIndexUpdate.objects.count() == 0
        assert sorted(titles("Vorstadt")) == [
            "Vorstadt patrol note 1",
            "Vorstadt patrol note 2",
            "Vorstadt patrol note zero",
        ]
        assert titles("Quillmarsh") == []  # …including the unpublication
    reset_engine()
    # One request timeout per attempt, not a hang: the whole outage took seconds.
    assert frozen_for < 60
