"""Seat approved delegates at their region's roundtables (stable: re-running only seats newcomers).

manage.py assign_roundtables EVENT_SLUG [--dry-run]
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from events.models import Event, Roundtable
from events.services.roundtables import roundtables_assign


class Command(BaseCommand):
    help = "Assign approved delegates of an event to regional roundtables, keeping manual placements."

    def add_arguments(self, parser):
        parser.add_argument("event", help="The event's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change without saving.")

    def handle(self, *args, event, dry_run=False, **options):
        found = Event.objects.filter(slug=event).first()
        if found is None:
            slugs = ", ".join(Event.objects.values_list("slug", flat=True)[:20]) or "none yet"
            raise CommandError(f"No event with the slug “{event}”. Known events: {slugs}.")
        report = roundtables_assign(event=found, dry_run=dry_run)
        prefix = "Would have" if dry_run else "Done:"
        self.stdout.write(f"{prefix} kept {report.kept}, placed {report.placed}, removed {report.removed} placements.")
        for table in Roundtable.objects.filter(event=found).select_related("region").order_by("id"):
            taken = report.tables.get(table.id, 0)
            self.stdout.write(f"  {table.region.slug:<26} {table.language}  {taken:>3}/{table.capacity}  {table.topic}")
        if report.unplaced:
            self.stdout.write(self.style.WARNING(f"{len(report.unplaced)} delegates could not be seated:"))
            for delegate, reason in report.unplaced[:50]:
                self.stdout.write(f"  {delegate}: {reason}")
