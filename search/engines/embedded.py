"""The embedded engine: tantivy, on disk under var/, used when no cluster is configured.

Layout: ``<path>/current`` names the live index folder under ``<path>/indexes/``. A rebuild
writes a new folder and then replaces ``current`` atomically; every process notices and
opens the new index, so searches never see a half-built index.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

import tantivy
from cachetools import LRUCache
from tantivy import Filter, Occur, Query, TextAnalyzerBuilder, Tokenizer

from portal.audiences import highest

from ..analysis import (
    acronyms,
    best_correction,
    excerpt_matcher,
    fold,
    marked_excerpt,
    normalise_acronyms,
    split_acronyms,
    surface_form,
    words,
)
from ..documents import KEYWORD_FIELDS, LANGUAGES, SearchDocument
from ..languages import analysis
from ..query import (
    FACET_FIELDS,
    EngineResult,
    EngineUnavailable,
    Hit,
    IndexDamaged,
    IndexMissing,
    SearchQuery,
    filter_values,
    minimum_should_match,
    reader_buckets,
    scoped,
)
from .embedded_files import FileCheck

FIELD_BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0, "alt": 0.7}
FOLDED_BOOST = 0.5
KEYWORD_BOOST = 1.5  # theme and region names the item is tagged with
EXPANSION_BOOST = 0.9
PARTIAL_EXPANSION_BOOST = 0.3  # a term reached through one of its words ranks below the words typed
EPOCH = dt.datetime(1970, 1, 1)
WRITER_HEAP = 128_000_000


def _analyzer(language: str | None):
    """Per-language: stop words + stemming. ``None``: the accent-folded form, unstemmed."""
    builder = TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())
    for stop_language in [language] if language else LANGUAGES:
        words = analysis(stop_language)
        if words.stop_words:
            builder = builder.filter(Filter.custom_stopword(list(words.stop_words)))
        else:
            builder = builder.filter(Filter.stopword(words.tantivy))
    if language:
        # Stem first: the Snowball rules read accents ("identifiées", "identifier" and
        # "identifié" meet in one stem); folding after makes the stems accent-free. A query
        # typed without accents also meets the unstemmed, folded all_folded field.
        builder = builder.filter(Filter.stemmer(analysis(language).tantivy))
    builder = builder.filter(Filter.ascii_fold())
    return builder.build()


ANALYZERS = {language: _analyzer(language) for language in LANGUAGES}
FOLDED = _analyzer(None)
# Lowercase and folded, every word kept: acronyms, and titles for completion (stop words kept,
# so "toolkit for resp" still finds its words next to each other).
PLAIN = (
    TextAnalyzerBuilder(Tokenizer.simple())
    .filter(Filter.remove_long(40))
    .filter(Filter.lowercase())
    .filter(Filter.ascii_fold())
    .build()
)
ACRONYM_BOOST = 3.0


def _schema():
    sb = tantivy.SchemaBuilder()
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=True, fast=name not in ("id", "unit"), tokenizer_name="raw")
    sb.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("title", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    sb.add_date_field("date", stored=True, indexed=True, fast=True)
    sb.add_json_field("translations", stored=True)
    for language in LANGUAGES:
        for part in ("title", "summary", "body"):
            sb.add_text_field(f"{part}_{language}", stored=True, tokenizer_name=language)
        sb.add_text_field(f"alt_{language}", stored=False, tokenizer_name=language)
        sb.add_text_field(f"keywords_{language}", stored=False, tokenizer_name=language)
    sb.add_text_field("all_folded", stored=False, tokenizer_name="folded")
    sb.add_text_field("title_folded", stored=False, tokenizer_name="plain")
    sb.add_text_field("acronyms", stored=False, tokenizer_name="plain")
    return sb.build()


SCHEMA = _schema()


def _register(index: tantivy.Index) -> tantivy.Index:
    for language, analyzer in ANALYZERS.items():
        index.register_tokenizer(language, analyzer)
    index.register_tokenizer("folded", FOLDED)
    index.register_tokenizer("plain", PLAIN)
    return index


def to_tantivy(doc: SearchDocument) -> tantivy.Document:
    fields = doc.indexed_fields()
    fields["year"] = fields["year"] or 0
    fields["date"] = dt.datetime.combine(doc.date, dt.time()) if doc.date else EPOCH
    fields["translations"] = {"items": fields["translations"]}  # a JSON field holds an object
    # Acronyms as one token each ("B.C.N." → bcn), apart from the stemmed fields, where the
    # tokenizer splits them into letters and the stemmer cuts them ("IEDs" → i).
    written = [doc.title, doc.summary, doc.body, *doc.alt_text.values()]
    fields["acronyms"] = " ".join(dict.fromkeys(a for text in written for a in acronyms(text)))
    fields["title_folded"] = normalise_acronyms(doc.title)
    return tantivy.Document(**{k: v for k, v in fields.items() if v not in (None, [], "")})


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, path, facet_cache_size: int = 512):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._opened: tuple | None = None
        self._files = FileCheck()
        # Facet counts per query, for the index version they were counted on (see _facets).
        self._facet_cache: LRUCache = LRUCache(maxsize=max(1, facet_cache_size))
        self._facet_cache_on = facet_cache_size > 0
        self._facet_lock = threading.Lock()

    # --- opening and reloading -----------------------------------------------------------
    def _pointer(self) -> Path:
        return self.path / "current"

    def _current_dir(self) -> Path | None:
        try:
            name = self._pointer().read_text().strip()
        except FileNotFoundError:
            return None
        folder = self.path / "indexes" / name
        return folder if folder.is_dir() else None

    def _meta_stamp(self, folder: Path) -> tuple:
        try:
            return (folder.name, (folder / "meta.json").stat().st_mtime_ns)
        except FileNotFoundError:
            return (folder.name, 0)

    def _new_folder(self) -> Path:
        name = time.strftime("index-%Y%m%d-%H%M%S-") + f"{os.getpid()}-{time.monotonic_ns()}"
        folder = self.path / "indexes" / name
        folder.mkdir(parents=True)
        return folder

    def _point_to(self, folder: Path) -> None:
        tmp = self._pointer().with_suffix(".tmp")
        tmp.write_text(folder.name)
        os.replace(tmp, self._pointer())

    def index(self) -> tantivy.Index:
        """The live index, reopened if a rebuild swapped it or reloaded after commits.

        Its files are checked first (``embedded_files``): a truncated or corrupt file raises
        IndexDamaged instead of faulting the process when tantivy reads it, and a missing index
        raises IndexMissing instead of serving an empty one."""
        folder = self._current_dir()
        with self._lock:
            if folder is None:
                self._index, self._opened = None, None
                raise IndexMissing(f"no search index under {self.path}: manage.py search_index --rebuild builds it")
            stamp = self._meta_stamp(folder)
            try:
                self._files.verify(folder, stamp)
            except IndexDamaged:
                self._index, self._opened = None, None  # never read the damaged files again
                self._files.forget()
                raise
            if self._index is None or self._opened is None or self._opened[0] != stamp[0]:
                self._index = _register(tantivy.Index.open(str(folder)))
            elif self._opened != stamp:
                self._index.reload()
            self._opened = stamp
            return self._index

    def _writer(self, index: tantivy.Index, attempts: int = 50):
        for attempt in range(attempts):
            try:
                return index.writer(WRITER_HEAP, 1)
            except ValueError as exc:  # another process holds the writer lock
                if attempt == attempts - 1:
                    raise EngineUnavailable(f"index is locked by another writer: {exc}") from exc
                time.sleep(0.1)
        raise EngineUnavailable("index is locked")

    # --- writing ---------------------------------------------------------------------------
    def ping(self) -> bool:
        try:
            self._open()
        except EngineUnavailable:
            return False
        return True

    def _open(self) -> tantivy.Index:
        try:
            return self.index()
        except EngineUnavailable:
            raise
        except (OSError, ValueError) as exc:
            raise EngineUnavailable(f"embedded index at {self.path} cannot be opened: {exc}") from exc

    def count(self) -> int:
        return self._open().searcher().num_docs

    def replace_units(self, units: Iterable[str], documents: Iterable[SearchDocument]) -> int:
        """Delete every document of these units, then add the new ones, in one commit."""
        index = self._open()
        writer = self._writer(index)
        try:
            for unit in units:
                writer.delete_documents_by_term("unit", unit)
            added = 0
            for doc in documents:
                writer.add_document(to_tantivy(doc))
                added += 1
            writer.commit()
            writer.wait_merging_threads()
        except Exception:
            writer.rollback()
            raise
        finally:
            # Drop the writer now: a traceback kept by a caller must not keep the lock.
            writer = None
        return added

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        """Build a fresh index beside the live one, then switch to it at once."""
        try:
            folder = self._new_folder()
        except OSError as exc:
            raise EngineUnavailable(f"cannot create an index under {self.path}: {exc}") from exc
        index = _register(tantivy.Index(SCHEMA, path=str(folder)))
        writer = index.writer(WRITER_HEAP * 2, 2)
        added = 0
        try:
            for doc in documents:
                writer.add_document(to_tantivy(doc))
                added += 1
                if progress and added % 250 == 0:
                    progress(added)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer = None
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            writer = None
        previous = self._current_dir()
        self._point_to(folder)
        if progress:
            progress(added)
        self._cleanup(keep={folder.name, previous.name if previous else ""})
        return added

    def _cleanup(self, keep: set[str]) -> None:
        """Remove old index folders; the one just replaced stays for readers still on it."""
        for folder in (self.path / "indexes").iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    # --- querying --------------------------------------------------------------------------
    def _filters(self, query: SearchQuery) -> list:
        clauses = [
            Query.term_set_query(SCHEMA, "audience", list(query.audiences)),
            Query.term_query(SCHEMA, "primary_for", query.primary_token),
        ]
        for facet, values in query.filters.items():
            field = FACET_FIELDS[facet]
            if field == "year":
                clauses.append(Query.term_set_query(SCHEMA, "year", [int(v) for v in values]))
            else:
                clauses.append(Query.term_set_query(SCHEMA, field, filter_values(facet, values, query.clearance)))
        return clauses

    def _words_query(self, terms: list[str], fields: dict[str, float], relaxed: bool = False, extra=()):
        """Most of the words must match (each in any of the fields): "2<75%" as in Elasticsearch.
        ``extra``: clauses that count as words (the query's acronyms)."""
        clauses = list(extra)
        for term in dict.fromkeys(terms):
            per_field = [Query.boost_query(Query.term_query(SCHEMA, f, term), boost) for f, boost in fields.items()]
            clauses.append(Query.disjunction_max_query(per_field, tie_breaker=0.3))
        if not clauses:
            return None
        needed = minimum_should_match(len(clauses), relaxed)
        return Query.boolean_query([(Occur.Should, c) for c in clauses], minimum_number_should_match=needed)

    def _phrase_query(self, searcher, terms: list[str], fields: dict[str, float], boost: float):
        """The phrase in any of ``fields``; a field lacking one of its words is left out (a
        phrase that cannot match still costs its positions' lookups, in both passes)."""
        clauses = []
        for field, field_boost in fields.items():
            if not all(searcher.doc_freq(field, term) for term in dict.fromkeys(terms)):
                continue
            if len(terms) == 1:
                clause = Query.term_query(SCHEMA, field, terms[0])
            else:
                clause = Query.phrase_query(SCHEMA, field, terms, slop=2)
            clauses.append(Query.boost_query(clause, field_boost * boost))
        return Query.disjunction_max_query(clauses, tie_breaker=0.3) if clauses else None

    def _acronym_clause(self, token: str):
        return Query.boost_query(Query.term_query(SCHEMA, "acronyms", token), ACRONYM_BOOST)

    def _split_acronyms(self, searcher, text: str) -> tuple[str, list[str]]:
        """The query's acronyms: written as such ("NCB", "B.C.N."), or typed in lower case
        ("bcn") when the index knows them as acronyms."""
        rest, found = split_acronyms(text)
        words = []
        for word in rest.split():
            token = word.strip(".,;:!?«»“”()").casefold()
            if 2 <= len(token) <= 6 and token.isalpha() and searcher.doc_freq("acronyms", token):
                found.append(token)
            else:
                words.append(word)
        return " ".join(words), list(dict.fromkeys(found))

    def _text_query(self, searcher, query: SearchQuery):
        """Match in either language, in the accent-folded form, or through a glossary term
        (matched in the fields of its own language only)."""
        rest, found = self._split_acronyms(searcher, query.text)
        acronym_clauses = [self._acronym_clause(token) for token in found]
        alternatives = []
        for language, analyzer in ANALYZERS.items():
            fields = {f"{part}_{language}": boost for part, boost in FIELD_BOOSTS.items()}
            fields[f"keywords_{language}"] = KEYWORD_BOOST
            words_query = self._words_query(analyzer.analyze(rest), fields, query.relaxed, acronym_clauses)
            if words_query is not None:
                alternatives.append(words_query)
            forms = [(form, EXPANSION_BOOST) for form in query.expansions]
            forms += [(form, PARTIAL_EXPANSION_BOOST) for form in query.partial_expansions]
            for form, boost in forms:
                form_language = query.expansion_languages.get(form) or query.partial_expansions.get(form)
                if (form_language or language) != language:
                    continue
                form_rest, form_acronyms = split_acronyms(form)
                form_terms = analyzer.analyze(form_rest)
                if form_acronyms and not form_terms:
                    alternatives += [Query.boost_query(self._acronym_clause(token), boost) for token in form_acronyms]
                elif form_terms:
                    phrase = self._phrase_query(searcher, form_terms, fields, boost)
                    if phrase is not None:
                        alternatives.append(phrase)
        folded = self._words_query(FOLDED.analyze(rest), {"all_folded": FOLDED_BOOST}, query.relaxed, acronym_clauses)
        if folded is not None:
            alternatives.append(folded)
        if not alternatives:
            return None
        return Query.boolean_query([(Occur.Should, clause) for clause in alternatives])

    def search(self, query: SearchQuery) -> EngineResult:
        index = self._open()
        version = self._opened  # the commit this searcher sees: the facet cache's key
        searcher = index.searcher()
        text_query = self._text_query(searcher, query) if query.text else None
        if query.text and text_query is None:
            return EngineResult(total=0, hits=[], facets={})
        must = [(Occur.Must, clause) for clause in self._filters(query)]
        if text_query is not None:
            must.append((Occur.Must, text_query))
        full = Query.boolean_query(must)
        by_date = query.sort == "date" or text_query is None
        result = searcher.search(
            full,
            limit=query.limit,
            offset=query.offset,
            count=True,
            order_by_field="date" if by_date else None,
        )
        reasons = self._match_reasons(searcher, query) if text_query is not None else None
        generators = {}  # one snippet generator per field for the whole page of hits
        hits = [
            self._hit(searcher, address, score, text_query, reasons, generators, query)
            for score, address in result.hits
        ]
        return EngineResult(total=result.count, hits=hits, facets=self._cached_facets(searcher, full, query, version))

    def _cached_facets(self, searcher, full, query: SearchQuery, version) -> dict[str, list[tuple[str, int]]]:
        """The facet counts, from a second pass over the matches (tantivy's Python binding has
        no collector that both ranks and counts), remembered for the index version they were
        counted on: paging, sorting and a query asked again reuse them, as Elasticsearch's shard
        request cache does for aggregations. Any commit or rebuild changes the version, so a
        count is never stale. SEARCH_FACET_CACHE entries per process; 0: always counted."""
        if not self._facet_cache_on:
            return self._facets(searcher, full, query.clearance)
        key = (
            version,
            query.text,
            tuple(query.expansions),
            tuple(sorted(query.expansion_languages.items())),
            tuple(sorted(query.partial_expansions.items())),
            tuple(sorted((name, tuple(values)) for name, values in query.filters.items())),
            tuple(sorted(query.audiences)),
            query.primary_token,
            query.relaxed,
        )
        with self._facet_lock:
            facets = self._facet_cache.get(key)
        if facets is None:
            facets = self._facets(searcher, full, query.clearance)
            with self._facet_lock:
                self._facet_cache[key] = facets
        return {name: list(values) for name, values in facets.items()}

    def _facets(self, searcher, query, clearance: str) -> dict[str, list[tuple[str, int]]]:
        spec = {facet: {"terms": {"field": field, "size": 100}} for facet, field in FACET_FIELDS.items()}
        aggregations = searcher.aggregate(query, spec)
        return {
            facet: reader_buckets(
                facet,
                [(str(b["key"]), int(b["doc_count"])) for b in aggregations.get(facet, {}).get("buckets", [])],
                clearance,
            )
            for facet in FACET_FIELDS
        }

    def _match_reasons(self, searcher, query: SearchQuery):
        """What may have made a document match, to mark in its snippet when tantivy marks
        nothing: the query's words and acronyms, and the glossary forms it was expanded with."""
        rest, found = self._split_acronyms(searcher, query.text)
        forms = [*rest.split(), *found, *query.expansions, *query.partial_expansions]
        return excerpt_matcher(forms, frozenset(found))

    def _hit(self, searcher, address, score, text_query, reasons=None, generators=None, query=None) -> Hit:
        doc = searcher.doc(address)
        stored = doc.to_dict()
        language = stored["language"][0]
        date = stored.get("date", [None])[0]
        summary = (stored.get(f"summary_{language}") or [""])[0]
        translations = (stored.get("translations") or [{}])[0].get("items", [])
        snippet, snippet_language = "", None
        if text_query is not None:
            snippet = self._snippet(searcher, doc, text_query, language, generators)
            if not snippet and reasons is not None:  # an acronym, a glossary form, folding
                snippet = self._excerpt(stored, language, reasons)
            if (
                not snippet
                and query is not None
                and not self._title_matched(searcher, doc, stored, text_query, reasons, generators)
            ):
                # The words are neither in its text nor in its title: they matched its
                # translation's text (alt_<language>), which the snippet then shows.
                snippet, snippet_language = self._translation_snippet(
                    searcher, stored, translations, text_query, reasons, generators, query
                )
        return Hit(
            id=stored["id"][0],
            type=stored["type"][0],
            language=language,
            title=stored["title"][0],
            url=stored["url"][0],
            snippet=snippet or escape(summary[:240]),
            date=date.date().isoformat() if date and date.year > 1970 else None,
            translations=translations,
            score=float(score) if isinstance(score, (int, float)) else 0.0,
            snippet_language=snippet_language if snippet else None,
        )

    def _title_matched(self, searcher, doc, stored, text_query, reasons, generators) -> bool:
        """Whether the query matched the title (stemmed, as tantivy sees it, or as written)."""
        if reasons is not None and reasons.search(fold(stored["title"][0])):
            return True
        return bool(self._snippet(searcher, doc, text_query, stored["language"][0], generators, parts=("title",)))

    @staticmethod
    def _excerpt(stored: dict, language: str, matcher) -> str:
        for part in ("body", "summary"):
            snippet = marked_excerpt((stored.get(f"{part}_{language}") or [""])[0], matcher)
            if snippet:
                return snippet
        return ""

    def _translation_snippet(self, searcher, stored, translations, text_query, reasons, generators, query):
        """The snippet from a version in another language that the reader may open (the one
        whose text the document was indexed with), or ("", None)."""
        for translation in translations:
            if translation.get("audience") not in query.audiences:
                continue
            other = translation["language"]
            version = Query.boolean_query(
                [
                    (Occur.Must, Query.term_query(SCHEMA, "group", stored["group"][0])),
                    (Occur.Must, Query.term_query(SCHEMA, "language", other)),
                    (Occur.Must, Query.term_set_query(SCHEMA, "audience", list(query.audiences))),
                ]
            )
            found = searcher.search(version, limit=1, count=False).hits
            if not found:
                continue
            doc = searcher.doc(found[0][1])
            snippet = self._snippet(searcher, doc, text_query, other, generators)
            if not snippet and reasons is not None:
                snippet = self._excerpt(doc.to_dict(), other, reasons)
            if snippet:
                return snippet, other
        return "", None

    def _snippet(self, searcher, doc, text_query, language, generators=None, parts=("body", "summary")) -> str:
        generators = {} if generators is None else generators
        for part in parts:
            field = f"{part}_{language}"
            generator = generators.get(field)
            if generator is None:
                generator = generators[field] = tantivy.SnippetGenerator.create(searcher, text_query, SCHEMA, field)
                generator.set_max_num_chars(200)
            snippet = generator.snippet_from_doc(doc)
            if snippet.highlighted():
                return mark(snippet.fragment(), [(r.start, r.end) for r in snippet.highlighted()])
        return ""

    def suggest(self, query: SearchQuery) -> str | None:
        """'Did you mean': replace unknown words by close terms found in visible documents."""
        searcher = self._open().searcher()
        visible = Query.boolean_query([(Occur.Must, clause) for clause in self._filters(query)[:2]])
        changed, output = False, []
        for word in words(query.text):
            candidates = searcher.terms_with_prefix("all_folded", word[:2], filter_query=visible, limit=5000)
            correction = best_correction(word, candidates)
            if correction:
                changed = True
                correction = self._surface(searcher, visible, correction, query.language)
            output.append(correction or word)
        return " ".join(output) if changed else None

    def _surface(self, searcher, visible, term: str, language: str) -> str:
        """The corrected word with its accents, read from a visible document that holds it."""
        has_term = Query.term_query(SCHEMA, "all_folded", term)
        found = searcher.search(Query.boolean_query([(Occur.Must, visible), (Occur.Must, has_term)]), limit=10)
        texts = []
        for _score, address in found.hits:
            stored = searcher.doc(address).to_dict()
            # The reader's language first, then whatever else the document stores.
            first = [f"title_{language}", f"summary_{language}", f"body_{language}"]
            names = first + [name for name in stored if name not in first]
            texts.extend(v for name in names for v in stored.get(name, []) if isinstance(v, str))
        return surface_form(term, texts)

    def autocomplete(self, prefix: str, language: str, audiences: list[str], limit: int = 8) -> list[dict]:
        terms = PLAIN.analyze(normalise_acronyms(prefix))
        if not terms:
            return []
        searcher = self._open().searcher()
        match = Query.phrase_prefix_query(SCHEMA, "title_folded", terms)
        filters = [
            (Occur.Must, Query.term_set_query(SCHEMA, "audience", list(audiences))),
            (Occur.Must, Query.term_query(SCHEMA, "primary_for", scoped(language, highest(audiences)))),
            (Occur.Must, match),
        ]
        result = searcher.search(Query.boolean_query(filters), limit=limit)
        items = []
        for _score, address in result.hits:
            stored = searcher.doc(address).to_dict()
            items.append({"title": stored["title"][0], "url": stored["url"][0], "type": stored["type"][0]})
        return items


def mark(fragment: str, ranges: list[tuple[int, int]]) -> str:
    """Escape ``fragment`` and wrap the byte ranges tantivy highlighted in <mark>."""
    data = fragment.encode("utf-8")
    out, position = [], 0
    for start, end in sorted(ranges):
        if start < position:
            continue
        out.append(escape(data[position:start].decode("utf-8", "ignore")))
        out.append("<mark>" + escape(data[start:end].decode("utf-8", "ignore")) + "</mark>")
        position = end
    out.append(escape(data[position:].decode("utf-8", "ignore")))
    text = "".join(out).strip()
    return f"…{text}…" if text else ""
