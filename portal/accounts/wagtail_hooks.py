"""Clearance on the admin's group screen, beside the other rights a group holds."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from wagtail import hooks

from portal.audiences import CLEARANCE_PERMISSIONS


@hooks.register("register_permissions")
def register_clearance_permissions():
    codenames = [permission.split(".", 1)[1] for permission in CLEARANCE_PERMISSIONS.values()]
    return Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
