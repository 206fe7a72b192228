"""Drop the cached permission sets and verified-email answers (``lookups.py``) when they change."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from .lookups import email_addresses_changed, permissions_changed


def connect() -> None:
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(permissions_changed, sender=through, dispatch_uid=f"permissions-{through.__name__}")
    for model in (Group, Permission):
        post_delete.connect(permissions_changed, sender=model, dispatch_uid=f"permissions-delete-{model.__name__}")
    from allauth.account.models import EmailAddress

    post_save.connect(email_addresses_changed, sender=EmailAddress, dispatch_uid="email-verified-save")
    post_delete.connect(email_addresses_changed, sender=EmailAddress, dispatch_uid="email-verified-delete")
