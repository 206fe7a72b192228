"""Build bilingual demo pages through Wagtail's own APIs (create, translate, publish).

A page is described by a :class:`PageSpec`: fields shared by both languages, fields per
language (including inline lists such as chapters), and the theme/region slugs it links to.
Existing pages are left as they are unless ``refresh`` is set, so running the loader twice
changes nothing and never overwrites what staff edited in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale, Page, Site

from portal.taxonomy.models import Region, Theme

LANGUAGES = ("en", "fr")


@dataclass
class PageSpec:
    model: type
    slug: str
    en: dict
    fr: dict | None = None  # None: the page exists only in English
    shared: dict = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    region: str | None = None
    children: list[PageSpec] = field(default_factory=list)


@dataclass
class BuildReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def term(model, slug: str, language: str):
    return model.objects.get(slug=slug, locale__language_code=language)


def upsert_terms(model, terms: list[dict]) -> None:
    """Create theme/region snippets in English and link their French translations."""
    for item in terms:
        en_obj = model.objects.filter(slug=item["slug"], locale=locale("en")).first()
        if en_obj is None:
            en_obj = model.objects.create(
                slug=item["slug"],
                name=item["en"],
                description=item.get("en_description", ""),
                locale=locale("en"),
            )
        fr_obj = en_obj.get_translation_or_none(locale("fr"))
        if fr_obj is None:
            fr_obj = en_obj.copy_for_translation(locale("fr"))
            fr_obj.name = item["fr"]
            fr_obj.description = item.get("fr_description", "")
            fr_obj.save()


def _apply(page, spec: PageSpec, language: str) -> None:
    values = {**spec.shared, **(spec.en if language == "en" else spec.fr)}
    for name, value in values.items():
        if callable(value):  # a reference resolved at build time, e.g. another page
            value = value()
        if isinstance(value, list):
            related = page._meta.get_field(name).related_model
            if related is None:  # StreamField
                setattr(page, name, value)
            else:
                rows = [related(**_resolve_terms(item, language)) for item in value]
                for position, row in enumerate(rows):
                    if hasattr(row, "sort_order"):  # Orderable rows keep the order they are given in
                        row.sort_order = position
                setattr(page, name, rows)
        else:
            setattr(page, name, value)
    if spec.themes:
        link_model = page._meta.get_field("theme_links").related_model
        page.theme_links = [link_model(theme=term(Theme, slug, language)) for slug in spec.themes]
    if spec.region:
        page.region = term(Region, spec.region, language)


def _resolve_terms(item: dict, language: str) -> dict:
    """Inline rows name their region/theme by slug; swap in the snippet of that language."""
    resolved = dict(item)
    if isinstance(resolved.get("region"), str):
        resolved["region"] = term(Region, resolved["region"], language)
    if isinstance(resolved.get("theme"), str):
        resolved["theme"] = term(Theme, resolved["theme"], language)
    return resolved


def _publish(page) -> None:
    page.save_revision().publish()


@transaction.atomic
def upsert_page(*, parent_en: Page, spec: PageSpec, report: BuildReport, refresh: bool = False) -> Page:
    """Create or (with ``refresh``) update one page and its French translation."""
    en_page = spec.model.objects.child_of(parent_en).filter(slug=spec.slug).first()
    label = f"{spec.model.__name__}:{spec.slug}"
    if en_page is None:
        en_page = spec.model(slug=spec.slug, locale=parent_en.locale)
        _apply(en_page, spec, "en")
        parent_en.add_child(instance=en_page)
        _publish(en_page)
        report.created.append(label)
    elif refresh:
        _apply(en_page, spec, "en")
        _publish(en_page)
        report.updated.append(label)
    else:
        report.unchanged.append(label)

    if spec.fr is not None:
        fr_page = en_page.get_translation_or_none(locale("fr"))
        if fr_page is None:
            fr_page = en_page.copy_for_translation(locale("fr")).specific
            _apply(fr_page, spec, "fr")
            _publish(fr_page)
        elif refresh:
            fr_page = fr_page.specific
            _apply(fr_page, spec, "fr")
            _publish(fr_page)

    for child in spec.children:
        upsert_page(parent_en=en_page, spec=child, report=report, refresh=refresh)
    return en_page


@transaction.atomic
def ensure_home(*, spec: PageSpec, report: BuildReport, refresh: bool = False) -> Page:
    """The English home under the tree root, its French translation, and the default site."""
    root = Page.get_first_root_node()
    # Wagtail's installer leaves a plain "Welcome" page; the portal's home replaces it.
    for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
        page.delete()
    home = upsert_page(parent_en=root, spec=spec, report=report, refresh=refresh)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Liaison"
    site.save()
    return home
