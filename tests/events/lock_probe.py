"""A stuck transaction holds an event's seat lock (events_seatcount); a delegate registering for it must get a quick
"busy, try again" (503 with Retry-After), and succeed once the lock is gone. Prints JSON.

Run in its own process (DATABASE_URL selects PostgreSQL) by tests/events/services/test_registrations_postgres.py.
"""

from __future__ import annotations

import json
import threading
import time

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from events.models import Attendance, Event  # noqa: E402
from tests.events import factories as f  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    event = f.event(capacity=10)
    user = f.delegate(country="SN")
    data = f.registration_data(user)
    form = {
        "events": [str(event.pk)],
        "role": "delegate",
        "arrival_date": data["arrival_date"].isoformat(),
        "departure_date": data["departure_date"].isoformat(),
        "consent": "on",
    }
    url = f"/en/events/week/{event.week.slug}/register/"
    held, release = threading.Event(), threading.Event()

    def stuck_transaction():  # another connection takes the event's seat-counter lock and sits on it
        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT event_id FROM events_seatcount WHERE event_id = %s FOR UPDATE", [event.pk])
            held.set()
            release.wait(timeout=60)
            cursor.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=stuck_transaction)
    holder.start()
    held.wait(timeout=30)
    client = Client()
    client.force_login(user)
    with override_settings(REGISTRATION_LOCK_TIMEOUT_MS=800, ALLOWED_HOSTS=["testserver"]):
        started = time.monotonic()
        busy = client.post(url, form)
        waited = time.monotonic() - started
        release.set()
        holder.join()
        after = client.post(url, form)
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "busy_status": busy.status_code,
                "retry_after": busy.get("Retry-After"),
                "busy_text": busy.content.decode(),
                "waited": waited,
                "after_status": after.status_code,
                "attendances": Attendance.objects.filter(event=event).count(),
                "event_exists": Event.objects.filter(pk=event.pk).exists(),
            }
        )
    )


if __name__ == "__main__":
    main()
