"""Glossary expansion: a query using a term in one language also searches the other's."""

from __future__ import annotations

import re
import time

from django.core.cache import cache

from .analysis import fold

_WORD = re.compile(r"\w+", re.UNICODE)
_CACHE_KEY = "search:glossary-version"
_TTL = 300
_state: dict = {"version": None, "loaded": 0.0, "entries": []}


def _singular(word: str) -> str:
    """Plural folding good enough for matching terms in English and French."""
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def normalise(text: str) -> str:
    """Folded, singular words; dots dropped so 'B.C.N.' == 'BCN' and 'IEDs' == 'IED'."""
    return " ".join(_singular(w) for w in _WORD.findall(fold(text).replace(".", "")))


def bump_version() -> None:
    """Called when staff change the glossary, so every process reloads it."""
    try:
        cache.incr(_CACHE_KEY)
    except ValueError:
        cache.set(_CACHE_KEY, 1, None)


def _entries() -> list[list[tuple[str, str, str]]]:
    version = cache.get(_CACHE_KEY)
    stale = time.monotonic() - _state["loaded"] > _TTL
    if _state["loaded"] == 0.0 or version != _state["version"] or stale:
        from .models import GlossaryEntry

        _state["entries"] = [
            [(form, normalise(form), language) for language, form in entry.forms_by_language() if normalise(form)]
            for entry in GlossaryEntry.objects.all()
        ]
        _state["version"] = version
        _state["loaded"] = time.monotonic()
    return _state["entries"]


def expansions_for(text: str, limit: int = 12) -> list[str]:
    """Other forms of every glossary term found in ``text`` (other language, acronyms…)."""
    return list(expansion_languages(text, limit))


def expansion_languages(text: str, limit: int = 12) -> dict[str, str]:
    """The other forms of the glossary terms in ``text``, each with its language: an engine
    matches a form only in the fields of its own language (an English stemmer never meets a
    French word)."""
    query = f" {normalise(text)} "
    if not query.strip():
        return {}
    found: dict[str, str] = {}
    hits = []
    for forms in _entries():
        matched = {norm for _form, norm, _language in forms if f" {norm} " in query}
        if matched:
            hits.append((forms, matched))
    # A term inside a longer term that also matched is not a term of the query: "intelligence
    # artificielle" is not the glossary's "intelligence" (renseignement).
    longer = [norm for _forms, matched in hits for norm in matched]
    for forms, matched in hits:
        if all(any(f" {norm} " in f" {other} " and norm != other for other in longer) for norm in matched):
            continue
        for form, norm, language in forms:
            if norm not in matched and norm not in query and form not in found:
                found[form] = language
    return dict(list(found.items())[:limit])


def synonym_rules() -> list[str]:
    """The glossary as equivalence rules for the engines' synonym filters ("NCB, BCN, …").

    Commas separate the forms of a rule and ``=>``/backslashes have a meaning there, so they are
    dropped from the forms staff typed."""
    from .models import GlossaryEntry

    rules = []
    for entry in GlossaryEntry.objects.order_by("pk"):
        forms = []
        for form in entry.forms():
            cleaned = " ".join(form.replace("=>", " ").replace("\\", " ").split())
            if cleaned and cleaned not in forms:
                forms.append(cleaned)
        if len(forms) > 1:
            rules.append(", ".join(forms))
    return rules


def ensure_applied(engine) -> None:
    """Engines that analyse the glossary themselves (synonym filters) get it again when it
    changed: checked against the cached version, so once per change and process."""
    apply = getattr(engine, "apply_glossary", None)
    if apply is None:
        return
    version = cache.get(_CACHE_KEY)
    if getattr(engine, "glossary_version", ...) == version:
        return
    apply()
    engine.glossary_version = version
