"""Index pages: list their children that the reader may see, with filters and pages."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.richtext import SafeRichTextField

from ..filters import apply_filters
from .base import ContentPage


class IndexPage(ContentPage):
    """Abstract listing page. Subclasses set ``child_model``, ``filters`` and ``ordering``."""

    intro = SafeRichTextField(_("introduction"), blank=True)

    content_panels = [*ContentPage.content_panels, FieldPanel("intro")]

    child_model: type[ContentPage] | None = None
    ordering: tuple[str, ...] = ("-first_published_at",)
    per_page = 12

    class Meta:
        abstract = True

    def get_filters(self) -> list:
        return []

    def get_template(self, request, *args, **kwargs):
        # Wagtail gives every page class its own default template name; all index pages
        # share one layout, with a card template per child type.
        return "pages/index_page.html"

    def visible_children(self, user):
        return self.child_model.objects.child_of(self).visible_to(user).order_by(*self.ordering)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        state = apply_filters(
            self.visible_children(request.user),
            self.get_filters(),
            request.GET,
            self.locale.language_code,
        )
        paginator = Paginator(state.items, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            items=page_obj.object_list,
            page_obj=page_obj,
            paginator=paginator,
            filter_groups=state.groups,
            active_filters=state.active,
            ignored_filters=state.ignored,
            filter_query=query.urlencode(),
            item_template=f"pages/includes/{self.child_model._meta.model_name}_card.html",
        )
        return context


class PublishedDateMixin(models.Model):
    """A date readers see and sort by (news date, publication date…)."""

    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        abstract = True
