"""The audit log: who saw or took personal data, when, and what the retention rules removed.

Entries are written by ``record()`` and never edited or deleted through the portal. They name
people by account id and the object by type and id, so the log itself holds as little personal
data as it can; the email address of the staff member acting is kept as text, since it must
survive the deletion of their account.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Action(models.TextChoices):
    EXPORT = "export", pgettext_lazy("audit action", "Exported participants")
    DOCUMENT = "document", pgettext_lazy("audit action", "Downloaded a delegate's document")
    BADGES = "badges", pgettext_lazy("audit action", "Printed badges")
    REGISTRATION_VIEW = "registration_view", pgettext_lazy("audit action", "Opened registration details")
    SELF_EXPORT = "self_export", pgettext_lazy("audit action", "Downloaded their own personal data")
    ACCOUNT_DELETED = "account_deleted", pgettext_lazy("audit action", "Deleted their account")
    RETENTION = "retention", pgettext_lazy("audit action", "Applied the retention rules")
    PERSONAL_DATA_VIEW = "personal_data_view", pgettext_lazy("audit action", "Viewed personal data on a staff page")
    CHECKIN_OVERRIDE = (
        "checkin_override",
        pgettext_lazy("audit action", "Checked a delegate in outside the event's dates"),
    )
    INVITATION_ADMITTED = (
        "invitation_admitted",
        pgettext_lazy("audit action", "Joined the delegates through an invitation"),
    )
    # An agency's self-assessments (assessments app): object_type "workspace", object_id its id.
    ASSESSMENT_VIEW = "assessment_view", pgettext_lazy("audit action", "Viewed an agency's assessments")
    ASSESSMENT_EXPORT = "assessment_export", pgettext_lazy("audit action", "Exported an agency's assessments")
    ASSESSMENT_CHANGE = "assessment_change", pgettext_lazy("audit action", "Changed an agency's assessments")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("by (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=60, blank=True)
    subject_user_id = models.PositiveIntegerField(_("account concerned"), null=True, blank=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or '—'}: {self.get_action_display()}"

    @property
    def object_label(self) -> str:
        return f"{self.object_type} #{self.object_id}" if self.object_id else self.object_type
