"""Benchmark: the offline check-in desk's server side on PostgreSQL.

    .venv/bin/python bench/desk.py [--attendees 5000] [--scans 1000] [--rounds 5]

On a throwaway PostgreSQL (tests/pgserver.py, durable commits as in production), an event with
``--attendees`` approved delegates. Measured in the web process's own code path, without HTTP
(the view adds only its JSON response around these):

- the download a desk makes when it goes online: ``desk_download`` and its JSON encoding;
- the sync of ``--scans`` check-ins made offline, sent as the desk sends them (batches of 500,
  ``desk_sync``), each round on a clean slate; then the same scans sent again (a desk whose
  answer was lost), which must record nothing.

Targets (issue 21): download of 5,000 attendees ≤ 2 s, sync of 1,000 check-ins ≤ 2 s (median of
the rounds). Results go to bench/results.json under ``desk``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import save, spread  # noqa: E402
from tests.pgserver import PostgresServer, binaries  # noqa: E402

BATCH = 500  # what events/static/events/desk.js sends in one request


def prepare(attendees: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from events.models import Attendance, ConferenceWeek, Event, Registration, Status
    from events.models.registrations import new_checkin_code

    today = timezone.localdate()
    week = ConferenceWeek.objects.create(
        slug="desk-bench",
        name={"en": "Desk week"},
        start_date=today,
        end_date=today + dt.timedelta(days=3),
        city={"en": "Lyon"},
        country="FR",
        time_zone="UTC",
    )
    event = Event.objects.create(
        week=week,
        slug="desk-bench",
        name={"en": "Desk benchmark meeting"},
        start_date=today,
        end_date=today + dt.timedelta(days=2),
        city={"en": "Lyon"},
        country="FR",
        capacity=attendees,
        registration_opens=timezone.now() - dt.timedelta(days=9),
        registration_closes=timezone.now(),
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"desk{n}@bench.test", first_name=f"Delegate{n}", last_name="Bench", password="!")
        for n in range(attendees)
    )
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        Registration(
            user=user,
            week=week,
            country="FR",
            bureau="NCB",
            arrival_date=today,
            departure_date=today,
            consent_at=now,
            checkin_code=new_checkin_code(),
        )
        for user in users
    )
    Attendance.objects.bulk_create(
        Attendance(registration=r, event=event, country="FR", status=Status.APPROVED) for r in registrations
    )
    manager = User.objects.create(email="manager@bench.test", password="!")
    return event, [r.checkin_code for r in registrations], manager


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attendees", type=int, default=5000)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bindir = binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL is needed: apt-get install postgresql")
    server = PostgresServer(bindir, durable=True)
    os.environ.update(
        DATABASE_URL=server.start(),
        DJANGO_SETTINGS_MODULE="bench.settings",
        LIAISON_VAR_DIR=str(ROOT / "var" / "bench"),
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone

        from events.models import CheckIn
        from events.services.desk import desk_download, desk_sync

        print("Migrating a throwaway PostgreSQL…", flush=True)
        call_command("migrate", verbosity=0)
        print(f"{args.attendees:,} approved delegates…", flush=True)
        event, codes, manager = prepare(args.attendees)

        downloads, size = [], 0
        for n in range(args.rounds):
            started = time.perf_counter()
            body = json.dumps(desk_download(event), separators=(",", ":"))
            downloads.append(round(time.perf_counter() - started, 3))
            size = len(body)
            print(
                f"download {n + 1}: {len(json.loads(body)['attendees']):,} attendees in {downloads[-1]:.3f} s",
                flush=True,
            )

        syncs, replays, recorded = [], [], 0
        for n in range(args.rounds):
            CheckIn.objects.filter(event=event).delete()
            at = timezone.now().isoformat()
            scans = [
                {"id": f"r{n}-{i}", "code": code, "at": at, "session": None}
                for i, code in enumerate(codes[: args.scans])
            ]
            started = time.perf_counter()
            for start in range(0, len(scans), BATCH):
                answers = desk_sync(event=event, by=manager, device="bench", scans=scans[start : start + BATCH])
                json.dumps(answers)
            syncs.append(round(time.perf_counter() - started, 3))
            recorded = CheckIn.objects.filter(event=event).count()
            started = time.perf_counter()
            for start in range(0, len(scans), BATCH):
                desk_sync(event=event, by=manager, device="bench", scans=scans[start : start + BATCH])
            replays.append(round(time.perf_counter() - started, 3))
            again = CheckIn.objects.filter(event=event).count()
            print(
                f"sync {n + 1}: {recorded:,} recorded in {syncs[-1]:.3f} s; "
                f"sent again: {again:,} in {replays[-1]:.3f} s",
                flush=True,
            )
            assert recorded == args.scans and again == args.scans, "a scan was lost or recorded twice"

        data = {
            "database": "PostgreSQL (throwaway, durable commits)",
            "attendees": args.attendees,
            "download_bytes": size,
            "download_seconds": spread(downloads),
            "scans": args.scans,
            "batch": BATCH,
            "sync_seconds": spread(syncs),
            "sync_again_seconds": spread(replays),
            "recorded_once": recorded == args.scans,
            "target_seconds": 2.0,
            "met": statistics.median(downloads) <= 2.0 and statistics.median(syncs) <= 2.0,
        }
        save("desk", data)
        print(
            f"\ndownload of {args.attendees:,}: median {statistics.median(downloads):.3f} s; "
            f"sync of {args.scans:,}: median {statistics.median(syncs):.3f} s (targets ≤ 2 s: "
            f"{'met' if data['met'] else 'NOT met'})"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
