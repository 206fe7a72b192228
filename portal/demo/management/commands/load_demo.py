"""Build the bilingual demo content and demo accounts. Safe to run again.

Pages that already exist are left untouched (staff edits survive); pass ``--refresh`` to
rewrite the demo pages from the texts in ``portal/demo/content``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import builder
from portal.demo.content.conferences import CONCLUSION_INDEX, CONFERENCE_INDEX
from portal.demo.content.initiatives import INITIATIVE_INDEX
from portal.demo.content.knowledge import COMPENDIUM_INDEX, TOOLKIT_INDEX
from portal.demo.content.news import HOME, NEWS_INDEX
from portal.demo.content.practices import BEST_PRACTICE_INDEX
from portal.demo.content.taxonomy import REGIONS, THEMES
from portal.demo.users import DEMO_PASSWORD, DEMO_USERS, ensure_demo_user
from portal.taxonomy.models import Region, Theme

SECTIONS = [
    CONFERENCE_INDEX,
    CONCLUSION_INDEX,
    TOOLKIT_INDEX,
    COMPENDIUM_INDEX,
    BEST_PRACTICE_INDEX,
    INITIATIVE_INDEX,
    NEWS_INDEX,
]


def _app_builders():
    """Demo builders of other apps: a ``demo_content`` module with ``BUILDERS = [(label, build)]``.

    Found by name so that portal never imports the apps that build on it.
    """
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{config.name}.demo_content"
        if find_spec(name) is not None:
            yield from import_module(name).BUILDERS


class Command(BaseCommand):
    help = "Create the bilingual demo content (pages, themes, regions) and one demo account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Rewrite existing demo pages from the demo texts.",
        )
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo accounts.")
        parser.add_argument(
            "--quiet-users",
            action="store_true",
            help="Create accounts but do not print credentials.",
        )

    @transaction.atomic
    def handle(self, *args, refresh=False, no_users=False, quiet_users=False, verbosity=1, **options):
        report = builder.BuildReport()
        steps = [("themes and regions", None), ("home page", HOME)] + [(spec.slug, spec) for spec in SECTIONS]
        home = None
        for number, (label, spec) in enumerate(steps, start=1):
            if verbosity:
                self.stdout.write(f"[{number}/{len(steps)}] {label}…")
            if spec is None:
                builder.upsert_terms(Theme, THEMES)
                builder.upsert_terms(Region, REGIONS)
            elif spec is HOME:
                home = builder.ensure_home(spec=HOME, report=report, refresh=refresh)
            else:
                builder.upsert_page(parent_en=home, spec=spec, report=report, refresh=refresh)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content: {len(report.created)} pages created, {len(report.updated)} refreshed, "
                    f"{len(report.unchanged)} already present (each with its French translation where one exists)."
                )
            )
        if no_users:
            return
        credentials = [ensure_demo_user(spec) for spec in DEMO_USERS]
        for label, build in _app_builders():
            if verbosity:
                self.stdout.write(f"[+] {label}…")
            summary = build(refresh=refresh)
            if verbosity and summary:
                self.stdout.write(f"    {summary}")
        if verbosity and not quiet_users:
            self._print_accounts(credentials)

    def _print_accounts(self, credentials):
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for cred in credentials:
            line = f"  {cred.user.role:<16} {cred.user.email}"
            if cred.totp_secret:
                line += f"  — TOTP secret {cred.totp_secret}, recovery code {cred.recovery_code}"
            self.stdout.write(line)
        self.stdout.write(
            "  Staff accounts need a second factor: add the TOTP secret to an authenticator app, "
            "or use the recovery code once."
        )
