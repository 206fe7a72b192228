"""Site chrome: the main menu and the language switcher, both audience-aware.

The header's brand, menu and search form are rendered once per language, clearance and current
section and kept in the shared cache (templates/includes/header.html: Django's own ``{% cache %}``
tag, keyed by :func:`chrome_key`), the footer once per language (footer.html); the language
switcher's links are kept per page, language and clearance. Every key holds the page tree's
version (pages.tree_cache), so a page published, moved or deleted renders the chrome afresh in
every process.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from portal.audiences import can_view, clearance_for
from portal.pages.menu import menu_sections
from portal.pages.routing import site_for
from portal.pages.translations import translation_state
from portal.pages.tree_cache import tree_cached, tree_version
from portal.translated import language_in_a_sentence

register = template.Library()


def _own_name(code: str) -> str:
    """A language's name in itself (Français, Español, العربية), as language switchers show it."""
    try:
        return translation.get_language_info(code)["name_local"].capitalize()
    except KeyError:
        return code


def _home_for(request, language: str):
    site = site_for(request)
    if site is None:
        return None
    from portal.pages.locales import locale_for

    locale = locale_for(language)
    if locale is None:
        return None
    return site.root_page.get_translation_or_none(locale)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level sections of the current language that the reader may see (cached: pages.menu)."""
    request = context.get("request")
    if request is None:
        return []
    site = site_for(request)
    if site is None:
        return []
    language = translation.get_language() or settings.LANGUAGE_CODE
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else None
    items, written_in = menu_sections(site, language, request.user), None
    default = settings.LANGUAGE_CODE
    if not items and language[:2] != default:
        # A language switched on before its pages are written: the sections in the default
        # language, marked as such, rather than an empty menu.
        items, written_in = menu_sections(site, default, request.user), default
    return [
        {**item, "active": bool(current_path and current_path.startswith(item["path"])), "lang": written_in}
        for item in items
    ]


# Wagtail's materialised paths: four characters per level; the home pages sit at depth 2, the
# menu's sections at depth 3.
_SECTION_PATH = 3 * 4


@register.simple_tag(takes_context=True)
def chrome_key(context) -> str:
    """What the cached header and footer fragments depend on besides the language: the site, the
    page tree's version, the reader's clearance, and the section the page is in (the menu marks
    it with aria-current)."""
    request = context.get("request")
    if request is None:
        return "none"
    site = site_for(request)
    page = context.get("page")
    section = page.path[:_SECTION_PATH] if isinstance(page, Page) and page.depth >= 3 else "-"
    return f"{site.pk if site else 0}:{tree_version()}:{clearance_for(request.user)}:{section}"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per other language: the translation of this page, or that language's home."""
    request = context.get("request")
    if request is None:
        return []
    current_language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    page = context.get("page")
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current_language:
            continue
        url, available = None, True
        if isinstance(page, Page) and page.pk:
            # Two queries and a route per language otherwise (the translation, its specific page).
            url, available = tree_cached(
                f"language-link:{page.pk}:{code}:{clearance_for(request.user)}",
                lambda code=code: _page_translation_url(request, page, code),
            )
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": _own_name(code),
                "url": url,
                "available": available,
            }
        )
    return links


def _page_translation_url(request, page, language):
    from portal.pages.locales import locale_for

    locale = locale_for(language)
    if locale is None:
        return f"/{language}/", False
    translation_page = page.get_translation_or_none(locale)
    if translation_page is not None and translation_page.live:
        specific = translation_page.specific
        if can_view(request.user, getattr(specific, "audience", None)):
            return specific.url, True
    home = _home_for(request, language)
    base = home.url if home is not None else f"/{language}/"
    return f"{base}?untranslated=1", False


@register.inclusion_tag("wagtail_localize/admin/includes/translation_workflow.html", takes_context=True)
def translation_workflow(context, localize_translation):
    """The translation editor's hand-over panel: progress, what is missing, source changes, buttons."""
    request = context["request"]
    page = localize_translation.get_target_instance()
    perms = page.permissions_for_user(request.user) if hasattr(page, "permissions_for_user") else None
    return {
        "translation": localize_translation,
        "state": translation_state(localize_translation),
        "can_submit": bool(perms and perms.can_submit_for_moderation()),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def site_languages():
    """The site's language codes, default first: ``{% site_languages as codes %}`` for texts
    written once per language (an invitation goes out in all of them)."""
    from portal.translated import site_languages as codes

    return codes()


@register.inclusion_tag("includes/translated.html", takes_context=True)
def translated(context, text, linebreaks=False):
    """``text`` (a translated field) in the reader's language; when only another language has
    it, that text marked with its ``lang`` and a visible "(in English)"."""
    language = getattr(text, "language", "")
    return {
        "text": text,
        "fallback": getattr(text, "is_fallback", False),
        "language": language,
        "language_name": language_in_a_sentence(language),
        "linebreaks": linebreaks,
    }


@register.simple_tag(takes_context=True)
def content_language(context):
    """The language the page's content is written in, its direction, and whether it stands in
    for the reader's (a page not yet translated is served in the default language)."""
    page = context.get("page")
    reader = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    from portal.pages.locales import language_of

    code = (language_of(page.locale_id) or page.locale.language_code) if getattr(page, "locale_id", None) else reader
    return {
        "code": code,
        "dir": "rtl" if code in settings.LANGUAGES_BIDI else "ltr",
        "fallback": code != reader,
        "name": language_in_a_sentence(code),
    }
