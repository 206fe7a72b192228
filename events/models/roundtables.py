"""Regional roundtables and who sits at them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.translated import TranslatedField, site_language_choices

from .registrations import Registration
from .week import Event


class TopicKind(models.TextChoices):
    CRIME = "crime_issue", pgettext_lazy("roundtable topic", "Crime issue")
    TOOL = "policing_tool", pgettext_lazy("roundtable topic", "Policing tool")
    OPERATION = "operation", pgettext_lazy("roundtable topic", "Coordinated operation")


class Roundtable(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roundtables", verbose_name=_("event"))
    region = models.ForeignKey("taxonomy.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    topic_kind = models.CharField(_("kind of topic"), max_length=20, choices=TopicKind.choices)
    topic = TranslatedField(_("topic"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=site_language_choices)
    capacity = models.PositiveIntegerField(_("seats"))
    room = TranslatedField(_("room"), max_length=120, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    rapporteur = models.CharField(_("rapporteur"), max_length=200, blank=True)
    outcome_notes = models.TextField(_("outcome notes"), blank=True)
    conclusions = models.ManyToManyField(
        "pages.ConclusionPage", blank=True, related_name="+", verbose_name=_("conclusions it led to")
    )

    class Meta:
        verbose_name = _("roundtable")
        verbose_name_plural = _("roundtables")
        ordering = ["event", "region", "id"]

    def __str__(self) -> str:
        return f"{self.topic} ({self.region_name})"

    @property
    def region_name(self) -> str:
        """The region's name in the reader's language (regions are translated snippets)."""
        return self.region.localized.name


class Placement(models.Model):
    """A delegate's seat at a roundtable. ``manual`` placements are kept by re-assignment."""

    roundtable = models.ForeignKey(Roundtable, on_delete=models.CASCADE, related_name="placements")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="placements")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    manual = models.BooleanField(_("placed by staff"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "event"], name="one_table_per_event")]

    def __str__(self) -> str:
        return f"{self.registration} at {self.roundtable}"
