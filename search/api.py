"""Search API: GET /api/v1/search and /api/v1/search/autocomplete."""

from __future__ import annotations

from django.http import JsonResponse, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from .query import EngineUnavailable
from .service import autocomplete_run, search_run

router = Router(tags=["search"])


class TranslationOut(Schema):
    language: str
    title: str
    url: str


class HitOut(Schema):
    id: str
    type: str
    title: str
    url: str
    language: str
    snippet: str
    snippet_language: str | None = Field(
        None, description="Set when the words matched another version of the item: the snippet is from it"
    )
    date: str | None = None
    translations: list[TranslationOut]


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    total: int
    page: int
    pages: int
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str | None = None
    corrected: str | None = Field(
        None, description="Nothing matched the words as typed; the hits are for this correction (verbatim=1: none)"
    )
    notices: list[str]


class SearchParams(Schema):
    q: str = ""
    lang: str = "en"
    type: list[str] = []
    theme: list[str] = []
    region: list[str] = []
    year: list[str] = []
    language: list[str] = []
    sort: str = "relevance"
    page: str = "1"
    verbatim: str = Field("", description="1: never replace the words by a correction")


class Suggestion(Schema):
    title: str
    url: str
    type: str


class ErrorOut(Schema):
    detail: str


@router.get("/search", response={200: SearchOut, 503: ErrorOut}, summary="Search content in English and French")
def search(request, params: Query[SearchParams]):
    data = QueryDict(mutable=True)
    for key, value in params.dict().items():
        if isinstance(value, list):
            data.setlist(key, [str(v) for v in value])
        else:
            data[key] = str(value)
    try:
        outcome = search_run(user=request.user, params=data, language=params.lang)
    except EngineUnavailable:
        # In the language asked for (``lang``), whichever languages the site has.
        with translation.override(params.lang):
            message = _("Search is temporarily unavailable. Please try again in a few minutes.")
        raise HttpError(503, message) from None
    # The answer is built here in the shape of SearchOut (which documents it in the OpenAPI
    # schema) and sent as it is: validating it again through pydantic took a sixth of the
    # request's time (tests/search/test_views.py holds it to the schema).
    return JsonResponse(
        {
            "total": outcome.total,
            "page": outcome.page,
            "pages": outcome.pages,
            "hits": [_hit_out(hit) for hit in outcome.hits],
            "facets": {
                facet.name: [
                    {"value": v["value"], "label": str(v["label"]), "count": v["count"], "selected": v["selected"]}
                    for v in facet.values
                ]
                for facet in outcome.facets
            },
            "suggestion": outcome.suggestion,
            "corrected": outcome.corrected,
            "notices": [str(notice) for notice in outcome.notices],
        }
    )


def _hit_out(hit: dict) -> dict:
    """A hit with exactly HitOut's fields."""
    return {
        "id": hit["id"],
        "type": hit["type"],
        "title": hit["title"],
        "url": hit["url"],
        "language": hit["language"],
        "snippet": hit["snippet"],
        "snippet_language": hit["snippet_language"],
        "date": hit["date"],
        "translations": [
            {"language": t["language"], "title": t["title"], "url": t["url"]} for t in hit["translations"]
        ],
    }


@router.get(
    "/search/autocomplete", response={200: list[Suggestion], 503: ErrorOut}, summary="Titles starting with the text"
)
def autocomplete(request, q: str = "", lang: str = "en"):
    try:
        return autocomplete_run(user=request.user, prefix=q, language=lang)
    except EngineUnavailable:
        # In the language asked for (``lang``), whichever languages the site has.
        with translation.override(lang):
            message = _("Search is temporarily unavailable. Please try again in a few minutes.")
        raise HttpError(503, message) from None
