"""Email a reminder to every approved delegate of a conference week (once each), and send
any notification that is still waiting (e.g. after a mail-server outage).

    manage.py send_event_reminders WEEK_SLUG
    manage.py send_event_reminders --pending-only
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from events.models import ConferenceWeek
from events.notifications import notifications_send_pending
from events.services.registrations import reminders_queue


class Command(BaseCommand):
    help = "Queue reminders for a conference week and send every waiting notification."

    def add_arguments(self, parser):
        parser.add_argument("week", nargs="?", help="The conference week's slug.")
        parser.add_argument(
            "--pending-only", action="store_true", help="Only send the emails already waiting, failed ones included."
        )

    def handle(self, *args, week=None, pending_only=False, **options):
        if not pending_only:
            if not week:
                raise CommandError("Give a conference week's slug, or --pending-only.")
            found = ConferenceWeek.objects.filter(slug=week).first()
            if found is None:
                raise CommandError(f"No conference week with the slug “{week}”.")
            self.stdout.write(f"Queued {reminders_queue(week=found)} reminders.")
        # The operator's run also retries mail that was given up on or is waiting out a backoff.
        sent, failed = notifications_send_pending(limit=10_000, include_failed=True)
        self.stdout.write(f"Sent {sent} emails; {failed} failed and will be retried.")
