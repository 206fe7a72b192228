"""What an Elasticsearch/OpenSearch index of Liaison is: settings, analyzers and mappings.

Each language's text fields get two analyzers built from ``search/languages.py``:

- ``liaison_<lang>`` at index time: acronyms joined ("B.C.N." → "BCN", "IEDs" → "IED"), the
  standard tokenizer, elision ("l'IA" → "IA"), acronyms marked so no stemmer cuts them,
  lowercase, script normalisation, the language's stop words (still accented, as written), the
  stemmer, and last accent folding — the light stemmers of French and Spanish read accents
  ("policières" and "policier" meet in ``polici``), and folding after them makes a word typed
  without its accents meet the same stem ("identifiees" and "identifiées" → ``identif``);
- ``liaison_<lang>_search`` at query time: the same chain with the glossary as a
  ``synonym_graph`` after lowercase, so a term in one language also searches its other forms.

The glossary lives only in the search analyzers: changing it needs no re-index. The engine
updates the analyzers in place (``ElasticEngine.apply_glossary``) and records the glossary's
digest in the mapping's ``_meta``.
"""

from __future__ import annotations

import hashlib

from elasticsearch_dsl import Index as DslIndex
from elasticsearch_dsl import analyzer, char_filter, token_filter

from ..documents import KEYWORD_FIELDS, LANGUAGES
from ..languages import analysis
from .elastic_client import ClusterSettings

FIELD_PARTS = ("title", "summary", "body", "alt", "keywords")

# "B.C.N." → "BCN." (the tokenizer drops the last dot), "I-CORE" → "ICORE" and "IEDs"/"NCBs" →
# "IED"/"NCB": an acronym is one token, the same whether written with dots, without, or in the
# plural (so the I of I-CORE never meets a stemmed "IED").
acronym_dots = char_filter(
    "liaison_acronym_dots", "pattern_replace", pattern=r"(\p{Lu})[.-](?=\p{Lu})", replacement="$1"
)
acronym_plural = char_filter(
    "liaison_acronym_plural", "pattern_replace", pattern=r"\b(\p{Lu}{2,})s\b", replacement="$1"
)
# Words written in capitals (two letters or more) are acronyms: no stemmer touches them.
acronym_keep = token_filter("liaison_acronym_keep", "keyword_marker", keywords_pattern=r"\p{Lu}[\p{Lu}\d]+")
folding = token_filter("liaison_folding", "asciifolding", preserve_original=False)


def _stop(code: str):
    return token_filter(f"liaison_{code}_stop", "stop", stopwords=analysis(code).elastic_stop)


def _elision(codes):
    articles = sorted({article for code in codes for article in analysis(code).elisions})
    return [token_filter("liaison_" + "_".join(codes) + "_elision", "elision", articles=articles, articles_case=True)]


def glossary_filter(rules: list[str]):
    # An empty synonym list is refused by some versions: a rule that can never match stands in.
    return token_filter("liaison_glossary", "synonym_graph", synonyms=rules or ["liaisonnoglossaryterm"], lenient=True)


def _language_analyzer(code: str, rules: list[str] | None):
    language = analysis(code)
    chain = [
        *(_elision([code]) if language.elisions else []),
        acronym_keep,
        "lowercase",
        *([glossary_filter(rules)] if rules is not None else []),
        *language.elastic_normalisers,
        _stop(code),
        *(token_filter(f"liaison_{code}_{name}", "stemmer", language=name) for name in language.elastic_stemmers),
        folding,
    ]
    name = f"liaison_{code}_search" if rules is not None else f"liaison_{code}"
    return analyzer(name, tokenizer="standard", char_filter=[acronym_dots, acronym_plural], filter=chain)


def folded_analyzer():
    """Every language at once, unstemmed: did-you-mean, completion and the catch-all field."""
    with_elision = [code for code in LANGUAGES if analysis(code).elisions]
    return analyzer(
        "folded",
        tokenizer="standard",
        char_filter=[acronym_dots, acronym_plural],
        filter=[
            *(_elision(with_elision) if with_elision else []),
            "lowercase",
            *(_stop(code) for code in LANGUAGES),
            folding,
        ],
    )


def glossary_digest(rules: list[str]) -> str:
    return hashlib.sha256("\n".join(rules).encode()).hexdigest()[:16]


def _index(cluster: ClusterSettings, rules: list[str]) -> DslIndex:
    index = DslIndex("template")
    index.settings(
        number_of_shards=cluster.shards,
        number_of_replicas=cluster.replicas,
        refresh_interval=cluster.refresh_interval,
        max_result_window=20_000,
    )
    index.analyzer(folded_analyzer())
    for code in LANGUAGES:
        index.analyzer(_language_analyzer(code, None))
        index.analyzer(_language_analyzer(code, rules))
    return index


def analysis_settings(cluster: ClusterSettings, rules: list[str]) -> dict:
    """The ``analysis`` block alone (updated on a closed index when the glossary changes)."""
    return _index(cluster, rules).to_dict()["settings"]["analysis"]


def index_body(cluster: ClusterSettings, rules: list[str]) -> dict:
    """Settings and mappings of a new Liaison index."""
    body = _index(cluster, rules).to_dict()
    keyword_fields = (*KEYWORD_FIELDS, "title")
    properties: dict = {name: {"type": "keyword"} for name in keyword_fields}
    properties.update(
        url={"type": "keyword", "index": False},
        year={"type": "integer"},
        date={"type": "date"},
        translations={"type": "object", "enabled": False},
        all_folded={"type": "text", "analyzer": "folded"},
        title_suggest={"type": "search_as_you_type", "analyzer": "folded"},
    )
    for code in LANGUAGES:
        for part in FIELD_PARTS:
            properties[f"{part}_{code}"] = {
                "type": "text",
                "analyzer": f"liaison_{code}",
                "search_analyzer": f"liaison_{code}_search",
            }
    body["mappings"] = {
        "dynamic": "strict",
        "_meta": {"glossary": glossary_digest(rules)},
        "properties": properties,
    }
    return body
