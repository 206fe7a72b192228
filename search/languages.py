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
    elastic_stop: str  # Elasticsearch/OpenSearch built-in stop-word list
    # Elasticsearch/OpenSearch ``stemmer`` filters, in order (light stemmers: a query typed
    # without accents or in another form of the word meets the same stem).
    elastic_stemmers: tuple[str, ...]
    # Articles joined by an apostrophe, removed by the ``elision`` filter ("l'IA" → "IA").
    elisions: tuple[str, ...] = ()
    # Filters that normalise the script before stop words (Arabic letter forms).
    elastic_normalisers: tuple[str, ...] = ()
    # tantivy has no stop-word list for some languages: ours, then (common function words).
    stop_words: tuple[str, ...] = ()
    # Words that make a query a question ("how", "comment"): dropped before searching, so a
    # question's own words do not count among those that must match.
    question_words: tuple[str, ...] = ()


REGISTRY = {
    # English takes Porter (the stemmer of the engines' own `english` analyzer), not the light
    # KStem: KStem leaves "trafficked" (→ trafficke) apart from "trafficking" (→ traffick).
    # Acronyms are marked as keywords before it, so "IEDs" no longer becomes "i".
    "en": Analysis(
        "en",
        "english",
        "_english_",
        ("possessive_english", "english"),
        question_words=(
            "how",
            "what",
            "which",
            "who",
            "whom",
            "whose",
            "where",
            "when",
            "why",
            "do",
            "does",
            "did",
            "can",
            "could",
            "should",
            "would",
            "i",
            "we",
            "you",
            "me",
            "my",
            "our",
            "please",
        ),
    ),
    "fr": Analysis(
        "fr",
        "french",
        "_french_",
        ("light_french",),
        elisions=("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"),
        question_words=(
            "comment",
            "quel",
            "quelle",
            "quels",
            "quelles",
            "qui",
            "que",
            "quoi",
            "où",
            "quand",
            "pourquoi",
            "combien",
            "est-ce",
            "je",
            "nous",
            "on",
            "peut",
            "peuvent",
            "puis-je",
        ),
    ),
    "es": Analysis(
        "es",
        "spanish",
        "_spanish_",
        ("light_spanish",),
        question_words=("cómo", "como", "qué", "que", "cuál", "cuáles", "quién", "quiénes", "dónde", "cuándo", "por"),
    ),
    "ar": Analysis(
        "ar",
        "arabic",
        "_arabic_",
        ("arabic",),
        elastic_normalisers=("arabic_normalization",),
        question_words=("كيف", "ماذا", "ما", "أين", "متى", "لماذا", "هل"),
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


def question_words() -> frozenset[str]:
    """The question words of every site language (a query may be in any of them)."""
    return frozenset(word for code in search_languages() for word in REGISTRY[code].question_words)
