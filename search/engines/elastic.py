"""The Elasticsearch engine (also OpenSearch), through elasticsearch-dsl and the 8.x client.

Used when SEARCH_URL is set. The index is reached through an alias; a rebuild creates a new
index, fills it, and moves the alias in one atomic call, so searches never stop. How the
client connects (credentials, TLS, flavour) is in ``elastic_client``; what an index holds
(analyzers, glossary synonyms, mappings) in ``elastic_analysis``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from html import escape

from elastic_transport import TransportError as _TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import A, Q, Search

from portal.audiences import highest

from ..analysis import best_correction, fold, surface_form, words
from ..documents import LANGUAGES, SearchDocument
from ..query import (
    FACET_FIELDS,
    MINIMUM_SHOULD_MATCH,
    RELAXED_SHOULD_MATCH,
    EngineResult,
    EngineUnavailable,
    Hit,
    SearchQuery,
    filter_values,
    reader_buckets,
    scoped,
)
from .elastic_analysis import analysis_settings, glossary_digest, index_body
from .elastic_client import ClusterSettings, connect, explain

FIELD_BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0, "alt": 0.7, "keywords": 1.5}
PARTIAL_EXPANSION_BOOST = 0.3  # as in the embedded engine: below the words typed
# Highlight marks for the did-you-mean words: private-use characters no text holds (control
# characters were dropped by the highlighter at the start of a fragment).
OPEN, CLOSE = "\ue000", "\ue001"
BULK_CHUNK = 500  # documents per bulk request; the stream never holds more than one chunk
SHARDS_WAIT = 5.0  # seconds a call waits for shards to have a copy again
SHARDS_MOVING = {
    "index_closed_exception",  # (400) closed for a moment while the glossary is applied
    "search_phase_execution_exception",  # (503) all shards failed: reopening, or a copy promoted
    "no_shard_available_action_exception",
    "unavailable_shards_exception",
}


def _glossary_rules() -> list[str]:
    from ..glossary import synonym_rules

    return synonym_rules()


def to_source(doc: SearchDocument) -> dict:
    source = doc.indexed_fields()
    source["country"] = source["country"] or None
    source["date"] = doc.date.isoformat() if doc.date else None
    source["title_suggest"] = doc.title
    return source


class ElasticEngine:
    name = "elasticsearch"

    def __init__(self, cluster: ClusterSettings):
        self.cluster = cluster
        self.url = cluster.url
        self.alias = cluster.index
        self._client: Elasticsearch | None = None
        self._alias_ready = False

    # --- connection ------------------------------------------------------------------------
    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client, self.name = connect(self.cluster)
        return self._client

    def _call(self, fn: Callable, *args, **kwargs):
        deadline = time.monotonic() + SHARDS_WAIT
        while True:
            try:
                return fn(*args, **kwargs)
            except _TransportError as exc:  # connection refused, timeout, certificate…
                raise explain(exc, self.url) from exc
            except ApiError as exc:
                # Shards briefly without a copy (the index reopening after a glossary change, a
                # replica being promoted after a node loss): wait a little, then give up.
                # A search already running on a shard as the index closes fails with a 400 whose
                # cause is "this Analyzer is closed" (already_closed_exception): the same moment.
                closed = exc.error == "index_closed_exception" or "already_closed_exception" in str(exc.body)
                moving = closed or (exc.meta.status == 503 and exc.error in SHARDS_MOVING)
                if moving and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                if exc.meta.status >= 500 or exc.meta.status in (401, 403, 429):
                    raise explain(exc, self.url) from exc
                raise

    def _ensure_alias(self) -> None:
        if self._alias_ready:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = self._new_index()
            self._open_for_reading(name)
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        self._alias_ready = True

    def _new_index(self) -> str:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"
        body = index_body(self.cluster, _glossary_rules())
        body["settings"]["refresh_interval"] = "-1"  # filled first, then refreshed once
        self._call(self.client.indices.create, index=name, body=body)
        return name

    def _open_for_reading(self, name: str) -> None:
        """The configured refresh interval, one refresh, and the wait for the primaries."""
        self._call(
            self.client.indices.put_settings,
            index=name,
            settings={"index": {"refresh_interval": self.cluster.refresh_interval}},
        )
        self._call(self.client.indices.refresh, index=name)

    def apply_glossary(self, rules: list[str] | None = None) -> bool:
        """Put the glossary into the search analyzers of the live index, with no re-index.

        Neither OpenSearch's core nor Elasticsearch without its reload API can change inline
        synonyms of an open index, so the index is closed, its analysis updated and reopened
        (a second or less; searches meanwhile wait, see ``_call``). The glossary's digest in
        the mapping's ``_meta`` makes this a no-op when it is already applied. Returns whether
        the index changed."""
        self._ensure_alias()
        rules = _glossary_rules() if rules is None else rules
        digest = glossary_digest(rules)
        mappings = self._call(self.client.indices.get_mapping, index=self.alias).body
        names = [name for name, body in mappings.items() if body["mappings"].get("_meta", {}).get("glossary") != digest]
        for name in names:
            self._call(self.client.indices.close, index=name)
            try:
                self._call(
                    self.client.indices.put_settings,
                    index=name,
                    settings={"analysis": analysis_settings(self.cluster, rules)},
                )
            finally:
                self._call(self.client.indices.open, index=name, wait_for_active_shards="1")
            self._call(self.client.indices.put_mapping, index=name, meta={"glossary": digest})
        return bool(names)

    def ping(self) -> bool:
        try:
            self._ensure_alias()
        except EngineUnavailable:
            return False
        return True

    def count(self) -> int:
        self._ensure_alias()
        return self._call(self.client.count, index=self.alias)["count"]

    # --- writing ---------------------------------------------------------------------------
    def _actions(self, index: str, documents: Iterable[SearchDocument]):
        for doc in documents:
            yield {"_op_type": "index", "_index": index, "_id": doc.id, "_source": to_source(doc)}

    def _bulk(self, index: str, documents, progress=None) -> int:
        done = 0
        try:
            for ok, item in streaming_bulk(
                self.client,
                self._actions(index, documents),
                chunk_size=BULK_CHUNK,
                max_chunk_bytes=20 * 1024 * 1024,
                raise_on_error=False,
            ):
                if not ok:
                    raise RuntimeError(f"document rejected by the engine: {item}")
                done += 1
                if progress and done % 250 == 0:
                    progress(done)
        except (_TransportError, ApiError) as exc:
            raise explain(exc, self.url) from exc
        return done

    def replace_units(self, units: Iterable[str], documents: Iterable[SearchDocument]) -> int:
        """Index the new documents, then delete what the units no longer contain (no gap).

        One refresh for the whole batch, after the delete (the delete's own ``refresh`` skips
        shards where it found nothing, so it would not show the new documents)."""
        self._ensure_alias()
        units = list(units)
        kept: list[str] = []

        def noting_ids(documents):
            for doc in documents:
                kept.append(doc.id)
                yield doc

        added = self._bulk(self.alias, noting_ids(documents))
        stale = Q("terms", unit=units) & ~Q("ids", values=kept)
        self._call(
            self.client.delete_by_query, index=self.alias, query=stale.to_dict(), refresh=False, conflicts="proceed"
        )
        self._call(self.client.indices.refresh, index=self.alias)
        return added

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        name = self._new_index()
        try:
            added = self._bulk(name, documents, progress)
            self._open_for_reading(name)
        except BaseException:
            self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
            raise
        previous = []
        if self._call(self.client.indices.exists_alias, name=self.alias):
            previous = list(self._call(self.client.indices.get_alias, name=self.alias).body)
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for old in previous:
            self._call(self.client.indices.delete, index=old, ignore_unavailable=True)
        self._alias_ready = True
        if progress:
            progress(added)
        return added

    # --- querying --------------------------------------------------------------------------
    def _filters(self, query: SearchQuery) -> list:
        filters = [Q("terms", audience=list(query.audiences)), Q("term", primary_for=query.primary_token)]
        for facet, values in query.filters.items():
            field = FACET_FIELDS[facet]
            matched = [int(v) for v in values] if field == "year" else filter_values(facet, values, query.clearance)
            filters.append(Q("terms", **{field: matched}))
        return filters

    def _text_query(self, text: str, relaxed: bool = False, partial_expansions: dict[str, str] | None = None):
        """The glossary's other forms come from the fields' search analyzers (synonym_graph),
        not from the query: ``SearchQuery.expansions`` only tells the reader what was added.
        A multi-word term reached through one of its words (``partial_expansions``) is not a
        synonym of the query: it is matched here, as a phrase in its own language's fields,
        with a low boost."""
        needed = RELAXED_SHOULD_MATCH if relaxed else MINIMUM_SHOULD_MATCH
        alternatives = []
        for language in LANGUAGES:
            fields = [f"{part}_{language}^{boost}" for part, boost in FIELD_BOOSTS.items()]
            alternatives.append(
                Q(
                    "multi_match",
                    query=text,
                    fields=fields,
                    type="cross_fields",
                    minimum_should_match=needed,
                    tie_breaker=0.3,
                )
            )
        alternatives.append(Q("match", all_folded={"query": text, "minimum_should_match": needed, "boost": 0.5}))
        for form, language in (partial_expansions or {}).items():
            if language in LANGUAGES:
                fields = [f"{part}_{language}^{boost}" for part, boost in FIELD_BOOSTS.items()]
                alternatives.append(
                    Q("multi_match", query=form, fields=fields, type="phrase", boost=PARTIAL_EXPANSION_BOOST)
                )
        return Q("bool", should=alternatives, minimum_should_match=1)

    def search(self, query: SearchQuery) -> EngineResult:
        self._ensure_alias()
        text_query = self._text_query(query.text, query.relaxed, query.partial_expansions) if query.text else None
        search = Search(using=self.client, index=self.alias).query(
            Q("bool", filter=self._filters(query), must=[text_query] if text_query else [])
        )
        if query.sort == "date" or text_query is None:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        for facet, field in FACET_FIELDS.items():
            search.aggs.bucket(facet, A("terms", field=field, size=100))
        if text_query is not None:
            fields = {f"{part}_{language}": {} for language in LANGUAGES for part in ("body", "summary", "alt")}
            search = search.highlight_options(
                encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], fragment_size=200, number_of_fragments=1
            ).highlight(*fields)
        search = search.extra(track_total_hits=True, from_=query.offset, size=query.limit).source(
            excludes=["all_folded", "body_*", "alt_*", "keywords_*"]
        )
        response = self._call(search.execute)
        hits = [self._hit(hit) for hit in response.hits]
        facets = {
            facet: reader_buckets(
                facet,
                [(str(b.key), int(b.doc_count)) for b in getattr(response.aggregations, facet).buckets],
                query.clearance,
            )
            for facet in FACET_FIELDS
        }
        return EngineResult(total=response.hits.total.value, hits=hits, facets=facets)

    def _hit(self, hit) -> Hit:
        source = hit.to_dict()
        language = source["language"]
        highlight = getattr(hit.meta, "highlight", None)
        snippet, snippet_language = "", None
        if highlight is not None:
            # Its own text first; else its translation's (alt_<language>), where the words matched.
            fields = [(f"body_{language}", None), (f"summary_{language}", None)]
            fields += [(f"alt_{other}", other) for other in LANGUAGES if other != language]
            for field, field_language in fields:
                fragments = getattr(highlight, field, None)
                if fragments:
                    snippet, snippet_language = f"…{fragments[0].strip()}…", field_language
                    break
        summary = source.get(f"summary_{language}") or ""
        return Hit(
            id=source["id"],
            type=source["type"],
            language=language,
            title=source["title"],
            url=source["url"],
            snippet=snippet or escape(summary[:240]),
            date=source.get("date"),
            translations=source.get("translations") or [],
            score=float(hit.meta.score or 0.0),
            snippet_language=snippet_language,
        )

    def suggest(self, query: SearchQuery) -> str | None:
        """'Did you mean': close words found, by fuzzy matching, in documents the reader may see."""
        self._ensure_alias()
        search = (
            Search(using=self.client, index=self.alias)
            .query(
                Q(
                    "bool",
                    filter=self._filters(query)[:2],
                    must=[Q("match", all_folded={"query": query.text, "fuzziness": "AUTO"})],
                    # Documents holding the words as typed come first, so a word that exists is
                    # seen as existing (and left alone) rather than "corrected" to a neighbour.
                    should=[Q("match", all_folded={"query": query.text, "boost": 3})],
                )
            )
            .highlight_options(pre_tags=[OPEN], post_tags=[CLOSE], fragment_size=40, number_of_fragments=20)
            .highlight("all_folded")
            .extra(size=10)
            .source(False)
        )
        response = self._call(search.execute)
        found: Counter = Counter()
        written: dict[str, list[str]] = {}  # the highlighted words as written, accents kept
        for hit in response.hits:
            for fragment in getattr(getattr(hit.meta, "highlight", None), "all_folded", []) or []:
                for part in fragment.split(OPEN)[1:]:
                    original = part.split(CLOSE)[0]
                    found[fold(original)] += 1
                    written.setdefault(fold(original), []).append(original)
        candidates = list(found.items())
        changed, output = False, []
        for word in words(query.text):
            correction = best_correction(word, candidates)
            changed = changed or bool(correction)
            if correction:
                correction = surface_form(correction, written.get(correction, []))
            output.append(correction or word)
        return " ".join(output) if changed else None

    def autocomplete(self, prefix: str, language: str, audiences: list[str], limit: int = 8) -> list[dict]:
        self._ensure_alias()
        search = (
            Search(using=self.client, index=self.alias)
            .query(
                Q(
                    "bool",
                    filter=[
                        Q("terms", audience=list(audiences)),
                        Q("term", primary_for=scoped(language, highest(audiences))),
                    ],
                    must=[
                        Q(
                            "multi_match",
                            query=prefix,
                            type="bool_prefix",
                            operator="and",
                            fields=["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
                        )
                    ],
                )
            )
            .source(["title", "url", "type"])
            .extra(size=limit)
        )
        response = self._call(search.execute)
        return [{"title": h.title, "url": h.url, "type": h.type} for h in response.hits]
