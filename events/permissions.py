from __future__ import annotations

RUN_EVENTS = "events.run_events"


def is_event_manager(user) -> bool:
    """Who runs registrations, check-in, exports and statistics: holders of ``events.run_events``
    (the Event managers group, and superusers), asked through Django's permissions like the
    admin's own checks. A staff account without its second factor holds no permission at all
    (``User.has_perm``)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(RUN_EVENTS)


def email_verified(user) -> bool:
    from portal.accounts.lookups import email_verified as verified

    return verified(user)
