"""The Elasticsearch engine (also OpenSearch), through elasticsearch-dsl and the 8.x client.

Used when SEARCH_URL is set. The index is reached through an alias; a rebuild creates a new
index, fills it, and moves the alias in one atomic call, so searches never stop.

OpenSearch-family servers refuse the 8.x client's vendor media types and do not send the
``X-Elastic-Product`` header the client checks; :class:`PlainJSONNode` speaks plain JSON to
them. SEARCH_FLAVOUR=auto asks the server what it is on first contact.
"""

from __future__ import annotations

import dataclasses
import json
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from html import escape

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport import TransportError as _TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import A, Q, Search, analyzer, token_filter
from elasticsearch_dsl import Index as DslIndex

from ..analysis import best_correction, fold, surface_form, words
from ..documents import KEYWORD_FIELDS, LANGUAGES, SearchDocument
from ..languages import analysis
from ..query import FACET_FIELDS, EngineResult, EngineUnavailable, Hit, SearchQuery

FIELD_BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0, "alt": 0.7, "keywords": 1.5}
MINIMUM_SHOULD_MATCH = "2<75%"

folded = analyzer(
    "folded",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        *(
            token_filter(f"liaison_{analysis(code).elastic}_stop", "stop", stopwords=analysis(code).elastic_stop)
            for code in LANGUAGES
        ),
    ],
)


class PlainJSONNode(Urllib3HttpNode):
    """Plain ``application/json`` for OpenSearch, and the product header the client expects."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            value = headers.get(name)
            if value and "vnd.elasticsearch" in value:
                headers[name] = "application/x-ndjson" if "x-ndjson" in value else "application/json"
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        if "x-elastic-product" not in response.meta.headers:
            patched = HttpHeaders(response.meta.headers)
            patched["x-elastic-product"] = "Elasticsearch"
            response = response._replace(meta=dataclasses.replace(response.meta, headers=patched))
        return response


def detect_flavour(url: str, timeout: float = 5.0) -> str:
    """'opensearch' or 'elasticsearch', from the server's root endpoint."""
    request = urllib.request.Request(url.rstrip("/") + "/", headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
            info = json.loads(response.read().decode() or "{}")
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"cannot reach {url}: {exc}") from exc
    distribution = info.get("version", {}).get("distribution", "")
    return "opensearch" if distribution == "opensearch" else "elasticsearch"


def index_body() -> dict:
    """Settings and mappings of a Liaison index (built with elasticsearch-dsl)."""
    index = DslIndex("template")
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=20_000)
    index.analyzer(folded)
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
    for language in LANGUAGES:
        for part in FIELD_BOOSTS:
            properties[f"{part}_{language}"] = {"type": "text", "analyzer": analysis(language).elastic}
    body = index.to_dict()
    body["mappings"] = {"dynamic": "strict", "properties": properties}
    return body


def to_source(doc: SearchDocument) -> dict:
    source = doc.indexed_fields()
    source["country"] = source["country"] or None
    source["date"] = doc.date.isoformat() if doc.date else None
    source["title_suggest"] = doc.title
    return source


class ElasticEngine:
    name = "elasticsearch"

    def __init__(self, url: str, index: str = "liaison", flavour: str = "auto", timeout: float = 5.0):
        self.url = url
        self.alias = index
        self.flavour = flavour
        self.timeout = timeout
        self._client: Elasticsearch | None = None
        self._alias_ready = False

    # --- connection ------------------------------------------------------------------------
    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            flavour = self.flavour if self.flavour != "auto" else detect_flavour(self.url, self.timeout)
            options = {"request_timeout": self.timeout, "max_retries": 1, "retry_on_timeout": False}
            if flavour == "opensearch":
                options["node_class"] = PlainJSONNode
            self._client = Elasticsearch(self.url, **options)
            self.name = flavour
        return self._client

    def _call(self, fn: Callable, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except _TransportError as exc:  # connection refused, timeout…
            raise EngineUnavailable(str(exc)) from exc
        except ApiError as exc:
            if exc.meta.status >= 500 or exc.meta.status == 429:
                raise EngineUnavailable(str(exc)) from exc
            raise

    def _ensure_alias(self) -> None:
        if self._alias_ready:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = self._new_index()
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        self._alias_ready = True

    def _new_index(self) -> str:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"
        self._call(self.client.indices.create, index=name, body=index_body())
        return name

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
                self.client, self._actions(index, documents), chunk_size=500, raise_on_error=False
            ):
                if not ok:
                    raise RuntimeError(f"document rejected by the engine: {item}")
                done += 1
                if progress and done % 250 == 0:
                    progress(done)
        except _TransportError as exc:
            raise EngineUnavailable(str(exc)) from exc
        return done

    def replace_units(self, units: Iterable[str], documents: Iterable[SearchDocument]) -> int:
        """Index the new documents, then delete what the units no longer contain (no gap)."""
        self._ensure_alias()
        units = list(units)
        documents = list(documents)
        added = self._bulk(self.alias, documents)
        stale = Q("terms", unit=units) & ~Q("ids", values=[d.id for d in documents])
        self._call(
            self.client.delete_by_query, index=self.alias, query=stale.to_dict(), refresh=True, conflicts="proceed"
        )
        self._call(self.client.indices.refresh, index=self.alias)
        return added

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        name = self._new_index()
        try:
            added = self._bulk(name, documents, progress)
            self._call(self.client.indices.refresh, index=name)
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
        filters = [Q("terms", audience=list(query.audiences)), Q("term", primary_for=query.language)]
        for facet, values in query.filters.items():
            field = FACET_FIELDS[facet]
            filters.append(Q("terms", **{field: [int(v) for v in values] if field == "year" else list(values)}))
        return filters

    def _text_query(self, text: str, expansions: list[str]):
        alternatives = []
        for language in LANGUAGES:
            fields = [f"{part}_{language}^{boost}" for part, boost in FIELD_BOOSTS.items()]
            alternatives.append(
                Q(
                    "multi_match",
                    query=text,
                    fields=fields,
                    type="cross_fields",
                    minimum_should_match=MINIMUM_SHOULD_MATCH,
                    tie_breaker=0.3,
                )
            )
            for form in expansions:
                alternatives.append(Q("multi_match", query=form, fields=fields, type="phrase", slop=2, boost=0.9))
        alternatives.append(
            Q("match", all_folded={"query": text, "minimum_should_match": MINIMUM_SHOULD_MATCH, "boost": 0.5})
        )
        return Q("bool", should=alternatives, minimum_should_match=1)

    def search(self, query: SearchQuery) -> EngineResult:
        self._ensure_alias()
        text_query = self._text_query(query.text, query.expansions) if query.text else None
        search = Search(using=self.client, index=self.alias).query(
            Q("bool", filter=self._filters(query), must=[text_query] if text_query else [])
        )
        if query.sort == "date" or text_query is None:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        for facet, field in FACET_FIELDS.items():
            search.aggs.bucket(facet, A("terms", field=field, size=100))
        if text_query is not None:
            fields = {f"{part}_{language}": {} for language in LANGUAGES for part in ("body", "summary")}
            search = search.highlight_options(
                encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], fragment_size=200, number_of_fragments=1
            ).highlight(*fields)
        search = search.extra(track_total_hits=True, from_=query.offset, size=query.limit).source(
            excludes=["all_folded", "body_*", "alt_*", "keywords_*"]
        )
        response = self._call(search.execute)
        hits = [self._hit(hit) for hit in response.hits]
        facets = {
            facet: [(str(b.key), int(b.doc_count)) for b in getattr(response.aggregations, facet).buckets]
            for facet in FACET_FIELDS
        }
        return EngineResult(total=response.hits.total.value, hits=hits, facets=facets)

    def _hit(self, hit) -> Hit:
        source = hit.to_dict()
        language = source["language"]
        highlight = getattr(hit.meta, "highlight", None)
        snippet = ""
        if highlight is not None:
            for field in (f"body_{language}", f"summary_{language}"):
                fragments = getattr(highlight, field, None)
                if fragments:
                    snippet = f"…{fragments[0].strip()}…"
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
                )
            )
            .highlight_options(pre_tags=["\x02"], post_tags=["\x03"], fragment_size=40, number_of_fragments=20)
            .highlight("all_folded")
            .extra(size=10)
            .source(False)
        )
        response = self._call(search.execute)
        found: Counter = Counter()
        written: dict[str, list[str]] = {}  # the highlighted words as written, accents kept
        for hit in response.hits:
            for fragment in getattr(getattr(hit.meta, "highlight", None), "all_folded", []) or []:
                for part in fragment.split("\x02")[1:]:
                    original = part.split("\x03")[0]
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
                    filter=[Q("terms", audience=list(audiences)), Q("term", primary_for=language)],
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
