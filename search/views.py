"""The search page. Thin: reads the request, calls the service, renders."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import translation

from .query import EngineUnavailable
from .service import search_run


def search_page(request):
    language = (translation.get_language() or "en")[:2]
    context = {"query": request.GET.get("q", "")[:300]}
    try:
        outcome = search_run(user=request.user, params=request.GET, language=language)
    except EngineUnavailable:
        return render(request, "search/unavailable.html", context, status=503)
    context.update(outcome=outcome, links=_facet_links(request, outcome), page_links=_page_links(request, outcome))
    return render(request, "search/search.html", context)


def _query_items(request, drop: set[str]) -> list[tuple[str, str]]:
    return [(k, v) for k in request.GET for v in request.GET.getlist(k) if k not in drop]


def _facet_links(request, outcome):
    """For each facet value, the URL that toggles it (filters stay in the URL)."""
    base = [(k, v) for k, v in _query_items(request, {"page"})]
    links = {}
    for facet in outcome.facets:
        for value in facet.values:
            pair = (facet.name, value["value"])
            items = [i for i in base if i != pair] if value["selected"] else [*base, pair]
            links[pair] = "?" + urlencode(items)
    for facet in outcome.facets:
        for value in facet.values:
            value["url"] = links[(facet.name, value["value"])]
    return links


def _page_links(request, outcome):
    base = _query_items(request, {"page"})
    pages = {}
    if outcome.page > 1:
        pages["previous"] = "?" + urlencode([*base, ("page", outcome.page - 1)])
    if outcome.page < outcome.pages:
        pages["next"] = "?" + urlencode([*base, ("page", outcome.page + 1)])
    pages["sort"] = {
        sort: "?" + urlencode([*[(k, v) for k, v in base if k != "sort"], ("sort", sort)])
        for sort in ("relevance", "date")
    }
    if outcome.corrected:
        pages["verbatim"] = "?" + urlencode([*base, ("verbatim", "1")])
    if outcome.suggestion:
        pages["suggestion"] = "?" + urlencode([*[(k, v) for k, v in base if k != "q"], ("q", outcome.suggestion)])
    return pages
