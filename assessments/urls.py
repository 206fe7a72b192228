from django.urls import path

from .views import outputs, readiness, staff, systems, workspaces

app_name = "assessments"

W = "workspaces/<slug:slug>/"

urlpatterns = [
    path("workspaces/", workspaces.workspace_list, name="list"),
    path("workspaces/aggregates/", staff.aggregates, name="aggregates"),
    path("workspaces/invitation/<str:token>/", workspaces.invitation, name="invitation"),
    path(W, workspaces.dashboard, name="dashboard"),
    path(W + "members/", workspaces.members, name="members"),
    path(W + "members/<int:member_id>/remove/", workspaces.member_remove_view, name="member_remove"),
    path(W + "log/", workspaces.audit_log, name="log"),
    path(W + "readiness/", readiness.rounds, name="rounds"),
    path(W + "readiness/start/", readiness.round_start_view, name="round_start"),
    path(W + "readiness/<int:number>/", readiness.round_detail, name="round"),
    path(W + "readiness/<int:number>/results/", readiness.results, name="results"),
    path(W + "systems/", systems.system_list, name="systems"),
    path(W + "systems/<int:system_id>/", systems.system_detail, name="system"),
    path(W + "mitigations/<int:mitigation_id>/status/", systems.mitigation_status, name="mitigation_status"),
    path(W + "report.pdf", outputs.report_pdf, name="report"),
    path(W + "export.json", outputs.export_json, name="export_json"),
    path(W + "export.xlsx", outputs.export_xlsx, name="export_xlsx"),
]
