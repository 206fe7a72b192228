"""Filters for index pages: each reads one GET parameter, offers options, narrows a queryset.

Bad values (unknown ids, text where a number belongs) never raise: the filter is dropped and
the page says which value was ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.functional import Promise
from django_countries import countries


@dataclass
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass
class ListFilter:
    param: str
    label: str | Promise

    def options(self, items: QuerySet, language: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        raise NotImplementedError


@dataclass
class TaxonomyFilter(ListFilter):
    """Filter by a theme or region slug; ``lookup`` is the path to the term from the item."""

    lookup: str = "theme_links__theme"
    model_path: str = "taxonomy.Theme"

    def _model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)

    def options(self, items, language):
        ids = items.values_list(f"{self.lookup}__id", flat=True)
        terms = self._model().objects.filter(id__in=ids, locale__language_code=language).order_by("name")
        return [(t.slug, t.name) for t in terms]

    def apply(self, items, value):
        return items.filter(**{f"{self.lookup}__slug": value}).distinct()


@dataclass
class YearFilter(ListFilter):
    date_field: str = "date"

    def options(self, items, language):
        years = items.dates(self.date_field, "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def apply(self, items, value):
        return items.filter(**{f"{self.date_field}__year": int(value)})


@dataclass
class ChoiceFilter(ListFilter):
    field_name: str = ""
    choices: list = field(default_factory=list)

    def options(self, items, language):
        present = set(items.values_list(self.field_name, flat=True))
        return [(str(v), str(label)) for v, label in self.choices if v in present]

    def apply(self, items, value):
        return items.filter(**{self.field_name: value})


@dataclass
class CountryFilter(ListFilter):
    field_name: str = "country"

    def options(self, items, language):
        codes = {c for c in items.values_list(self.field_name, flat=True) if c}
        return sorted(((code, str(countries.name(code))) for code in codes), key=lambda o: o[1])

    def apply(self, items, value):
        return items.filter(**{self.field_name: value.upper()})


@dataclass
class RelatedPageFilter(ListFilter):
    """Filter by a related page (e.g. a conclusion's edition), keyed by its slug."""

    field_name: str = "edition"

    def options(self, items, language):
        from wagtail.models import Page

        ids = {i for i in items.values_list(f"{self.field_name}_id", flat=True) if i}
        pages = Page.objects.filter(id__in=ids).order_by("-first_published_at", "title")
        # The related page may be the other language's (a French conclusion pointing at the
        # English edition): its title is shown in the reader's language when it is translated.
        return [(p.slug, p.localized.title) for p in pages]

    def apply(self, items, value):
        return items.filter(**{f"{self.field_name}__slug": value})


@dataclass
class FilterState:
    """The outcome of applying an index page's filters to a request."""

    items: QuerySet
    groups: list[dict]
    active: dict[str, str]
    ignored: list[str]


def apply_filters(items: QuerySet, filters: list[ListFilter], params, language: str) -> FilterState:
    """Apply every filter whose parameter is present; unknown values are reported, not fatal."""
    active: dict[str, str] = {}
    ignored: list[str] = []
    groups: list[dict] = []
    base = items
    for flt in filters:
        available = flt.options(base, language)
        raw = (params.get(flt.param) or "").strip()[:100]
        valid_values = {value for value, _label in available}
        if raw:
            if raw in valid_values:
                items = flt.apply(items, raw)
                active[flt.param] = raw
            else:
                ignored.append(f"{flt.label}: {raw}")
        groups.append(
            {
                "param": flt.param,
                "label": flt.label,
                "options": [Option(v, label, v == active.get(flt.param)) for v, label in available],
            }
        )
    return FilterState(items=items, groups=groups, active=active, ignored=ignored)
