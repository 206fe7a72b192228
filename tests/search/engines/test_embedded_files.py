"""The embedded index's files are checked by their footers before tantivy maps them."""

from __future__ import annotations

import pytest

from search.documents import SearchDocument
from search.engines.embedded import EmbeddedEngine
from search.engines.embedded_files import FileCheck, check_file, segment_files
from search.query import IndexDamaged, IndexMissing, SearchQuery
from search.registry import link_translations


@pytest.fixture
def built(tmp_path):
    engine = EmbeddedEngine(tmp_path / "search")
    docs = link_translations(
        [
            SearchDocument(
                id=f"n:{n}",
                type="news",
                language="en",
                group=f"n:{n}",
                unit=str(n),
                title=f"Bulletin {n}",
                url=f"/en/{n}/",
                audience="public",
                body="liaison " * 50,
            )
            for n in range(30)
        ]
    )
    engine.rebuild(docs)
    folder = engine._current_dir()
    return engine, folder


def test_every_file_of_a_sound_index_passes(built):
    _engine, folder = built
    files = segment_files(folder)
    assert files and {path.suffix for path in files} >= {".idx", ".store", ".term"}
    for path in files:
        check_file(path)


def test_truncation_and_corruption_are_named(built):
    _engine, folder = built
    store = next(path for path in segment_files(folder) if path.suffix == ".store")
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexDamaged, match="truncated or corrupt"):
        check_file(store)
    store.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    with pytest.raises(IndexDamaged, match="checksum mismatch"):
        check_file(store)


def test_the_engine_refuses_a_damaged_or_missing_index(built):
    engine, folder = built
    query = SearchQuery(text="liaison", language="en", audiences=["public"])
    assert engine.search(query).total == 30
    checks = FileCheck()
    checks.verify(folder, engine._meta_stamp(folder))
    term = next(path for path in segment_files(folder) if path.suffix == ".term")
    term.write_bytes(term.read_bytes()[:-20])
    with pytest.raises(IndexDamaged):
        engine.search(query)
    with pytest.raises(IndexDamaged):
        checks.verify(folder, engine._meta_stamp(folder))  # a changed file is checked again
    (engine.path / "current").unlink()
    with pytest.raises(IndexMissing, match="search_index --rebuild"):
        engine.count()
