"""The search service: from a reader's request to results they are allowed to see.

Views and the API call :func:`search_run` / :func:`autocomplete_run`; nothing else talks to
the engine for reading.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from threading import Lock

from cachetools import TTLCache, cached
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audiences import can_view, visible_audiences
from portal.task_queue import enqueue_unless_waiting

from . import glossary, registry
from .analysis import MAX_QUERY_CHARS, clean_query, without_question_words
from .documents import LANGUAGES
from .engines import get_engine
from .languages import question_words
from .query import FACETS, SORTS, EngineUnavailable, IndexDamaged, IndexMissing, SearchQuery

logger = logging.getLogger("liaison.search")
PER_PAGE = 10
SUGGEST_BELOW = 3  # "did you mean" is looked for when a search finds fewer results than this
MAX_PAGE = 500
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}  # each in its own language, for links marked lang=
# Beside a result in the other language, in the reader's language ("en anglais", not "en English").
IN_LANGUAGE = {"en": gettext_lazy("in English"), "fr": gettext_lazy("in French")}
# Before a snippet taken from another version of the item, where the words matched.
FROM_VERSION = {"en": gettext_lazy("From the English version:"), "fr": gettext_lazy("From the French version:")}
# Theme and region names change rarely: each process keeps them a minute per language.
_labels: TTLCache = TTLCache(maxsize=16, ttl=60)


@dataclass
class Facet:
    name: str
    label: str
    values: list[dict]  # {value, label, count, selected}


@dataclass
class SearchOutcome:
    text: str
    language: str
    total: int = 0
    hits: list[dict] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    page: int = 1
    pages: int = 0
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)
    expansions: list[str] = field(default_factory=list)
    # The reader's words found nothing and a close spelling did: the results are for it.
    corrected: str | None = None


FACET_LABELS = {
    "type": gettext_lazy("Type"),
    "theme": gettext_lazy("Theme"),
    "region": gettext_lazy("Region"),
    "year": gettext_lazy("Year"),
    "language": gettext_lazy("Language"),
}


@cached(_labels, lock=Lock())
def _taxonomy_labels(language: str) -> dict[str, dict[str, str]]:
    from portal.taxonomy.models import Region, Theme

    return {
        "theme": dict(Theme.objects.filter(locale__language_code=language).values_list("slug", "name")),
        "region": dict(Region.objects.filter(locale__language_code=language).values_list("slug", "name")),
    }


def type_labels() -> dict[str, str]:
    """Document type labels in the active language (computed once per language)."""
    return _type_labels_in(translation.get_language() or settings.LANGUAGE_CODE)


@cache
def _type_labels_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return {key: str(label) for key, label in registry.type_labels().items()}


def _valid_filter(name: str, value: str) -> bool:
    if name == "type":
        return value in registry.type_labels()
    if name == "language":
        return value in LANGUAGES
    if name == "year":
        return value.isdigit() and 1900 <= int(value) <= 2100
    return bool(_SLUG.match(value))


def _read_filters(params, notices: list[str]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for name in FACETS:
        raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
        if isinstance(raw, str):
            raw = [raw]
        values = []
        for value in raw[:10]:
            value = str(value).strip()[:100]
            if not value:
                continue
            if _valid_filter(name, value):
                values.append(value)
            else:
                notices.append(
                    _("The filter “%(name)s” does not accept “%(value)s”; it was ignored.")
                    % {"name": FACET_LABELS[name], "value": value}
                )
        if values:
            filters[name] = list(dict.fromkeys(values))
    return filters


def _read_page(params, notices: list[str]) -> int:
    raw = str(params.get("page") or "1").strip()
    if raw.isdigit() and 1 <= int(raw) <= MAX_PAGE:
        return int(raw)
    notices.append(_("The page number “%(page)s” is not valid; showing the first page.") % {"page": raw[:20]})
    return 1


def search_run(*, user, params, language: str, per_page: int = PER_PAGE) -> SearchOutcome:
    """Run a search for ``user``. Raises EngineUnavailable when the engine cannot answer.

    ``language`` is the reader's: results, facet labels and notices come in that language.
    """
    language = language if language in LANGUAGES else LANGUAGES[0]
    with translation.override(language), rebuilding_when_lost():
        return _search(user, params, language, per_page)


@contextmanager
def rebuilding_when_lost():
    """An index found missing or damaged is rebuilt by a worker; the reader gets the 503."""
    try:
        yield
    except (IndexMissing, IndexDamaged):
        from .indexing import queue_rebuild

        queue_rebuild()
        raise


def search_health() -> dict:
    """For /healthz: whether the engine answers, and with how many documents."""
    engine = get_engine()
    try:
        return {"engine": engine.name, "status": "ok", "documents": engine.count()}
    except IndexMissing:
        return {"engine": engine.name, "status": "missing"}
    except IndexDamaged:
        return {"engine": engine.name, "status": "damaged"}
    except EngineUnavailable:
        return {"engine": engine.name, "status": "unavailable"}


def _search(user, params, language: str, per_page: int) -> SearchOutcome:
    notices: list[str] = []
    text, shortened = clean_query(params.get("q"))
    if shortened:
        notices.append(_("Your search was shortened to its first %(n)s characters.") % {"n": MAX_QUERY_CHARS})
    filters = _read_filters(params, notices)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    page = _read_page(params, notices)
    searched = without_question_words(text, question_words()) if text else ""
    expansion_languages = glossary.expansion_languages(searched) if searched else {}
    expansions = list(expansion_languages)
    query = SearchQuery(
        text=searched,
        language=language,
        audiences=visible_audiences(user),
        expansions=expansions,
        expansion_languages=expansion_languages,
        filters=filters,
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    engine = get_engine()
    glossary.ensure_applied(engine)
    result = engine.search(query)
    corrected = None
    if searched and result.total < SUGGEST_BELOW and params.get("verbatim") != "1":
        query, result, corrected = _recall_fallback(engine, query, result)
    expansions = [*query.expansions, *(f for f in query.partial_expansions if f not in query.expansions)]
    _replay_if_waiting()
    pages = max(1, -(-result.total // per_page)) if result.total else 0
    outcome = SearchOutcome(
        text=text,
        language=language,
        total=result.total,
        hits=[_present_hit(hit, user, language, type_labels()) for hit in result.hits],
        facets=_present_facets(result.facets, filters, language),
        notices=notices,
        page=page,
        pages=pages,
        sort=sort,
        filters=filters,
        expansions=expansions,
        corrected=corrected,
    )
    if text and not corrected and result.total < SUGGEST_BELOW:
        outcome.suggestion = _checked_suggestion(engine, query, result.total)
    if result.total and page > pages:
        notices.append(_("There are only %(pages)s pages of results.") % {"pages": pages})
    return outcome


def _recall_fallback(engine, query: SearchQuery, result):
    """(Almost) nothing found: a word of a multi-word glossary term, typed alone, asked again
    with the term's other-language forms, and a long question with fewer words required (each
    kept if it finds more); if still nothing, the closest spelling the reader may see, when it
    finds something. Returns (query, result, corrected)."""
    partial = glossary.partial_expansion_languages(query.text)
    if partial:
        widened = dataclasses.replace(query, partial_expansions=partial)
        answer = engine.search(widened)
        if answer.total > result.total:
            query, result = widened, answer
    if len(query.text.split()) >= 3:
        relaxed = dataclasses.replace(query, relaxed=True)
        answer = engine.search(relaxed)
        if answer.total > result.total:
            return relaxed, answer, None
    if result.total:
        return query, result, None
    suggestion = engine.suggest(query)
    if suggestion and suggestion != query.text.casefold():
        forms = glossary.expansion_languages(suggestion)
        corrected = dataclasses.replace(
            query,
            text=suggestion,
            expansions=list(forms),
            expansion_languages=forms,
            partial_expansions=glossary.partial_expansion_languages(suggestion),
        )
        answer = engine.search(corrected)
        if answer.total:
            return corrected, answer, suggestion
    return query, result, None


_REPLAY_CHECK_SECONDS = 30
_last_replay_check = [0.0]


def _replay_if_waiting() -> None:
    """The engine just answered: if updates queued while it was down, have them applied.

    Checked at most every 30 s per process, so searching stays one engine call.
    """
    now = time.monotonic()
    if now - _last_replay_check[0] < _REPLAY_CHECK_SECONDS:
        return
    _last_replay_check[0] = now
    from .models import PendingIndexUpdate
    from .tasks import process_pending_index_updates

    if PendingIndexUpdate.objects.exists():
        enqueue_unless_waiting(process_pending_index_updates)


def _checked_suggestion(engine, query: SearchQuery, found: int) -> str | None:
    """Offer a correction only if it finds more than the reader's own words did."""
    suggestion = engine.suggest(query)
    if not suggestion or suggestion == query.text.casefold():
        return None
    probe = SearchQuery(
        text=suggestion,
        language=query.language,
        audiences=query.audiences,
        expansions=list(glossary.expansion_languages(suggestion)),
        expansion_languages=glossary.expansion_languages(suggestion),
        partial_expansions=glossary.partial_expansion_languages(suggestion),
        filters=query.filters,
        limit=1,
    )
    return suggestion if engine.search(probe).total > found else None


def _present_hit(hit, user, language: str, labels: dict[str, str]) -> dict:
    translations = [
        {
            "language": t["language"],
            "title": t["title"],
            "url": t["url"],
            "language_name": LANGUAGE_NAMES.get(t["language"], t["language"]),
        }
        for t in hit.translations
        if can_view(user, t.get("audience"))
    ]
    return {
        "id": hit.id,
        "type": hit.type,
        "type_label": labels.get(hit.type, hit.type),
        "title": hit.title,
        "url": hit.url,
        "language": hit.language,
        "language_name": LANGUAGE_NAMES.get(hit.language, hit.language),
        "in_language": IN_LANGUAGE.get(hit.language, hit.language),
        "other_language": hit.language != language,
        "snippet": hit.snippet,
        "snippet_language": hit.snippet_language,
        "snippet_from": FROM_VERSION.get(hit.snippet_language, hit.snippet_language) if hit.snippet_language else "",
        "date": hit.date,
        "translations": translations,
    }


def _present_facets(raw: dict, filters: dict, language: str) -> list[Facet]:
    taxonomy = _taxonomy_labels(language)
    labels = {"type": type_labels(), "language": LANGUAGE_NAMES, **taxonomy}
    facets = []
    for name in FACETS:
        values = []
        for value, count in raw.get(name, []):
            if not count:
                continue
            label = labels.get(name, {}).get(value, value)
            values.append({"value": value, "label": label, "count": count, "selected": value in filters.get(name, [])})
        if name == "year":
            values.sort(key=lambda v: v["value"], reverse=True)
        facets.append(Facet(name=name, label=str(FACET_LABELS[name]), values=values))
    return facets


def autocomplete_run(*, user, prefix: str | None, language: str, limit: int = 8) -> list[dict]:
    text, _shortened = clean_query(prefix)
    if len(text) < 2:
        return []
    language = language if language in LANGUAGES else LANGUAGES[0]
    with rebuilding_when_lost():
        return get_engine().autocomplete(text[:100], language, visible_audiences(user), limit)
