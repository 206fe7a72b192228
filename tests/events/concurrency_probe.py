"""Fire concurrent registrations at one event on the configured database; print the outcome as JSON.

Run in its own process (DATABASE_URL selects PostgreSQL) by tests/events/services/test_registrations_postgres.py.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import Counter

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402

from events.models import HOLDING, Attendance, Registration, SeatCount, Status  # noqa: E402
from events.services.registrations import (  # noqa: E402
    RegistrationError,
    attendance_set_status,
    registration_submit,
)
from tests.events import factories as f  # noqa: E402

CAPACITY, QUOTA = 20, 3
COUNTRIES = ["FR", "SN", "BR", "JP", "KE", "DE", "CA", "IN", "MA", "AU", "CL", "NG"]
PER_COUNTRY = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def main() -> None:
    call_command("migrate", verbosity=0)
    event = f.event(capacity=CAPACITY, country_quota=QUOTA)
    users = [f.delegate(country=c) for c in COUNTRIES for _ in range(PER_COUNTRY)]
    twins = users[:10]  # these ten click "send" twice at the same moment
    submissions = users + twins
    barrier = threading.Barrier(len(submissions))
    errors: list[str] = []
    refused_twins: list[str] = []

    def register(user):
        close_old_connections()
        try:
            barrier.wait(timeout=60)
            registration_submit(user=user, week=event.week, events=[event], data=f.registration_data(user))
        except RegistrationError as exc:
            refused_twins.append(str(exc))
        except Exception as exc:  # a lost submission is exactly what this probe looks for
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in submissions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    holding = Attendance.objects.filter(event=event, status__in=HOLDING)
    by_country = Counter(holding.values_list("country", flat=True))
    counted = SeatCount.objects.get(event=event)
    outcome = {
        "vendor": connection.vendor,
        "submitted": len(users),
        "registrations": Registration.objects.filter(week=event.week).count(),
        "attendances": Attendance.objects.filter(event=event).count(),
        "holding": holding.count(),
        "waitlisted": Attendance.objects.filter(event=event, status=Status.WAITLISTED).count(),
        "max_per_country": max(by_country.values(), default=0),
        "capacity": CAPACITY,
        "quota": QUOTA,
        "refused_twins": len(refused_twins),
        "refusal_messages": sorted(set(refused_twins)),
        # The held-seat counters against the attendances they are kept from.
        "counters": {"held": counted.held, "by_country": counted.by_country},
        "rows": {"held": holding.count(), "by_country": dict(by_country)},
    }

    # Second wave: five delegates cancel their seats (freeing them for the waiting list) while
    # ten newcomers register, all at once.
    cancelling = list(holding.order_by("id")[:5])
    newcomers = [f.delegate(country=c) for c in ["PE", "PE", "NZ", "NZ", "IT", "IT", "EG", "EG", "FR", "SN"]]
    wave_barrier = threading.Barrier(len(cancelling) + len(newcomers))

    def cancel(attendance):
        close_old_connections()
        try:
            wave_barrier.wait(timeout=60)
            attendance_set_status(attendance=attendance, status=Status.CANCELLED, by=None, note="probe")
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    def newcomer(user):
        close_old_connections()
        try:
            wave_barrier.wait(timeout=60)
            registration_submit(user=user, week=event.week, events=[event], data=f.registration_data(user))
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    wave = [threading.Thread(target=cancel, args=(a,)) for a in cancelling]
    wave += [threading.Thread(target=newcomer, args=(user,)) for user in newcomers]
    for thread in wave:
        thread.start()
    for thread in wave:
        thread.join()
    counted = SeatCount.objects.get(event=event)
    outcome["after_second_wave"] = {
        "counters": {"held": counted.held, "by_country": counted.by_country},
        "rows": {"held": holding.count(), "by_country": dict(Counter(holding.values_list("country", flat=True)))},
        "cancelled": Attendance.objects.filter(event=event, status=Status.CANCELLED).count(),
        "registrations": Registration.objects.filter(week=event.week).count(),
    }
    outcome["errors"] = errors
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
