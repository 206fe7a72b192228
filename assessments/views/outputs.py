"""The workspace's report (PDF) and exports (JSON, XLSX), each download in its audit log."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.utils.text import slugify

from portal.audit.models import Action
from portal.audit.services import record
from portal.spreadsheets import XLSX

from ..access import member_required
from ..exports import workspace_data, workspace_xlsx
from ..report import workspace_report_pdf


def _logged(request, kind: str) -> None:
    record(
        Action.ASSESSMENT_EXPORT, request=request, object_type="workspace", object_id=request.workspace.pk, what=kind
    )


def _attachment(response, request, extension: str):
    name = f"{slugify(request.workspace.name) or 'agency'}-{request.LANGUAGE_CODE}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="responsible-ai-{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@member_required()
def report_pdf(request, slug):
    _logged(request, "pdf")
    response = HttpResponse(workspace_report_pdf(request.workspace), content_type="application/pdf")
    return _attachment(response, request, "pdf")


@member_required()
def export_json(request, slug):
    _logged(request, "json")
    return _attachment(JsonResponse(workspace_data(request.workspace)), request, "json")


@member_required()
def export_xlsx(request, slug):
    _logged(request, "xlsx")
    return _attachment(HttpResponse(workspace_xlsx(request.workspace), content_type=XLSX), request, "xlsx")
