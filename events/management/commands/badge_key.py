"""Print a new ed25519 key for BADGE_SIGNING_KEYS (see events/badge_signing.py for rotation)."""

from django.core.management.base import BaseCommand

from events.badge_signing import new_key_spec


class Command(BaseCommand):
    help = "Print a new badge signing key as ID:SEED, to put first in BADGE_SIGNING_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("key_id", help="a short name for the key, e.g. 2027a (letters, digits, dashes)")

    def handle(self, key_id, **options):
        if not key_id.replace("-", "").isalnum():
            self.stderr.write("The key's id takes letters, digits and dashes only.")
            raise SystemExit(2)
        self.stdout.write(new_key_spec(key_id))
