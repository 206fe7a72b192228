"""What every signed-in request asks about its user, kept in the shared cache between requests.

A registration during a rush asked the database five things before doing any work: the session,
the user, the user's own permissions, their groups' permissions and whether their email address
is verified. The session is cached by Django's ``cached_db`` engine (settings); the user row is
read every time (an account switched off must stop at once). This module keeps the other two:

* **Permissions** (clearance comes from them, ``portal.audiences``): the set of ``app.codename``
  a user holds, read in one query instead of two and cached under a version that every change of
  groups, permissions or memberships replaces (``signals.py``), so all processes drop old sets
  at once. The version is a fresh random token, never a counter: a version key evicted from the
  cache cannot bring back a set cached under an old number.
* **A verified email address**: remembered only once true (a newly confirmed address counts at
  once), forgotten when an address is deleted or unverified.

The cache is the one every process shares (``CACHE_URL``; the default file cache on one
machine), as for the page tree's values (``portal/pages/tree_cache.py``).
"""

from __future__ import annotations

import secrets

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

_VERSION_KEY = "accounts:permissions-version"
_TTL = 600


def _permissions_version() -> str:
    version = cache.get(_VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(_VERSION_KEY, version, None):
            version = cache.get(_VERSION_KEY) or version
    return version


def permissions_changed(**kwargs) -> None:
    """Signal receiver: some user's permissions may have changed; every cached set is stale."""
    cache.set(_VERSION_KEY, secrets.token_hex(8), None)


def _permissions_from_database(user) -> set[str]:
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    rows = (
        Permission.objects.filter(Q(user=user) | Q(group__user=user))
        .values_list("content_type__app_label", "codename")
        .distinct()
    )
    return {f"{app}.{codename}" for app, codename in rows}


class CachedPermissionsBackend(ModelBackend):
    """Django's ``ModelBackend`` (passwords, ``is_active``, superusers hold everything), with a
    user's permissions read in one query and kept in the shared cache between requests."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            key = f"accounts:permissions:{user_obj.pk}:{_permissions_version()}"
            held = cache.get(key)
            if held is None:
                held = _permissions_from_database(user_obj)
                cache.set(key, held, _TTL)
            user_obj._perm_cache = set(held)
        return user_obj._perm_cache


def _verified_key(user_id) -> str:
    return f"accounts:email-verified:{user_id}"


def email_verified(user) -> bool:
    """Whether ``user`` has a verified email address (allauth's), remembered once true."""
    if cache.get(_verified_key(user.pk)):
        return True
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    if verified:
        cache.set(_verified_key(user.pk), True, _TTL)
    return verified


def email_addresses_changed(sender, instance, **kwargs) -> None:
    """Signal receiver (EmailAddress saved or deleted): ask the database next time."""
    cache.delete(_verified_key(instance.user_id))
