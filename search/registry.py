"""The registry of what is indexed. Apps register sources from their ``search_sources`` module.

A source knows one kind of indexed thing: which model instances it covers, and how to turn
them into :class:`SearchDocument` objects (one per language version). The registry then links
the language versions of each item (translation group) so that a reader gets one result per
item, in their language where one exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from portal.audiences import AUDIENCE_ORDER, rank

from .documents import LANGUAGES, SearchDocument, Translation
from .query import scoped


@dataclass
class IndexSource:
    """One kind of indexed thing.

    Documents are made and replaced by *unit* (for pages: a translation group), because a
    change to one language version changes what its other versions carry.
    """

    name: str  # e.g. "page"
    models: tuple[type, ...]  # saving or deleting these triggers an update of their unit
    units_of: Callable[[object], list[str]]  # unit keys whose documents change with this instance
    documents: Callable[[Iterable[str] | None], Iterator[SearchDocument]]  # for these unit keys, or all
    count: Callable[[], int]  # roughly how many documents a full rebuild makes (for progress)
    types: dict[str, str] = None  # document type → label (lazy translation) for facets

    def unit_id(self, key: str) -> str:
        return f"{self.name}:{key}"


_SOURCES: dict[str, IndexSource] = {}


def register(source: IndexSource) -> None:
    _SOURCES[source.name] = source


def autodiscover() -> None:
    """Register the ``SOURCES`` declared in every installed app's ``search_sources`` module.

    Each declaration is a dict with ``name``, ``models``, ``units_of``, ``count`` and
    ``documents`` (yielding plain dicts with the fields of :class:`SearchDocument`).
    """
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        module_name = f"{config.name}.search_sources"
        if find_spec(module_name) is None:
            continue
        for declaration in import_module(module_name).SOURCES:
            register(_from_declaration(declaration))


def _from_declaration(declaration: dict) -> IndexSource:
    make = declaration["documents"]
    types = dict(declaration.get("types", {}))

    def documents(units=None):
        labels = _type_labels(types)
        for payload in make(units):
            doc = SearchDocument(**payload)
            # The kind of item is a word readers use ("conclusions on terrorism", "toolkit"):
            # its name in every language joins the keywords.
            for language, label in labels.get(doc.type, {}).items():
                doc.keywords = {**doc.keywords, language: [*doc.keywords.get(language, []), label]}
            yield doc

    return IndexSource(
        name=declaration["name"],
        models=tuple(declaration["models"]),
        units_of=declaration["units_of"],
        documents=documents,
        count=declaration["count"],
        types=dict(declaration.get("types", {})),
    )


def _type_labels(types: dict) -> dict[str, dict[str, str]]:
    """Each document type's label in each site language."""
    from django.utils import translation

    labels: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            for name, label in types.items():
                labels.setdefault(name, {})[language] = str(label)
    return labels


def sources() -> list[IndexSource]:
    return list(_SOURCES.values())


def type_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for source in _SOURCES.values():
        labels.update(source.types or {})
    return labels


def source_for(instance) -> IndexSource | None:
    for source in _SOURCES.values():
        if isinstance(instance, source.models):
            return source
    return None


def link_translations(documents: list[SearchDocument]) -> list[SearchDocument]:
    """Fill languages, primary_for, translations and alt_text from each translation group."""
    groups: dict[str, list[SearchDocument]] = defaultdict(list)
    for doc in documents:
        groups[doc.group].append(doc)
    for members in groups.values():
        for doc in members:
            others = [m for m in members if m is not doc]
            doc.translations = [Translation(m.language, m.title, m.url, m.audience) for m in others]
            # Another version's text helps matching only if it is not more restricted.
            doc.alt_text = {
                m.language: " ".join(filter(None, [m.title, m.summary, m.body]))
                for m in others
                if rank(m.audience) <= rank(doc.audience)
            }
            # For each clearance that may open this document: the languages the item has there,
            # and the reader languages it stands for there (its own, and any language with no
            # version open at that clearance). A reader cleared for a more restricted version
            # gets that one alone; a reader who is not gets this one, and counts only it.
            doc.languages, doc.primary_for = [], []
            for clearance in AUDIENCE_ORDER[rank(doc.audience) :]:
                open_there = [m for m in members if rank(m.audience) <= rank(clearance)]
                doc.languages += [scoped(code, clearance) for code in sorted({m.language for m in open_there})]
                doc.primary_for += [
                    scoped(code, clearance)
                    for code in LANGUAGES
                    if code == doc.language or not any(m.language == code for m in open_there)
                ]
    return documents
