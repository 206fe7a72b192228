"""Toolkits: ordered chapters, a version with its release date, partner organisations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import TaxonomyFilter, YearFilter
from .base import ContentPage, ThemeLink
from .index import IndexPage


class ToolkitIndexPage(IndexPage):
    ordering = ("-release_date",)
    subpage_types = ["pages.ToolkitPage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("toolkit index")

    @property
    def child_model(self):
        return ToolkitPage

    def get_filters(self):
        return [
            TaxonomyFilter("theme", _("Theme")),
            YearFilter("year", _("Year"), date_field="release_date"),
        ]


class ToolkitPage(ContentPage):
    version = models.CharField(_("version"), max_length=40, help_text=_("For example 2.0 or “2024 update”."))
    release_date = models.DateField(_("release date"))
    introduction = SafeRichTextField(_("introduction"), blank=True)

    content_panels = [
        *ContentPage.content_panels,
        FieldRowPanel([FieldPanel("version"), FieldPanel("release_date")]),
        FieldPanel("introduction"),
        InlinePanel("chapters", label=_("Chapters"), min_num=1),
        InlinePanel("partners", label=_("Partner organisations")),
        InlinePanel("releases", label=_("Release history")),
        InlinePanel("theme_links", label=_("Themes")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("introduction"),
        index.RelatedFields("chapters", [index.SearchField("title"), index.SearchField("body")]),
    ]
    parent_page_types = ["pages.ToolkitIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("toolkit")

    @property
    def date(self):
        return self.release_date


class ToolkitChapter(Orderable):
    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="chapters")
    title = models.CharField(_("title"), max_length=255)
    body = SafeRichTextField(_("body"))

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    @property
    def anchor(self) -> str:
        return f"chapter-{self.sort_order + 1 if self.sort_order is not None else self.pk}"


class ToolkitPartner(Orderable):
    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("web address"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")


class ToolkitRelease(Orderable):
    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="releases")
    version = models.CharField(_("version"), max_length=40)
    date = models.DateField(_("date"))
    notes = models.TextField(_("what changed"), blank=True)

    panels = [FieldRowPanel([FieldPanel("version"), FieldPanel("date")]), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("release")
        verbose_name_plural = _("release history")


class ToolkitTheme(ThemeLink):
    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="theme_links")
