"""Keeping the engine in step with the content: the pending queue, replay and rebuild.

Every change to an indexed thing writes a :class:`PendingIndexUpdate` row for its unit, in
the same transaction. ``index_pending()`` applies the rows to the engine and deletes them;
when the engine is down the rows stay (attempts and error recorded) and are applied by the
next run, so nothing is lost and publishing never waits for the engine.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.task_queue import enqueue_after_commit, enqueue_unless_waiting

from . import registry
from .engines import get_engine
from .models import PendingIndexUpdate
from .query import EngineUnavailable, IndexDamaged, IndexMissing

logger = logging.getLogger("liaison.search")
BATCH = 200
READ = 10_000  # rows one index_pending() call reads


def index_update_enqueue(*, instance) -> list[str]:
    """Record which units ``instance`` affects, and ask a worker to re-index them."""
    source = registry.source_for(instance)
    if source is None:
        return []
    units = source.units_of(instance)
    for unit in units:
        _mark_changed(source.name, unit)
    if units:
        from .tasks import process_pending_index_updates

        enqueue_after_commit(process_pending_index_updates)
    return units


def _mark_changed(source: str, unit: str) -> None:
    """A new generation for the unit's pending row, or a new row. (``get_or_create`` left an
    existing row as it was, so a change made while a worker applied the previous one looked
    applied and was deleted with it.)"""
    changed = {"generation": F("generation") + 1, "changed_at": timezone.now()}
    if PendingIndexUpdate.objects.filter(source=source, unit=unit).update(**changed):
        return
    try:
        with transaction.atomic():
            PendingIndexUpdate.objects.create(source=source, unit=unit)
    except IntegrityError:  # another transaction created it meanwhile: this change is newer
        PendingIndexUpdate.objects.filter(source=source, unit=unit).update(**changed)


def index_pending(*, limit: int | None = None) -> tuple[int, int]:
    """Apply pending updates. Returns (units applied, units still waiting)."""
    engine = get_engine()
    rows = list(PendingIndexUpdate.objects.all()[: limit or READ])
    by_source: dict[str, list[PendingIndexUpdate]] = defaultdict(list)
    for row in rows:
        by_source[row.source].append(row)
    applied = 0
    for name, source_rows in by_source.items():
        source = next((s for s in registry.sources() if s.name == name), None)
        if source is None:  # a source that no longer exists: nothing to index
            PendingIndexUpdate.objects.filter(pk__in=[r.pk for r in source_rows]).delete()
            continue
        for start in range(0, len(source_rows), BATCH):
            chunk = source_rows[start : start + BATCH]
            units = [row.unit for row in chunk]
            try:
                documents = registry.link_translations(list(source.documents(units)))
                engine.replace_units(units, documents)
            except EngineUnavailable as exc:
                _record_failure(chunk, exc)
                if isinstance(exc, (IndexMissing, IndexDamaged)):  # nothing to apply them to
                    queue_rebuild()
                return applied, PendingIndexUpdate.objects.count()
            except Exception as exc:  # the engine answered badly: keep the rows, report
                logger.exception("Index update failed for %s units of %s", len(units), name)
                _record_failure(chunk, exc)
                return applied, PendingIndexUpdate.objects.count()
            # Only delete rows of the generation applied: a change made meanwhile stays queued.
            for row in chunk:
                PendingIndexUpdate.objects.filter(pk=row.pk, generation=row.generation).delete()
            applied += len(chunk)
    return applied, PendingIndexUpdate.objects.count()


def queue_rebuild() -> None:
    from .tasks import rebuild_search_index

    logger.error("Search index missing or damaged: a rebuild is queued")
    enqueue_unless_waiting(rebuild_search_index)


def _record_failure(rows, exc) -> None:
    logger.warning("Search engine unavailable; %s index updates wait for replay: %s", len(rows), exc)
    PendingIndexUpdate.objects.filter(pk__in=[r.pk for r in rows]).update(
        attempts=F("attempts") + 1, last_error=str(exc)[:2000]
    )


def all_documents():
    """Every document of every source, with translation groups linked, streamed unit by unit.

    Sources yield each unit's documents together (pages ordered by translation key, events by
    id), so only one unit is held at a time and a rebuild's memory does not grow with the
    corpus (tests/search/test_indexing.py checks every source keeps that promise)."""
    for source in registry.sources():
        buffer: list = []
        for doc in source.documents(None):
            if buffer and doc.unit != buffer[-1].unit:
                yield from registry.link_translations(buffer)
                buffer = []
            buffer.append(doc)
        yield from registry.link_translations(buffer)


def rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Build a fresh index from the database and switch to it; then replay what changed meanwhile."""
    started = timezone.now()
    total = sum(source.count() for source in registry.sources())
    engine = get_engine()
    count = engine.rebuild(all_documents(), progress=(lambda done: progress(done, total)) if progress else None)
    # Updates last changed before the rebuild started are contained in it.
    PendingIndexUpdate.objects.filter(changed_at__lt=started).delete()
    index_pending()
    return count
