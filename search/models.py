"""Search data kept in the database: the glossary staff extend, and pending index updates."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class GlossaryEntry(index.Indexed, models.Model):
    """A police term in both languages; a query using one side also searches the other."""

    english = models.CharField(_("English term"), max_length=200)
    french = models.CharField(_("French term"), max_length=200)
    english_variants = models.CharField(
        _("other English forms"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated acronyms and synonyms, e.g. “NCB, National Central Bureau”."),
    )
    french_variants = models.CharField(
        _("other French forms"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated acronyms and synonyms, e.g. « B.C.N., BCN »."),
    )

    panels = [
        FieldPanel("english"),
        FieldPanel("english_variants"),
        FieldPanel("french"),
        FieldPanel("french_variants"),
    ]
    search_fields = [index.SearchField("english"), index.SearchField("french"), index.AutocompleteField("english")]

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary")
        ordering = ["english"]
        constraints = [models.UniqueConstraint(fields=["english", "french"], name="glossary_unique_pair")]

    def __str__(self) -> str:
        return f"{self.english} ↔ {self.french}"

    def forms(self) -> list[str]:
        return [form for _language, form in self.forms_by_language()]

    def forms_by_language(self) -> list[tuple[str, str]]:
        """Each form with the language it is written in."""
        english = [self.english, *_split(self.english_variants)]
        french = [self.french, *_split(self.french_variants)]
        return [("en", form) for form in english] + [("fr", form) for form in french]


class PendingIndexUpdate(models.Model):
    """An index change not yet applied to the engine. The durable queue of index updates.

    A row is written in the same transaction as the content change; a task re-makes the
    unit's documents in the engine and deletes the row. If the engine is down, the row stays
    (with its error) and is replayed later, so no update is lost.
    """

    source = models.CharField(max_length=40)
    unit = models.CharField(max_length=100, help_text="Unit key within the source (e.g. a translation key).")
    created_at = models.DateTimeField(auto_now_add=True)
    # Each new change of the unit bumps the generation (and the time): a worker that read the row
    # before may delete it only if it is still the generation it applied.
    generation = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("pending index update")
        constraints = [models.UniqueConstraint(fields=["source", "unit"], name="one_pending_update_per_unit")]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.source}:{self.unit}"
