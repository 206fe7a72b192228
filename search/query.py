"""The engine-independent shape of a search request and its results."""

from __future__ import annotations

from dataclasses import dataclass, field

FACETS = ("type", "theme", "region", "year", "language")
# Facet name → document field holding its values.
FACET_FIELDS = {"type": "type", "theme": "themes", "region": "regions", "year": "year", "language": "languages"}
SORTS = ("relevance", "date")


class EngineUnavailable(Exception):
    """The search engine cannot answer now (down, unreachable, or timing out)."""


@dataclass
class SearchQuery:
    text: str  # cleaned user text ("" = browse everything the filters allow)
    language: str  # the reader's language: one result per item, in this language when possible
    audiences: list[str]  # what the reader may see; enforced inside the engine query
    expansions: list[str] = field(default_factory=list)  # glossary forms in other languages
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name → accepted values
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10


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
