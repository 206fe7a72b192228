"""Build or update the search index.

manage.py search_index --rebuild    build a fresh index from the database, then switch to it
manage.py search_index --replay     apply index updates that waited while the engine was down
manage.py search_index              show the engine, document count and waiting updates
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engines import get_engine
from search.models import PendingIndexUpdate
from search.query import EngineUnavailable


class Command(BaseCommand):
    help = "Rebuild the search index (with no downtime), replay waiting updates, or show its state."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Build a new index from the database and swap it in."
        )
        parser.add_argument("--replay", action="store_true", help="Apply index updates that are waiting.")

    def handle(self, *args, rebuild=False, replay=False, verbosity=1, **options):
        engine = get_engine()
        try:
            if rebuild:
                self._rebuild(verbosity)
            if replay:
                applied, waiting = indexing.index_pending()
                self.stdout.write(f"Applied {applied} waiting updates; {waiting} still waiting.")
            count = engine.count()
        except EngineUnavailable as exc:
            raise CommandError(f"The search engine ({engine.name}) is unavailable: {exc}") from exc
        self.stdout.write(
            f"Engine: {engine.name} · documents: {count} · waiting updates: {PendingIndexUpdate.objects.count()}"
        )

    def _rebuild(self, verbosity):
        started = time.monotonic()
        interactive = sys.stdout.isatty()
        last_reported = [-1]

        def progress(done, total):
            if not verbosity:
                return
            total = max(total, done, 1)
            percent = int(done * 100 / total)
            if interactive:
                bar = "#" * (percent // 4)
                self.stdout.write(f"\rIndexing {done:>7,}/{total:,} [{bar:<25}] {percent:3d}%", ending="")
                self.stdout.flush()
            elif percent // 10 != last_reported[0]:
                last_reported[0] = percent // 10
                self.stdout.write(f"Indexing {done:,}/{total:,} ({percent}%)")

        count = indexing.rebuild(progress=progress)
        if interactive and verbosity:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Rebuilt the index: {count:,} documents in {time.monotonic() - started:.1f} s.")
        )
