"""Apply the retention rules to delegates' personal data (run it daily, e.g. from cron).

manage.py purge_personal_data [--dry-run]
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from events.services.privacy import retention_apply


class Command(BaseCommand):
    help = (
        "Remove passport details RETENTION_PASSPORT_DAYS after a conference week ends and anonymise "
        "registrations RETENTION_REGISTRATION_DAYS after; delete audit entries older than "
        "RETENTION_AUDIT_DAYS; record what was done in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be removed; change nothing.")

    def handle(self, *args, dry_run, **options):
        def progress(done: int, total: int) -> None:
            if done % 100 == 0 or done == total:
                self.stderr.write(f"\r{done}/{total} registrations", ending="" if done < total else "\n")

        report = retention_apply(dry_run=dry_run, progress=progress)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            f"{verb} passport details from {len(report.passports)} registrations "
            f"(weeks ended more than {report.passport_days} days ago)."
        )
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {len(report.registrations)} registrations "
            f"(weeks ended more than {report.registration_days} days ago)."
        )
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {report.invitations} invitations of those weeks.")
        self.stdout.write(f"{verb} {report.audit_entries} audit log entries (older than {report.audit_days} days).")
        self.stdout.write("Dry run: nothing was changed." if dry_run else "Recorded in the audit log.")
