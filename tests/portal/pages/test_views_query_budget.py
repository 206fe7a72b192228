"""A query budget per page: how many database queries a page view may make, once the shared
cache is warm (menus, restricted sections), anonymously and signed in. A budget is the count
measured when it was set: a page that starts repeating a query, or querying per item, fails."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# path → (anonymous, signed-in delegate) queries, warm cache.
BUDGETS = {
    "/en/": (4, 6),
    "/fr/": (4, 6),
    "/en/conferences/": (6, 7),
    "/fr/conferences/": (6, 7),
    "/en/conferences/singapore-2023/": (3, 4),
    "/en/news/": (6, 7),
    "/en/best-practices/": (8, 9),
    "/fr/recherche/?q=biom%C3%A9trie": (0, 1),  # the search page: the engine, not the database
}


def queries_for(client, path: str) -> tuple[int, list[str]]:
    import time

    from search import service

    assert client.get(path).status_code == 200  # warms the cache
    # The search page asks for queued index updates once every 30 s per process: a view that
    # falls on that moment makes one query more, which is not what this budget measures.
    service._last_replay_check[0] = time.monotonic()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("path", list(BUDGETS))
@pytest.mark.parametrize("reader", ["anonymous", "delegate"])
def test_each_page_keeps_to_its_query_budget(client, path, reader):
    if reader == "delegate":
        client.force_login(UserFactory(role="delegate"))
    budget = BUDGETS[path][reader == "delegate"]
    count, sqls = queries_for(client, path)
    repeated = {sql for sql in sqls if sqls.count(sql) > 1}
    assert not repeated, f"{path} repeats queries: {sorted(repeated)}"
    assert count <= budget, f"{path} as {reader}: {count} queries (budget {budget}):\n" + "\n".join(sqls)
