"""News articles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import TaxonomyFilter, YearFilter
from .base import ContentPage, ThemeLink
from .index import IndexPage, PublishedDateMixin


class NewsIndexPage(IndexPage):
    ordering = ("-date", "-first_published_at")
    subpage_types = ["pages.NewsPage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    @property
    def child_model(self):
        return NewsPage

    def get_filters(self):
        return [YearFilter("year", _("Year")), TaxonomyFilter("theme", _("Theme"))]


class NewsPage(PublishedDateMixin, ContentPage):
    body = SafeRichTextField(_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("date"),
        FieldPanel("body"),
        InlinePanel("theme_links", label=_("Themes")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")


class NewsTheme(ThemeLink):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="theme_links")
