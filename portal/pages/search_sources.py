"""What the content pages contribute to search (read by the search app; imports nothing of it).

One document per live page per language, plus one per compendium entry. The unit of
refresh is a page's translation group: when any language version changes, all are re-made.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from portal.audiences import highest

from .access import effective_audience
from .models import (
    BestPracticePage,
    CompendiumPage,
    ConclusionPage,
    ConferencePage,
    ContentPage,
    InitiativePage,
    NewsPage,
    ToolkitPage,
)

# Page model → document type. Index pages and the home page are listings, not results.
PAGE_TYPES = {
    BestPracticePage: "best_practice",
    ConclusionPage: "conclusion",
    ToolkitPage: "toolkit",
    CompendiumPage: "compendium",
    ConferencePage: "conference",
    InitiativePage: "initiative",
    NewsPage: "news",
}
BATCH = 500


_BLOCK_TAGS = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|br|hr|div|blockquote|table|tr|td|th)\b[^>]*>", re.IGNORECASE)


def text(value) -> str:
    """Plain text from rich text or plain strings (block boundaries become spaces)."""
    if not value:
        return ""
    return " ".join(html.unescape(strip_tags(_BLOCK_TAGS.sub(" ", str(value)))).split())


def page_body(page) -> str:
    """All the searchable text of a page beyond its title and summary."""
    parts: list[str] = []
    for name in ("body", "introduction", "intro"):
        parts.append(text(getattr(page, name, "")))
    if isinstance(page, ToolkitPage):
        for chapter in page.chapters.all():
            parts += [chapter.title, text(chapter.body)]
        parts += [p.name for p in page.partners.all()]
    elif isinstance(page, ConferencePage):
        parts += [page.city] + [f"{m.name} {m.description}" for m in page.meetings.all()]
    elif isinstance(page, ConclusionPage):
        parts += [u.text for u in page.progress_updates.all()]
    elif isinstance(page, InitiativePage):
        parts += [f"{b.value['value']} {b.value['label']} {b.value.get('note', '')}" for b in page.key_figures]
    return " ".join(p for p in parts if p)


def page_date(page):
    value = getattr(page, "date", None)
    if value is None and page.first_published_at:
        value = page.first_published_at.date()
    return value


def _pages(model, units):
    queryset = model.objects.live().select_related("locale")
    if units is not None:
        queryset = queryset.filter(translation_key__in=list(units))
    prefetch = ["theme_links__theme"] if _has_themes(model) else []
    if model is ToolkitPage:
        prefetch += ["chapters", "partners"]
    elif model is ConferencePage:
        prefetch += ["meetings"]
    elif model is ConclusionPage:
        prefetch += ["progress_updates"]
    elif model is CompendiumPage:
        prefetch += ["entries__region", "entries__theme"]
    if hasattr(model, "region"):
        queryset = queryset.select_related("region")
    # By translation key: a group's language versions come together (search streams by unit).
    return queryset.prefetch_related(*prefetch).order_by("translation_key", "pk").iterator(chunk_size=BATCH)


class _TermNames:
    """Names of themes and regions in every language, keyed by slug (one query per kind)."""

    def __init__(self):
        from portal.taxonomy.models import Region, Theme

        self.names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for model in (Theme, Region):
            for slug, language, name in model.objects.values_list("slug", "locale__language_code", "name"):
                self.names[slug][language].append(name)

    def __call__(self, slugs: list[str]) -> dict[str, list[str]]:
        keywords: dict[str, list[str]] = defaultdict(list)
        for slug in slugs:
            for language, names in self.names.get(slug, {}).items():
                keywords[language].extend(names)
        return dict(keywords)


def _has_themes(model) -> bool:
    return any(rel.name == "theme_links" for rel in model._meta.related_objects)


class _AudienceCache:
    """Effective audience (page + ancestors) with one lookup per parent, not per page."""

    def __init__(self):
        self.by_parent: dict[str, str] = {}

    def __call__(self, page) -> str:
        parent_path = page.path[: -page.steplen]
        if parent_path not in self.by_parent:
            self.by_parent[parent_path] = effective_audience(page.get_parent())
        return highest([self.by_parent[parent_path], page.audience])


def page_documents(units=None):
    audience_of = _AudienceCache()
    keywords = _TermNames()
    for model, doc_type in PAGE_TYPES.items():
        for page in _pages(model, units):
            unit = str(page.translation_key)
            audience = audience_of(page)
            language = page.locale.language_code
            url = page.get_url()
            themes = [link.theme.slug for link in page.theme_links.all()] if _has_themes(model) else []
            region = getattr(page, "region", None)
            yield {
                "id": f"page:{page.pk}",
                "type": doc_type,
                "language": language,
                "group": f"page:{unit}",
                "unit": unit,
                "title": page.title,
                "url": url,
                "audience": audience,
                "summary": page.summary,
                "body": page_body(page),
                "themes": themes,
                "regions": [region.slug] if region else [],
                "country": str(getattr(page, "country", "") or ""),
                "date": page_date(page),
                "keywords": keywords(themes + ([region.slug] if region else [])),
            }
            if isinstance(page, CompendiumPage):
                # An entry and its translation sit at the same place in their page's list
                # (wagtail-localize copies the rows in order): the position pairs them, even
                # where sort_order was never set.
                for position, entry in enumerate(page.entries.all()):
                    yield {
                        "id": f"compendium_entry:{entry.pk}",
                        "type": "compendium_entry",
                        "language": language,
                        "group": f"compendium_entry:{unit}:{position}",
                        "unit": unit,
                        "title": entry.title,
                        "url": f"{url}#entry-{entry.pk}",
                        "audience": audience,
                        "summary": page.title,
                        "body": text(entry.text),
                        "themes": [entry.theme.slug] if entry.theme else themes,
                        "regions": [entry.region.slug],
                        "country": str(entry.country or ""),
                        "date": page_date(page),
                        "keywords": keywords(([entry.theme.slug] if entry.theme else themes) + [entry.region.slug]),
                    }


def page_units(instance) -> list[str]:
    """A page's own translation group; for a section, those of every indexed page under it."""
    page = getattr(instance, "specific", instance)
    if type(page) in PAGE_TYPES:
        return [str(page.translation_key)]
    keys = set()
    for model in PAGE_TYPES:
        keys.update(str(k) for k in model.objects.descendant_of(page).values_list("translation_key", flat=True))
    return sorted(keys)


def page_count() -> int:
    from .models import CompendiumEntry

    pages = sum(model.objects.live().count() for model in PAGE_TYPES)
    return pages + CompendiumEntry.objects.filter(page__live=True).count()


SOURCES = [
    {
        "name": "page",
        "models": (ContentPage,),
        "units_of": page_units,
        "count": page_count,
        "documents": page_documents,
        "types": {
            "best_practice": _("Best practice"),
            "conclusion": _("Conclusion"),
            "toolkit": _("Toolkit"),
            "compendium": _("Compendium"),
            "compendium_entry": _("Compendium entry"),
            "conference": _("Conference"),
            "initiative": _("Initiative"),
            "news": _("News"),
        },
    }
]
