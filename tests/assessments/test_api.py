"""/api/v1/workspaces…: members read and write through the same services; others get 404;
the schema documents it."""

from __future__ import annotations

import pytest

from .factories import agency

pytestmark = pytest.mark.django_db


def test_a_member_creates_answers_registers_rates_and_mitigates(client):
    workspace, admin = agency("API agency")
    client.force_login(admin)
    base = f"/api/v1/workspaces/{workspace.slug}"
    started = client.post(base + "/rounds", content_type="application/json")
    assert started.status_code == 201 and started.json()["number"] == 1
    questions = client.get(base + "/questions", {"lang": "fr"}).json()
    assert len(questions) == 24 and questions[0]["text"].startswith("Un cadre supérieur")
    answered = client.post(
        base + "/rounds/1/answers",
        {"answers": {q["key"]: {"level": 4} for q in questions}},
        content_type="application/json",
    ).json()
    assert answered["overall"] == 100 and answered["completed_at"]
    bad = client.post(base + "/rounds/1/answers", {"answers": {"x": {"level": 1}}}, content_type="application/json")
    assert bad.status_code == 400 and "complete" in bad.json()["detail"]
    system = client.post(
        base + "/systems",
        {"name": "Speech to text", "purpose": "Transcribe interviews."},
        content_type="application/json",
    )
    assert system.status_code == 201
    system_id = system.json()["id"]
    rating = client.post(
        f"{base}/systems/{system_id}/ratings",
        {"principle": "autonomy", "group": "suspects", "likelihood": 3, "severity": 4},
        content_type="application/json",
    )
    assert rating.json()["level"] == "high"
    mitigation = client.post(
        f"{base}/systems/{system_id}/mitigations",
        {"action": "Human review of every transcript", "owner_email": admin.email, "due_date": "2027-05-01"},
        content_type="application/json",
    )
    assert mitigation.status_code == 201 and mitigation.json()["status"] == "open"
    everything = client.get(base, {"lang": "en"}).json()
    assert everything["systems"][0]["mitigations"][0]["action"] == "Human review of every transcript"


def test_bad_input_gets_words(client):
    workspace, admin = agency()
    client.force_login(admin)
    base = f"/api/v1/workspaces/{workspace.slug}"
    assert (
        client.post("/api/v1/workspaces", {"name": "X", "country": "ZZ"}, content_type="application/json").status_code
        == 400
    )
    system_id = client.post(base + "/systems", {"name": "S", "purpose": "P"}, content_type="application/json").json()[
        "id"
    ]
    wrong = client.post(
        f"{base}/systems/{system_id}/ratings",
        {"principle": "magic", "group": "public", "likelihood": 3, "severity": 3},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and wrong.json()["detail"]
    stranger_owner = client.post(
        f"{base}/systems/{system_id}/mitigations",
        {"action": "A", "owner_email": "nobody@example.test", "due_date": "2027-01-01"},
        content_type="application/json",
    )
    assert stranger_owner.status_code == 400


def test_the_schema_lists_the_workspace_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/workspaces", "/api/v1/workspaces/{slug}/rounds", "/api/v1/workspaces/{slug}/systems"} <= set(paths)
    assert "post" in paths["/api/v1/workspaces/{slug}/systems/{system_id}/mitigations"]


def test_writes_need_the_csrf_token_and_reads_a_session():
    from django.test import Client

    workspace, admin = agency()
    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/api/v1/workspaces").status_code == 401
    strict.force_login(admin)
    refused = strict.post(f"/api/v1/workspaces/{workspace.slug}/rounds", content_type="application/json")
    assert refused.status_code == 403 and not workspace.rounds.exists()
    assert strict.get("/api/v1/workspaces").status_code == 200
