"""Conclusions adopted by a conference edition, with follow-up status and progress updates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import ChoiceFilter, RelatedPageFilter, TaxonomyFilter
from .base import ContentPage, ThemeLink
from .index import IndexPage


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("follow-up", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("follow-up", "In progress")
    IMPLEMENTED = "implemented", pgettext_lazy("follow-up", "Implemented")


class ConclusionIndexPage(IndexPage):
    ordering = ("-edition__start_date", "number")
    subpage_types = ["pages.ConclusionPage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("conclusion index")

    @property
    def child_model(self):
        return ConclusionPage

    def get_filters(self):
        return [
            RelatedPageFilter("edition", _("Conference edition"), field_name="edition"),
            TaxonomyFilter("theme", _("Theme")),
            ChoiceFilter(
                "status",
                _("Follow-up"),
                field_name="follow_up_status",
                choices=FollowUpStatus.choices,
            ),
        ]


class ConclusionPage(ContentPage):
    edition = models.ForeignKey(
        "pages.ConferencePage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("conference edition"),
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Position within its edition: 1, 2, 3…"))
    adoption_date = models.DateField(_("adoption date"))
    body = SafeRichTextField(_("text of the conclusion"))
    follow_up_status = models.CharField(
        _("follow-up status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_STARTED,
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("adoption_date")]),
        FieldPanel("body"),
        InlinePanel("theme_links", label=_("Themes")),
        FieldPanel("follow_up_status"),
        InlinePanel("progress_updates", label=_("Progress updates")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.FilterField("follow_up_status"),
    ]
    parent_page_types = ["pages.ConclusionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("conclusion")

    @property
    def date(self):
        return self.adoption_date

    @property
    def localized_edition(self):
        """The edition in this conclusion's language when it has been translated."""
        return self.edition.get_translation_or_none(self.locale) or self.edition

    @property
    def themes(self):
        return [link.theme for link in self.theme_links.all()]

    def dated_updates(self):
        return self.progress_updates.order_by("-date")


class ConclusionTheme(ThemeLink):
    page = ParentalKey(ConclusionPage, on_delete=models.CASCADE, related_name="theme_links")


class ProgressUpdate(Orderable):
    page = ParentalKey(ConclusionPage, on_delete=models.CASCADE, related_name="progress_updates")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices)
    text = models.TextField(_("what happened"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("status")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
