"""What a search document is. Both engines index exactly these fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from .languages import search_languages

LANGUAGES = search_languages()  # settings.LANGUAGES, each with its analysis (search/languages.py)

# Fields both engines index as exact values (for filters, facets and replacing units).
KEYWORD_FIELDS = (
    "id",
    "unit",
    "group",
    "type",
    "language",
    "primary_for",
    "languages",
    "themes",
    "regions",
    "country",
    "audience",
)


@dataclass
class Translation:
    """Another language version of the same item, offered next to a result."""

    language: str
    title: str
    url: str
    audience: str


@dataclass
class SearchDocument:
    id: str  # "<source>:<pk>", unique across the index
    type: str  # e.g. "best_practice", "conclusion", "event"
    language: str  # language of this document's own text
    group: str  # translation group: every language version shares it
    unit: str  # refresh unit: all documents re-made together when one thing changes
    title: str
    url: str
    audience: str
    summary: str = ""
    body: str = ""
    themes: list[str] = field(default_factory=list)  # theme slugs
    regions: list[str] = field(default_factory=list)  # region slugs
    country: str = ""
    date: dt.date | None = None
    # Filled by the registry from the translation group:
    primary_for: list[str] = field(default_factory=list)  # reader languages this document represents
    languages: list[str] = field(default_factory=list)  # languages the item is available in
    translations: list[Translation] = field(default_factory=list)
    alt_text: dict[str, str] = field(default_factory=dict)  # language -> translations' text
    keywords: dict[str, list[str]] = field(default_factory=dict)  # language -> names of its themes/regions

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def as_dict(self) -> dict:
        return asdict(self)

    def indexed_fields(self) -> dict:
        """What both engines index, by field name; each engine only adapts value types.

        Exact values (KEYWORD_FIELDS), the document's own text in its language's fields, its
        translations' text (alt_<lang>), its theme/region names (keywords_<lang>), and
        everything together in the accent-folded field.
        """
        fields: dict = {name: getattr(self, name) for name in KEYWORD_FIELDS}
        fields.update(
            {
                "title": self.title,
                "url": self.url,
                "year": self.year,
                "date": self.date,
                "translations": [asdict(t) for t in self.translations],
                f"title_{self.language}": self.title,
                f"summary_{self.language}": self.summary,
                f"body_{self.language}": self.body,
            }
        )
        names = [name for language_names in self.keywords.values() for name in language_names]
        for language, text in self.alt_text.items():
            fields[f"alt_{language}"] = text
        for language, language_names in self.keywords.items():
            fields[f"keywords_{language}"] = " ".join(language_names)
        fields["all_folded"] = " ".join([self.title, self.summary, self.body, *self.alt_text.values(), *names])
        return fields
