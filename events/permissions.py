from __future__ import annotations

from portal.audiences import GROUP_EVENT_MANAGERS, staff_withheld


def is_event_manager(user) -> bool:
    """Event managers run registrations, check-in, exports and statistics."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or staff_withheld(user):
        return False  # withheld: a staff account that has not passed its second factor
    return user.is_superuser or user.groups.filter(name=GROUP_EVENT_MANAGERS).exists()


def email_verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()
