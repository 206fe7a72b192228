"""Conference editions (e.g. the 17th Heads of NCB conference, Lyon 2022) and their index."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.richtext import SafeRichTextField

from ..filters import CountryFilter, YearFilter
from .base import ContentPage
from .index import IndexPage


class ConferenceIndexPage(IndexPage):
    ordering = ("-start_date",)
    subpage_types = ["pages.ConferencePage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("conference index")

    @property
    def child_model(self):
        return ConferencePage

    def get_filters(self):
        return [
            YearFilter("year", _("Year"), date_field="start_date"),
            CountryFilter("country", _("Host country"), field_name="country"),
        ]


class ConferencePage(ContentPage):
    number = models.PositiveSmallIntegerField(_("edition number"), help_text=_("17 for the 17th edition."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    countries_represented = models.PositiveIntegerField(_("countries represented"), null=True, blank=True)
    body = SafeRichTextField(_("body"), blank=True)

    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
            ],
            heading=_("When and where"),
        ),
        FieldRowPanel([FieldPanel("participants"), FieldPanel("countries_represented")], heading=_("Figures")),
        FieldPanel("body"),
        InlinePanel("meetings", label=_("Co-located meetings")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("start_date"),
    ]
    parent_page_types = ["pages.ConferenceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("conference edition")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The conference cannot end before it starts.")})

    @property
    def date(self):
        return self.start_date

    def visible_conclusions(self, user):
        """Conclusions of this edition in its language (they link to the source edition)."""
        from .conclusion import ConclusionPage

        editions = self.get_translations(inclusive=True).values_list("id", flat=True)
        return (
            ConclusionPage.objects.visible_to(user)
            .filter(edition_id__in=editions, locale_id=self.locale_id)
            .order_by("number")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conclusions"] = self.visible_conclusions(request.user)
        return context


class CoLocatedMeeting(Orderable):
    page = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="meetings")
    name = models.CharField(_("name"), max_length=255)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("co-located meeting")
        verbose_name_plural = _("co-located meetings")
