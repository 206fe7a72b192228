"""The engine-independent shape of a search request and its results."""

from __future__ import annotations

from dataclasses import dataclass, field

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


class EngineUnavailable(Exception):
    """The search engine cannot answer now (down, unreachable, or timing out)."""


@dataclass
class SearchQuery:
    text: str  # cleaned user text ("" = browse everything the filters allow)
    language: str  # the reader's language: one result per item, in this language when possible
    audiences: list[str]  # what the reader may see; enforced inside the engine query
    expansions: list[str] = field(default_factory=list)  # glossary forms in other languages
    expansion_languages: dict[str, str] = field(default_factory=dict)  # form → its language
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name → accepted values
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    relaxed: bool = False  # fewer words must match (see RELAXED_SHOULD_MATCH)


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


@dataclass
class EngineResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
