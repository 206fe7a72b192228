"""What every Liaison content page shares: an audience, a summary, and visibility queries."""

from __future__ import annotations

import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.audiences import AUDIENCE_EXPLANATIONS, Audience, rank, visible_audiences


def hidden_section_paths(user) -> list[str]:
    """Tree paths of the sections (pages with children) whose audience ``user`` may not see.

    Everything under such a section is hidden too, whatever its own audience says: a public
    page put in a delegates-only section must not be listed to the public.
    """
    visible = visible_audiences(user)
    if len(visible) == len(Audience):
        return []
    from ..tree_cache import tree_cached

    return tree_cached(f"hidden-sections:{visible[-1]}", lambda: _restricted_sections(visible))


def _restricted_sections(visible: list[str]) -> list[str]:
    paths: list[str] = []
    for model in get_page_models():
        if issubclass(model, ContentPage) and not model._meta.abstract and model.subpage_types:
            sections = model.objects.filter(numchild__gt=0).exclude(audience__in=visible)
            paths += sections.values_list("path", flat=True)
    return paths


def section_audiences() -> dict[str, str]:
    """Tree path → audience of every section (a page with children) that is not public, kept in
    the shared cache (pages.tree_cache): the ancestors' part of a page's effective audience,
    without a query for its ancestors and one more per page type among them on every view."""
    from ..tree_cache import tree_cached

    return tree_cached("section-audiences", _section_audiences)


def _section_audiences() -> dict[str, str]:
    found: dict[str, str] = {}
    for model in get_page_models():
        if issubclass(model, ContentPage) and not model._meta.abstract:
            sections = model.objects.filter(numchild__gt=0).exclude(audience=Audience.PUBLIC)
            found.update(sections.values_list("path", "audience"))
    return found


def view_restrictions_exist() -> bool:
    """Whether any Wagtail page view restriction is stored (from the shared cache). The portal
    switches Wagtail's page privacy off (the audience replaces it; pages/migrations/0003 removed
    the stored ones), so there are none, and a page view need not look for them."""
    from wagtail.models import PageViewRestriction

    from ..tree_cache import tree_cached

    return tree_cached("view-restrictions", lambda: "yes" if PageViewRestriction.objects.exists() else "no") == "yes"


class NoViewRestrictionLookups:
    """Wagtail checks every page view for view restrictions on the page and its ancestors (two
    queries); with none stored, the check gets an empty set without asking the database. Should
    one ever be stored (pages/signals.py bumps the cache's version), Wagtail's lookup runs again."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class ContentPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Live pages the user may see: their own audience and every section above them."""
        queryset = self.live().filter(audience__in=visible_audiences(user))
        hidden = hidden_section_paths(user)
        if hidden:
            queryset = queryset.exclude(reduce(operator.or_, (Q(path__startswith=path) for path in hidden)))
        return queryset

    def for_language(self, language: str):
        return self.filter(locale__language_code=language)


ContentPageManager = PageManager.from_queryset(ContentPageQuerySet)


class ContentPage(NoViewRestrictionLookups, Page):
    """Abstract base of every content page: audience + summary, searchable."""

    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Who may see this page. It can never be more open than its parent page."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown in listings and search results."),
    )

    objects = ContentPageManager()

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    settings_panels = [
        MultiFieldPanel([FieldPanel("audience")], heading=_("Audience")),
        *Page.settings_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("audience"),
    ]

    class Meta:
        abstract = True

    @property
    def audience_explanation(self):
        return AUDIENCE_EXPLANATIONS[Audience(self.audience)]

    @property
    def is_restricted(self) -> bool:
        return self.audience != Audience.PUBLIC

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else getattr(self, "_liaison_parent", None)
        parent_audience = getattr(parent.specific if parent else None, "audience", Audience.PUBLIC)
        if rank(self.audience) < rank(parent_audience):
            raise ValidationError(
                {
                    "audience": _("This page cannot be more open than its parent page, which is %(audience)s.")
                    % {"audience": Audience(parent_audience).label}
                }
            )


class ThemeLink(Orderable):
    """Base for the inline list that ties a page to themes (translated with the page)."""

    theme = models.ForeignKey("taxonomy.Theme", on_delete=models.CASCADE, related_name="+", verbose_name=_("theme"))

    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        abstract = True
