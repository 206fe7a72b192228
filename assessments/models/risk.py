"""The AI systems an agency uses or plans, their risk ratings and the mitigations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..scoring import risk_level
from ..toolkit import AFFECTED_GROUPS, LIKELIHOOD, PRINCIPLES, SEVERITY, STAGES
from .workspaces import Workspace


class AISystem(models.Model):
    wagtail_reference_index_ignore = True

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="systems")
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=2000, help_text=_("What it is for, and who uses it."))
    data = models.TextField(
        _("data"), max_length=2000, blank=True, help_text=_("What data it learns from and works on.")
    )
    supplier = models.CharField(_("supplier"), max_length=200, blank=True, help_text=_("Or “built in house”."))
    stage = models.CharField(_("life-cycle stage"), max_length=20, choices=STAGES, default="idea")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("AI system")
        verbose_name_plural = _("AI systems")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RiskRating(models.Model):
    """How likely and how severe harm to one group is, against one principle, for one system."""

    wagtail_reference_index_ignore = True

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="ratings")
    principle = models.CharField(_("principle"), max_length=20, choices=[(p.key, p.name) for p in PRINCIPLES])
    group = models.CharField(_("affected group"), max_length=20, choices=AFFECTED_GROUPS)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=LIKELIHOOD)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=SEVERITY)
    note = models.TextField(_("why"), max_length=1000, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    rated_at = models.DateTimeField(_("rated"), auto_now=True)

    class Meta:
        verbose_name = _("risk rating")
        verbose_name_plural = _("risk ratings")
        ordering = ["system", "principle", "group"]
        constraints = [
            models.UniqueConstraint(fields=["system", "principle", "group"], name="one_rating_per_principle_and_group"),
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5, severity__gte=1, severity__lte=5),
                name="rating_within_scales",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system}: {self.principle}/{self.group}"

    @property
    def level(self) -> str:
        return risk_level(self.likelihood, self.severity)


class Mitigation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("mitigation status", "To do")
        IN_PROGRESS = "in_progress", pgettext_lazy("mitigation status", "In progress")
        DONE = "done", pgettext_lazy("mitigation status", "Done")

    wagtail_reference_index_ignore = True

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="mitigations")
    rating = models.ForeignKey(
        RiskRating, on_delete=models.SET_NULL, null=True, blank=True, related_name="mitigations", verbose_name=_("risk")
    )
    action = models.TextField(_("action"), max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mitigation")
        verbose_name_plural = _("mitigations")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.action[:60]
