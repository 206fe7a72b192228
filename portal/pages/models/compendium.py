"""Compendia: collections of country entries (e.g. on gender inclusivity), filterable by region."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import TaxonomyFilter, YearFilter, apply_filters
from .base import ContentPage, ThemeLink
from .index import IndexPage


class CompendiumIndexPage(IndexPage):
    ordering = ("-publication_date",)
    subpage_types = ["pages.CompendiumPage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("compendium index")

    @property
    def child_model(self):
        return CompendiumPage

    def get_filters(self):
        return [
            TaxonomyFilter("region", _("Region"), lookup="entries__region", model_path="taxonomy.Region"),
            YearFilter("year", _("Year"), date_field="publication_date"),
        ]


class CompendiumPage(ContentPage):
    publication_date = models.DateField(_("publication date"))
    introduction = SafeRichTextField(_("introduction"), blank=True)

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("introduction"),
        InlinePanel("theme_links", label=_("Themes")),
        InlinePanel("entries", label=_("Entries")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("introduction"),
        index.RelatedFields("entries", [index.SearchField("title"), index.SearchField("text")]),
    ]
    parent_page_types = ["pages.CompendiumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("compendium")

    @property
    def date(self):
        return self.publication_date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = self.entries.select_related("region", "theme")
        in_memory = not isinstance(entries, QuerySet)  # a preview: modelcluster's unsaved rows
        if not in_memory:
            entries = entries.order_by("region__name", "country", "sort_order")
        state = apply_filters(
            entries,
            [
                TaxonomyFilter("region", _("Region"), lookup="region", model_path="taxonomy.Region"),
                TaxonomyFilter("theme", _("Theme"), lookup="theme"),
            ],
            request.GET,
            self.locale.language_code,
        )
        items = state.items
        if in_memory:
            # modelcluster cannot compare CountryField values, so order_by() on a preview's rows
            # answered 500; the same order, by country code as the database sorts it, in Python.
            items = sorted(items, key=lambda e: (e.region.name if e.region_id else "", str(e.country), e.sort_order))
        context.update(
            entries=items,
            filter_groups=state.groups,
            active_filters=state.active,
            ignored_filters=state.ignored,
        )
        return context


class CompendiumEntry(Orderable):
    page = ParentalKey(CompendiumPage, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(_("title"), max_length=255)
    country = CountryField(_("country"))
    region = models.ForeignKey("taxonomy.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    theme = models.ForeignKey(
        "taxonomy.Theme",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("theme"),
        null=True,
        blank=True,
    )
    text = SafeRichTextField(_("text"))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("theme")]),
        FieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("compendium entry")
        verbose_name_plural = _("compendium entries")


class CompendiumTheme(ThemeLink):
    page = ParentalKey(CompendiumPage, on_delete=models.CASCADE, related_name="theme_links")
