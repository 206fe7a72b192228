"""How each language is analysed, in both engines: one registry, read from settings.LANGUAGES.

Adding a language to the site is a setting; the engines take the analysis from here. A language
the registry does not know stops the start with its name, rather than being indexed without
stemming or stop words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Analysis:
    code: str
    tantivy: str  # tantivy's stemmer (and stop-word list) name
    elastic: str  # the built-in analyzer of Elasticsearch and OpenSearch
    elastic_stop: str  # the built-in stop-word list, for the accent-folded field
    # tantivy has no stop-word list for some languages: ours, then (common function words).
    stop_words: tuple[str, ...] = ()


REGISTRY = {
    "en": Analysis("en", "english", "english", "_english_"),
    "fr": Analysis("fr", "french", "french", "_french_"),
    "es": Analysis("es", "spanish", "spanish", "_spanish_"),
    "ar": Analysis(
        "ar",
        "arabic",
        "arabic",
        "_arabic_",
        stop_words=(
            "في",
            "من",
            "على",
            "إلى",
            "الى",
            "عن",
            "مع",
            "هذا",
            "هذه",
            "ذلك",
            "التي",
            "الذي",
            "الذين",
            "و",
            "أو",
            "او",
            "ثم",
            "أن",
            "ان",
            "إن",
            "كان",
            "كانت",
            "ما",
            "لا",
            "لم",
            "لن",
            "هو",
            "هي",
            "قد",
            "كل",
            "بين",
            "عند",
            "حتى",
            "بعد",
            "قبل",
            "منذ",
            "أي",
            "كما",
            "به",
            "بها",
            "له",
            "لها",
        ),
    ),
}


def search_languages() -> tuple[str, ...]:
    """The site's languages (settings.LANGUAGES), each with its analysis."""
    codes = tuple(code[:2] for code, _name in settings.LANGUAGES)
    unknown = [code for code in codes if code not in REGISTRY]
    if unknown:
        raise ImproperlyConfigured(
            f"No search analysis for {', '.join(unknown)}: add it to search/languages.py REGISTRY."
        )
    return codes


def analysis(code: str) -> Analysis:
    return REGISTRY[code]
