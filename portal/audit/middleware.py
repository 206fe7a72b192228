"""Staff pages that show personal data write an audit entry each time they are answered.

The pages are named in ``settings.AUDIT_PERSONAL_DATA_VIEWS`` (URL name → which object the
page shows), so the admin's own list, search, history and edit views are covered without a
copy of each view. Views that record more specific entries themselves (exports, delegates'
documents, registration details, badge printing) are not listed.
"""

from __future__ import annotations

from django.conf import settings

from .models import Action
from .services import record


class PersonalDataAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.views = dict(getattr(settings, "AUDIT_PERSONAL_DATA_VIEWS", {}))

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or response.status_code != 200 or not request.user.is_authenticated:
            return response
        spec = self.views.get(match.view_name)
        if spec is None or (spec.get("methods") and request.method not in spec["methods"]):
            return response
        if spec.get("only_looked_up") and not (request.method == "POST" or request.GET.get("q")):
            return response  # the page without anyone looked up (or scanned) shows no one's data
        object_id = match.kwargs.get("pk") or match.kwargs.get("user_id") or ""
        detail = {"view": match.view_name, "path": request.path[:200]}
        if request.GET.get("q"):
            detail["search"] = request.GET["q"][:100]
        if request.method == "POST" and spec.get("field"):
            detail["looked_up"] = request.POST.get(spec["field"], "")[:40]
        record(Action.PERSONAL_DATA_VIEW, request=request, object_type=spec["object"], object_id=object_id, **detail)
        return response
