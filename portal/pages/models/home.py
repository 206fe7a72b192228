from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.audiences import Audience
from portal.richtext import SafeRichTextField

from .base import NoViewRestrictionLookups


class HomePage(NoViewRestrictionLookups, Page):
    """The landing page of each language. Always public."""

    audience = Audience.PUBLIC  # not a field: the home page is always open

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    intro = SafeRichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ConferenceIndexPage",
        "pages.ConclusionIndexPage",
        "pages.ToolkitIndexPage",
        "pages.CompendiumIndexPage",
        "pages.BestPracticeIndexPage",
        "pages.InitiativeIndexPage",
        "pages.NewsIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from ..locales import language_of
        from .conference import ConferencePage
        from .news import NewsPage

        context = super().get_context(request, *args, **kwargs)
        language = language_of(self.locale_id) or self.locale.language_code
        user = request.user
        context["latest_news"] = NewsPage.objects.visible_to(user).for_language(language).order_by("-date")[:3]
        context["editions"] = ConferencePage.objects.visible_to(user).for_language(language).order_by("-start_date")[:2]
        context["untranslated_notice"] = request.GET.get("untranslated") == "1"
        return context
