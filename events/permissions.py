from __future__ import annotations

from portal.audiences import GROUP_EVENT_MANAGERS


def is_event_manager(user) -> bool:
    """Event managers run registrations, check-in, exports and statistics."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=GROUP_EVENT_MANAGERS).exists()


def email_verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()
