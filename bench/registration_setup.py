"""Prepare the registration benchmark database: one open event and N delegates with live
sessions (so the load goes straight to the registration form), and a second event with N more
delegates for the database-only limit (bench/registration_limit.py): the same capacity and
quota, and a table numbering those delegates for pgbench. Prints a JSON summary."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sys

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session as DbSession  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_countries import countries  # noqa: E402

from events.models import ConferenceWeek, Event  # noqa: E402
from portal.accounts.models import User  # noqa: E402


def main(users_count: int, capacity: int, quota: int, out_path: str) -> None:
    call_command("migrate", verbosity=0)
    now = timezone.now()
    week, event = _week_and_event("bench", capacity, quota, now)
    limit_week, limit_event = _week_and_event("limit", capacity, quota, now)
    codes = [code for code, _name in list(countries)[:120]]
    users = _delegates("bench", users_count, codes)
    _delegates("limit", users_count, codes)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_limit_users (n serial PRIMARY KEY, user_id bigint, country text)")
        cursor.execute(
            "INSERT INTO bench_limit_users (user_id, country) SELECT id, country FROM accounts_user"
            " WHERE email LIKE 'limit%%' ORDER BY id"
        )
        cursor.execute("CREATE SEQUENCE bench_limit_seq")
    store = SessionStore()
    sessions, lines = [], []
    expiry = now + dt.timedelta(days=1)
    for user in users:
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "allauth.account.auth_backends.AuthenticationBackend",  # as a real sign-in
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(DbSession(session_key=key, session_data=store.encode(data), expire_date=expiry))
        lines.append(f"{key} {secrets.token_hex(16)} {user.country}")
    DbSession.objects.bulk_create(sessions, batch_size=1000)
    with open(out_path, "w") as out:
        out.write("\n".join(lines) + "\n")
    print(
        json.dumps(
            {
                "event_id": event.pk,
                "week": week.slug,
                "users": len(users),
                "countries": len(codes),
                "limit_event_id": limit_event.pk,
                "limit_week_id": limit_week.pk,
            }
        )
    )


def _week_and_event(prefix: str, capacity: int, quota: int, now):
    week = ConferenceWeek.objects.create(
        slug=f"{prefix}-week",
        name={"en": "Benchmark week", "fr": "Semaine de test"},
        city={"en": "Lyon"},
        country="FR",
        start_date=now.date() + dt.timedelta(days=90),
        end_date=now.date() + dt.timedelta(days=94),
    )
    event = Event.objects.create(
        week=week,
        slug=f"{prefix}-event",
        name={"en": "Benchmark conference", "fr": "Conférence de test"},
        start_date=week.start_date,
        end_date=week.end_date,
        city={"en": "Lyon"},
        country="FR",
        capacity=capacity,
        country_quota=quota,
        registration_opens=now - dt.timedelta(days=1),
        registration_closes=now + dt.timedelta(days=30),
        audience="public",
    )
    return week, event


def _delegates(prefix: str, count: int, codes: list[str]) -> list:
    users = [
        User(
            email=f"{prefix}{n}@example.test",
            first_name="Bench",
            last_name=f"Delegate {n}",
            country=codes[n % len(codes)],
            organisation=f"NCB {codes[n % len(codes)]}",
            preferred_language="en" if n % 3 else "fr",
            password="!unusable",
        )
        for n in range(count)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.filter(email__startswith=prefix).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=1000
    )
    return users


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
