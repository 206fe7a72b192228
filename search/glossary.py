"""Glossary expansion: a query using a term in one language also searches the other's."""

from __future__ import annotations

import re
import time

from django.core.cache import cache

from .analysis import fold

_WORD = re.compile(r"\w+", re.UNICODE)
_CACHE_KEY = "search:glossary-version"
_TTL = 300
_state: dict = {"version": None, "loaded": 0.0, "entries": [], "words": {}, "answers": {}}
_ANSWERS_KEPT = 2048  # expansions remembered per process (the same queries come back)
PARTIAL_FORMS = 3  # other-language forms a single word of a multi-word term brings


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
        _state["words"] = _distinctive_words(_state["entries"])
        _state["answers"] = {}
        _state["version"] = version
        _state["loaded"] = time.monotonic()
    return _state["entries"]


def _distinctive_words(entries) -> dict[str, int]:
    """Words of multi-word forms that belong to one entry only ("stupefiant" of "trafic de
    stupéfiants", "faciale" of "reconnaissance faciale"), each with its entry's position. Short
    words and words several entries share ("donnee", "trafic", "crime") are left out: they
    do not say which term the reader means."""
    owners: dict[str, set[int]] = {}
    for position, forms in enumerate(entries):
        for _form, norm, _language in forms:
            for word in norm.split():
                owners.setdefault(word, set()).add(position)
    single = {norm for forms in entries for _form, norm, _language in forms if " " not in norm}
    return {
        word: next(iter(positions))
        for word, positions in owners.items()
        if len(positions) == 1
        and len(word) >= 5
        and word not in single
        and any(" " in norm and word in norm.split() for _f, norm, _l in entries[next(iter(positions))])
    }


def expansions_for(text: str, limit: int = 12) -> list[str]:
    """Other forms of every glossary term found in ``text`` (other language, acronyms…)."""
    return list(expansion_languages(text, limit))


def expansion_languages(text: str, limit: int = 12) -> dict[str, str]:
    """The other forms of the glossary terms in ``text``, each with its language: an engine
    matches a form only in the fields of its own language (an English stemmer never meets a
    French word)."""
    return dict(_answer(text, limit)[0])


def partial_expansion_languages(text: str) -> dict[str, str]:
    """The other-language forms of a multi-word term one word of which ``text`` holds (see
    ``_expansion_languages``), each with its language; engines match them with a low boost.
    The service asks for them only when the word alone finds (almost) nothing: "policière"
    finds its own pages and needs no "police cooperation"."""
    return dict(_answer(text, 12)[1])


def _answer(text: str, limit: int) -> tuple[dict[str, str], dict[str, str]]:
    """Remembered per text until the glossary changes: the same queries come back."""
    entries = _entries()
    answers = _state["answers"]
    key = (text, limit)
    if key not in answers:
        if len(answers) >= _ANSWERS_KEPT:
            answers.clear()
        answers[key] = _expansion_languages(entries, _state["words"], text, limit)
    return answers[key]


def _expansion_languages(entries, distinctive: dict[str, int], text: str, limit: int):
    query = f" {normalise(text)} "
    if not query.strip():
        return {}, {}
    found: dict[str, str] = {}
    hits = []
    for forms in entries:
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
    # A single word of a multi-word term ("stupéfiants", "faciale"), typed alone, reaches the
    # term's forms in the other languages: written in the reader's language, the word already
    # finds its own language's form. Alone only: beside other words the term's forms would
    # match documents about it alone, and hide a typo's correction ("explosiv devices").
    whole = {id(forms) for forms, _matched in hits}
    partial: dict[str, str] = {}
    content = [word for word in query.split() if len(word) > 3]
    for word in content if len(content) == 1 else ():
        position = distinctive.get(word)
        if position is None or id(entries[position]) in whole:
            continue
        forms = entries[position]
        typed_in = {language for _form, norm, language in forms if word in norm.split()}
        others = [(form, language) for form, _norm, language in forms if language not in typed_in]
        for form, language in others[:PARTIAL_FORMS]:
            if form not in found:
                partial.setdefault(form, language)
    return dict(list(found.items())[:limit]), partial


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
