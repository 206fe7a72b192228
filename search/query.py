"""The engine-independent shape of a search request and its results."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.audiences import highest

FACETS = ("type", "theme", "region", "year", "language")
# Facet name → document field holding its values.
FACET_FIELDS = {"type": "type", "theme": "themes", "region": "regions", "year": "year", "language": "languages"}
SORTS = ("relevance", "date")
# How many of the query's words must match, in Elasticsearch's notation and as a count for the
# embedded engine: all up to two, then three quarters. A long question that finds nothing is
# asked again relaxed: all up to two, then half.
MINIMUM_SHOULD_MATCH = "2<75%"
RELAXED_SHOULD_MATCH = "2<50%"


def minimum_should_match(count: int, relaxed: bool = False) -> int:
    if relaxed:
        return count if count <= 2 else max(2, count // 2)
    return count if count <= 2 else max(2, (count * 3) // 4)


def scoped(value: str, clearance: str) -> str:
    """A per-clearance token: which version of an item a reader gets, and which languages it
    has, depend on what the reader may open ("fr@public", "fr@law_enforcement")."""
    return f"{value}@{clearance}"


def filter_values(facet: str, values, clearance: str) -> list[str]:
    """What a facet filter matches in the index (languages are stored per clearance)."""
    return [scoped(v, clearance) for v in values] if facet == "language" else list(values)


def reader_buckets(facet: str, buckets: list[tuple[str, int]], clearance: str) -> list[tuple[str, int]]:
    """A facet's buckets as the reader sees them: for languages, only those of their clearance."""
    if facet != "language":
        return buckets
    suffix = f"@{clearance}"
    return [(key.removesuffix(suffix), count) for key, count in buckets if key.endswith(suffix)]


class EngineUnavailable(Exception):
    """The search engine cannot answer now (down, unreachable, or timing out)."""


class IndexMissing(EngineUnavailable):
    """No index where the settings point: it was never built, or it was deleted."""


class IndexDamaged(EngineUnavailable):
    """An index file is truncated, corrupt or gone."""


@dataclass
class SearchQuery:
    text: str  # cleaned user text ("" = browse everything the filters allow)
    language: str  # the reader's language: one result per item, in this language when possible
    audiences: list[str]  # what the reader may see; enforced inside the engine query
    expansions: list[str] = field(default_factory=list)  # glossary forms in other languages
    expansion_languages: dict[str, str] = field(default_factory=dict)  # form → its language
    # Other-language forms of a multi-word term one word of which was typed ("stupéfiants" →
    # "drug trafficking"): form → its language, matched as phrases with a low boost.
    partial_expansions: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name → accepted values
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    relaxed: bool = False  # fewer words must match (see RELAXED_SHOULD_MATCH)

    @property
    def clearance(self) -> str:
        return highest(self.audiences)

    @property
    def primary_token(self) -> str:
        """The documents that stand for their item for this reader (language, clearance)."""
        return scoped(self.language, self.clearance)


@dataclass
class Hit:
    id: str
    type: str
    language: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    date: str | None
    translations: list[dict]
    score: float = 0.0
    # Set when the words matched another version of the item (its translation): the snippet is
    # that version's text, in this language.
    snippet_language: str | None = None


@dataclass
class EngineResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
