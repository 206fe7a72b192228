"""The audit log in the admin: a read-only list for those given "Can view audit entry"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AuditEntry


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing needs the model's view permission; nobody adds, changes or deletes entries."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["at", "actor_label", "action", "object_label", "subject_user_id", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["actor_label", "object_id"]
    inspect_view_fields = [
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "subject_user_id",
        "detail",
        "ip_address",
    ]

    exclude_form_fields: list[str] = []  # required by Wagtail; the policy refuses every edit


register_permission_policy(AuditEntry, ReadOnlyPermissionPolicy(AuditEntry))
audit_viewset = AuditEntryViewSet("audit")


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset
