"""Print the badges of an event's approved delegates as A4 sheets of four with crop marks.

manage.py badges EVENT_SLUG --out badges.pdf [--language fr]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.documents.badges import PER_SHEET
from events.documents.data import registrations_for_badges
from events.models import Event
from events.services.documents import badges_for_event
from portal.audit.models import Action
from portal.audit.services import record


class Command(BaseCommand):
    help = "Write the badge sheets (A4, four per page, crop marks, QR codes) of an event's approved delegates."

    def add_arguments(self, parser):
        parser.add_argument("event", help="The event's slug.")
        parser.add_argument("--out", required=True, help="Where to write the PDF (use - for standard output).")
        languages = [code for code, _name in settings.LANGUAGES]
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, choices=languages, help="Badge language.")

    def handle(self, *args, event, out, language, **options):
        found = Event.objects.filter(slug=event).first()
        if found is None:
            slugs = ", ".join(Event.objects.values_list("slug", flat=True)[:20]) or "none yet"
            raise CommandError(f"No event with the slug “{event}”. Known events: {slugs}.")
        total = registrations_for_badges(found).count()
        started = time.monotonic()

        def progress(done: int) -> None:
            if done % 50 == 0 or done == total:
                self.stderr.write(f"\r{done}/{total} badges", ending="")
                self.stderr.flush()

        if out == "-":
            count = badges_for_event(found, sys.stdout.buffer, language=language, progress=progress)
        else:
            path = Path(out)
            if path.parent and not path.parent.exists():
                raise CommandError(f"The folder {path.parent} does not exist.")
            partial = path.with_name(path.name + ".partial")
            try:
                with partial.open("wb") as handle:
                    count = badges_for_event(found, handle, language=language, progress=progress)
                partial.replace(path)  # a failed run never leaves half a PDF under the real name
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise CommandError(f"Could not write {path}: {exc}") from exc
        record(Action.BADGES, obj=found, events=[found.slug], badges=count, via="manage.py badges")
        elapsed = time.monotonic() - started
        pages = -(-count // PER_SHEET) or 1  # an empty run still writes one page saying so
        self.stderr.write("")
        self.stderr.write(
            self.style.SUCCESS(f"{count} badges on {pages} pages in {elapsed:.1f} s")
            + ("" if out == "-" else f" → {out}")
        )
