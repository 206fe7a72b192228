"""The embedded engine's facet cache: counts reused for the same query on the same index
version, counted again after any commit, kept apart per clearance, and off at size 0."""

from __future__ import annotations

import pytest

from search.documents import SearchDocument
from search.engines.embedded import EmbeddedEngine
from search.query import SearchQuery
from search.registry import link_translations


def bulletin(n: int, audience: str = "public", type_: str = "news") -> SearchDocument:
    return SearchDocument(
        id=f"n:{n}",
        type=type_,
        language="en",
        group=f"n:{n}",
        unit=str(n),
        title=f"Harbour bulletin {n}",
        url=f"/en/{n}/",
        audience=audience,
        body="harbour patrol " * 5,
    )


def build(path, size=512):
    engine = EmbeddedEngine(path, facet_cache_size=size)
    engine.rebuild(link_translations([bulletin(n) for n in range(6)] + [bulletin(9, "law_enforcement")]))
    return engine


def counted(engine, monkeypatch) -> list:
    calls = []
    real = engine._facets

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(engine, "_facets", counting)
    return calls


def types(result) -> dict[str, int]:
    return dict(result.facets["type"])


PUBLIC = SearchQuery(text="harbour", language="en", audiences=["public"])
CLEARED = SearchQuery(text="harbour", language="en", audiences=["public", "delegates", "law_enforcement"])


def test_the_same_query_reuses_its_counts_and_pages_too(tmp_path, monkeypatch):
    engine = build(tmp_path / "search")
    calls = counted(engine, monkeypatch)
    first = engine.search(PUBLIC)
    again = engine.search(PUBLIC)
    page_two = engine.search(SearchQuery(text="harbour", language="en", audiences=["public"], offset=5, limit=5))
    assert types(first) == types(again) == types(page_two) == {"news": 6}
    assert len(calls) == 1
    assert [h.id for h in again.hits] == [h.id for h in first.hits]  # the hits are searched each time


def test_a_commit_makes_the_counts_be_counted_again(tmp_path, monkeypatch):
    engine = build(tmp_path / "search")
    calls = counted(engine, monkeypatch)
    assert types(engine.search(PUBLIC)) == {"news": 6}
    engine.replace_units(["7"], link_translations([bulletin(7, type_="best_practice")]))
    assert types(engine.search(PUBLIC)) == {"news": 6, "best_practice": 1}
    engine.replace_units(["7"], [])
    assert types(engine.search(PUBLIC)) == {"news": 6}
    assert len(calls) == 3


def test_another_process_commit_is_seen_too(tmp_path, monkeypatch):
    reader = build(tmp_path / "search")
    assert types(reader.search(PUBLIC)) == {"news": 6}
    writer = EmbeddedEngine(tmp_path / "search")  # another worker, same index
    writer.replace_units(["8"], link_translations([bulletin(8, type_="initiative")]))
    assert types(reader.search(PUBLIC)) == {"news": 6, "initiative": 1}


def test_counts_are_kept_apart_per_clearance(tmp_path):
    engine = build(tmp_path / "search")
    assert types(engine.search(PUBLIC)) == {"news": 6}
    assert types(engine.search(CLEARED)) == {"news": 7}
    assert types(engine.search(PUBLIC)) == {"news": 6}


@pytest.mark.parametrize("filters", [{"type": ["news"]}, {"year": ["2025"]}])
def test_filters_are_part_of_the_key(tmp_path, filters):
    engine = build(tmp_path / "search")
    assert types(engine.search(PUBLIC)) == {"news": 6}
    filtered = engine.search(SearchQuery(text="harbour", language="en", audiences=["public"], filters=filters))
    assert filtered.total == sum(types(filtered).values()) == (6 if "type" in filters else 0)


def test_size_zero_counts_every_time(tmp_path, monkeypatch):
    engine = build(tmp_path / "search", size=0)
    calls = counted(engine, monkeypatch)
    engine.search(PUBLIC)
    engine.search(PUBLIC)
    assert len(calls) == 2
