"""Wagtail's own search over the same corpus, for comparison: ``?backend=default`` (its database
backend) or ``?backend=opensearch`` (its Elasticsearch backend on the OpenSearch node; bench/settings.py).

It does less than the portal's search (no facets, no snippets, no glossary, one language),
so the comparison flatters it: the same audience and language filters, ten results, a count.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from wagtail.models import Locale

from portal.audiences import visible_audiences
from portal.pages.models import NewsPage


def wagtail_search(request):
    query = request.GET.get("q", "")[:200]
    language = request.GET.get("lang", "en")
    backend = request.GET.get("backend", "default")
    if backend not in settings.WAGTAILSEARCH_BACKENDS:
        return HttpResponseBadRequest(f"no search backend {backend!r} in this run")
    locale = Locale.objects.get(language_code=language if language in ("en", "fr") else "en")
    pages = NewsPage.objects.live().filter(locale=locale, audience__in=visible_audiences(request.user))
    results = pages.search(query, backend=backend) if query else pages.order_by("-date")
    hits = [{"title": p.title, "url": p.url_path} for p in results[:10]]
    total = results.count() if hasattr(results, "count") else len(results)
    return JsonResponse({"total": total, "hits": hits})
