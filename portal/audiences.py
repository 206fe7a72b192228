"""Audiences: who may see what. The one rule every surface goes through.

Content and event items carry an audience, ordered ``public < delegates < law_enforcement <
staff``. A user's clearance is the highest audience whose Django permission they hold
(``accounts.see_delegates_material`` and its two siblings, granted to groups by migration
``accounts.0005`` and on the admin's group screen; anonymous visitors and new accounts are
``public``). An item is visible when its audience is at or below the
user's clearance. Page serving, menus, listings, search, PDFs, feeds and the API all call
:func:`can_view` or filter with :func:`visible_audiences`; nothing else decides.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Audience(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("audience", "Everyone")
    DELEGATES = "delegates", pgettext_lazy("audience", "Delegates")
    LAW_ENFORCEMENT = "law_enforcement", pgettext_lazy("audience", "Law enforcement")
    STAFF = "staff", pgettext_lazy("audience", "Staff")

    @property
    def rank(self) -> int:
        return AUDIENCE_ORDER.index(self.value)


AUDIENCE_ORDER: tuple[str, ...] = tuple(a.value for a in Audience)

AUDIENCE_EXPLANATIONS = {
    Audience.PUBLIC: _("open to everyone"),
    Audience.DELEGATES: _("reserved for registered conference delegates"),
    Audience.LAW_ENFORCEMENT: _("reserved for verified law-enforcement officers"),
    Audience.STAFF: _("reserved for secretariat staff"),
}

# Group names are part of the data model (created by a migration); import them from here.
GROUP_DELEGATES = "Delegates"
GROUP_LAW_ENFORCEMENT = "Law enforcement"
GROUP_EDITORS = "Editors"
GROUP_MODERATORS = "Moderators"
GROUP_EVENT_MANAGERS = "Event managers"
GROUP_STAFF_MANAGERS = "Staff managers"  # read the audit log

STAFF_GROUPS = (GROUP_EDITORS, GROUP_MODERATORS, GROUP_EVENT_MANAGERS, GROUP_STAFF_MANAGERS)
# Clearance is asked of Django's permissions, like every other right (events.run_events,
# the admin's model permissions): one authorization layer, edited on the admin's group screen.
CLEARANCE_PERMISSIONS = {
    Audience.DELEGATES: "accounts.see_delegates_material",
    Audience.LAW_ENFORCEMENT: "accounts.see_law_enforcement_material",
    Audience.STAFF: "accounts.see_staff_material",
}

_CACHE_ATTR = "_liaison_clearance"
_WITHHELD_ATTR = "_liaison_staff_withheld"


def rank(audience: str) -> int:
    """Position of an audience in the order; unknown values count as the most restricted."""
    try:
        return AUDIENCE_ORDER.index(audience)
    except ValueError:
        return len(AUDIENCE_ORDER)


def highest(audiences: Iterable[str]) -> str:
    """The most restricted of several audiences (e.g. a page and its ancestors)."""
    values = [a for a in audiences if a]
    if not values:
        return Audience.PUBLIC
    return max(values, key=rank)


def clearance_for(user) -> str:
    """The highest audience this user may see. Cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Audience.PUBLIC
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    withheld = staff_withheld(user)
    held = _granted_permissions(user, withheld)
    level = highest(
        audience
        for audience, permission in CLEARANCE_PERMISSIONS.items()
        if permission in held and not (withheld and audience == Audience.STAFF)
    )
    level = Audience(level)
    setattr(user, _CACHE_ATTR, level)
    return level


def _granted_permissions(user, withheld: bool) -> set[str]:
    """The permissions ``user`` holds, as ``app.codename``. Asked of the authentication backends
    (which cache them on the user) — except for a superuser without the second factor, whose
    blanket "every permission" would otherwise survive: only what their groups and own grants
    give then counts."""
    if not (withheld and user.is_superuser):
        return user.get_all_permissions()
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    rows = (
        Permission.objects.filter(Q(group__user=user) | Q(user=user))
        .values_list("content_type__app_label", "codename")
        .distinct()
    )
    return {f"{app}.{codename}" for app, codename in rows}


def withhold_staff(user) -> None:
    """For this request, ``user`` has no staff rights: a staff account that has not passed its
    second factor in this session (``portal.accounts.second_factor``) is seen as the delegate,
    officer or member of the public it also is, on every surface that asks this module."""
    setattr(user, _WITHHELD_ATTR, True)
    forget_clearance(user)


def staff_withheld(user) -> bool:
    return bool(getattr(user, _WITHHELD_ATTR, False))


def forget_clearance(user) -> None:
    """Drop the cached clearance after group changes."""
    if user is None:
        return
    # Django's ModelBackend caches the permissions clearance is read from, under these names.
    for attr in (_CACHE_ATTR, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def visible_audiences(user) -> list[str]:
    """Audiences a user may see, for filtering querysets and search queries."""
    limit = rank(clearance_for(user))
    return list(AUDIENCE_ORDER[: limit + 1])


def can_view(user, audience: str | None) -> bool:
    """Whether ``user`` may see an item with the given audience. The single rule."""
    return rank(audience or Audience.PUBLIC) <= rank(clearance_for(user))
