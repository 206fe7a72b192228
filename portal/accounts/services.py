"""Writes on accounts: profile updates and group (clearance) changes."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from portal.audiences import forget_clearance

from .models import User

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "country",
    "organisation",
    "job_title",
    "preferred_language",
)


@transaction.atomic
def user_update_profile(*, user: User, data: dict) -> User:
    """Update the self-service profile. Only profile fields: never groups or staff flags, and
    not a country fixed by an invitation or a registration (quotas count it)."""
    data = dict(data)
    if user.country_fixed_at and "country" in data and str(data["country"] or "") != str(user.country or ""):
        data.pop("country")
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.save(update_fields=[f for f in PROFILE_FIELDS if f in data] or None)
    _sync_admin_language(user)
    return user


def _sync_admin_language(user: User) -> None:
    """Keep the Wagtail admin in the language the user reads the site in."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != user.preferred_language:
        profile.preferred_language = user.preferred_language
        profile.save(update_fields=["preferred_language"])


@transaction.atomic
def user_grant_groups(*, user: User, group_names: list[str], by: User | None = None) -> User:
    """Add groups to a user (staff action). Unknown group names are an error, not ignored."""
    groups = list(Group.objects.filter(name__in=group_names))
    missing = set(group_names) - {g.name for g in groups}
    if missing:
        raise ValueError(f"Unknown groups: {', '.join(sorted(missing))}")
    user.groups.add(*groups)
    forget_clearance(user)
    return user
