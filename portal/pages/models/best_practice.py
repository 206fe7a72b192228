"""Best practices shared by member countries; often restricted to law enforcement."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import CountryFilter, TaxonomyFilter
from .base import ContentPage, ThemeLink
from .index import IndexPage, PublishedDateMixin


class BestPracticeIndexPage(IndexPage):
    ordering = ("-date", "title")
    subpage_types = ["pages.BestPracticePage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("best practice index")

    @property
    def child_model(self):
        return BestPracticePage

    def get_filters(self):
        return [
            TaxonomyFilter("region", _("Region"), lookup="region", model_path="taxonomy.Region"),
            TaxonomyFilter("theme", _("Theme")),
            CountryFilter("country", _("Country")),
        ]


class BestPracticePage(PublishedDateMixin, ContentPage):
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        "taxonomy.Region",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("region"),
    )
    body = SafeRichTextField(_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("date")]),
        InlinePanel("theme_links", label=_("Themes")),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    parent_page_types = ["pages.BestPracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("best practice")


class BestPracticeTheme(ThemeLink):
    page = ParentalKey(BestPracticePage, on_delete=models.CASCADE, related_name="theme_links")


class BestPracticeAttachment(Orderable):
    page = ParentalKey(BestPracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def label(self) -> str:
        return self.title or self.document.title
