"""After the load: did anyone get a seat that did not exist, and was any submission lost?

python bench/registration_check.py [event-slug]   (bench-event, or limit-event for the database-only run)
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import django

django.setup()

from django.db.models import Max, Min  # noqa: E402

from events.models import HOLDING, Attendance, Event, Notification, Registration  # noqa: E402

event = Event.objects.get(slug=sys.argv[1] if len(sys.argv) > 1 else "bench-event")
holding = Attendance.objects.filter(event=event, status__in=HOLDING)
by_country = Counter(holding.values_list("country", flat=True))
span = Registration.objects.filter(week=event.week).aggregate(first=Min("created_at"), last=Max("created_at"))
print(
    json.dumps(
        {
            "registrations": Registration.objects.filter(week=event.week).count(),
            "attendances": Attendance.objects.filter(event=event).count(),
            "holding": holding.count(),
            "waitlisted": Attendance.objects.filter(event=event, status="waitlisted").count(),
            "capacity": event.capacity,
            "quota": event.country_quota,
            "over_capacity": max(0, holding.count() - event.capacity),
            "over_quota_countries": sum(1 for n in by_country.values() if n > event.country_quota),
            "emails_queued": Notification.objects.filter(registration__week=event.week).count(),
            "emails_unsent": Notification.objects.filter(registration__week=event.week, sent_at__isnull=True).count(),
            "busy_seconds": (span["last"] - span["first"]).total_seconds() if span["first"] else 0.0,
        }
    )
)
