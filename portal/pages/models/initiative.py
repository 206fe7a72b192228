"""Initiatives and capabilities (e.g. project Watchmaker, the Biometric Hub) with key figures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import TaxonomyFilter
from .base import ContentPage, ThemeLink
from .index import IndexPage


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("figure"), max_length=40, help_text=_("For example 4,600 or 195."))
    label = blocks.CharBlock(label=_("what it counts"), max_length=160)
    note = blocks.CharBlock(label=_("note"), required=False, max_length=255)

    class Meta:
        icon = "order"
        label = _("Key figure")
        template = "pages/blocks/key_figure.html"


class InitiativeIndexPage(IndexPage):
    ordering = ("title",)
    subpage_types = ["pages.InitiativePage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("initiative index")

    @property
    def child_model(self):
        return InitiativePage

    def get_filters(self):
        return [TaxonomyFilter("theme", _("Theme"))]


class InitiativePage(ContentPage):
    body = SafeRichTextField(_("body"))
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("key_figures"),
        FieldPanel("body"),
        InlinePanel("theme_links", label=_("Themes")),
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    parent_page_types = ["pages.InitiativeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("initiative")


class InitiativeTheme(ThemeLink):
    page = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="theme_links")
