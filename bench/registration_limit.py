"""The database's own limit for the registration transaction, with no web layer.

    python bench/registration_limit.py CLIENTS TRANSACTIONS LIMIT_EVENT_ID LIMIT_WEEK_ID

Run by bench/registration.py on the same PostgreSQL server, in the same run as the web load.
pgbench (PostgreSQL's own load generator, C, so the client costs little CPU) drives the statements
a registration's transaction sends, in the same order: ``SET LOCAL lock_timeout``, the
registration row, the profile's fixed country, the confirmation email, then the seat statement
itself — the very SQL of ``events.services.seats`` (imported, not copied), with pgbench variables
for its parameters. Each delegate registers once, from a numbered table the setup filled. Its confirmation row is
written already marked sent: the same insert, but the web side's mail worker must not spend the
run sending the limit's emails.
Prints one JSON line: transactions, seconds, rate, p50/p95/p99 latency.
"""

from __future__ import annotations

import glob
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402

from events.models import Notification, Registration  # noqa: E402
from events.services import seats  # noqa: E402
from portal.accounts.models import User  # noqa: E402
from tests.pgserver import binaries  # noqa: E402

PARAMETERS = {
    "event": ":eid::bigint",
    "country": ":country::text",
    "registration": ":rid::bigint",
    "seated": "'pending'",
    "waitlisted": "'waitlisted'",
    "by": ":uid::bigint",
    "now": "now()",
}


def script(event_id: int, week_id: int) -> str:
    place = seats._PLACE_SQL.format(**seats._tables()) % PARAMETERS
    registration, user, notification = (
        Registration._meta.db_table,
        User._meta.db_table,
        Notification._meta.db_table,
    )
    # Table names from the models, numbers from the setup: no outside text reaches this script.
    return f"""\\set eid {event_id}
\\set wid {week_id}
SELECT u.user_id AS uid, u.country AS country FROM bench_limit_users u,
    (SELECT nextval('bench_limit_seq') AS v) s WHERE u.n = s.v \\gset
BEGIN;
SET LOCAL lock_timeout = {int(settings.REGISTRATION_LOCK_TIMEOUT_MS)};
INSERT INTO {registration} (user_id, week_id, role, country, bureau, arrival_date, departure_date, dietary_needs,
    accessibility_needs, needs_visa_letter, passport_name, passport_number, passport_nationality, consent_at,
    checkin_code, created_at, updated_at)
    VALUES (:uid::bigint, :wid::bigint, 'delegate', :country::text, 'NCB', current_date + 89, current_date + 94, '', '',
    false, '', '', '', now(), upper(substr(md5(random()::text), 1, 10)), now(), now()) RETURNING id AS rid \\gset
UPDATE {user} SET country = :country::text, country_fixed_at = now() WHERE id = :uid::bigint;
INSERT INTO {notification} (kind, registration_id, site_url, created_at, sent_at, attempts, last_error)
    VALUES ('submitted', :rid::bigint, 'http://127.0.0.1', now(), now(), 0, '');
{" ".join(line.strip() for line in place.strip().splitlines())};
COMMIT;
"""  # noqa: S608


def main(clients: int, transactions: int, event_id: int, week_id: int) -> None:
    bindir = binaries()
    url = settings.DATABASES["default"]
    conninfo = f"postgresql://{url['USER']}@{url['HOST']}:{url['PORT']}/{url['NAME']}"
    per_client = transactions // clients
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.sql"
        path.write_text(script(event_id, week_id))
        started = time.monotonic()
        run = subprocess.run(
            [str(bindir / "pgbench"), "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-t", str(per_client)]
            + ["-f", str(path), "-l", "--log-prefix", str(Path(folder) / "tx"), conninfo],
            capture_output=True,
            text=True,
            cwd=folder,
        )
        seconds = time.monotonic() - started
        if run.returncode:
            raise SystemExit(f"pgbench failed: {run.stderr[-2000:]}{run.stdout[-2000:]}")
        latencies = sorted(
            int(line.split()[2]) / 1000
            for name in glob.glob(str(Path(folder) / "tx*"))
            for line in open(name)  # noqa: SIM115
            if line.strip()
        )
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", run.stdout)
    done = len(latencies)

    def pct(p: float) -> float:
        return round(latencies[min(done - 1, int(p / 100 * done))], 2) if done else 0.0

    print(
        json.dumps(
            {
                "tool": "pgbench -M prepared",
                "clients": clients,
                "transactions": done,
                "seconds": round(seconds, 2),
                "per_minute": round(done / seconds * 60),
                "pgbench_tps_without_connecting": float(tps.group(1)) if tps else None,
                "p50_ms": pct(50),
                "p95_ms": pct(95),
                "p99_ms": pct(99),
                "max_ms": round(latencies[-1], 2) if done else 0.0,
            }
        )
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:5]))
