"""JSON and XLSX exports: everything of the workspace, labels in the reader's language, cells
that cannot run as formulas."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from assessments.exports import workspace_data, workspace_xlsx
from assessments.services import answers_save, rating_save, round_start, system_register

from .factories import agency, all_answers

pytestmark = pytest.mark.django_db


def test_json_and_xlsx_hold_the_rounds_the_systems_and_their_risks():
    from openpyxl import load_workbook

    workspace, admin = agency()
    answers_save(round=round_start(workspace=workspace, by=admin), by=admin, answers=all_answers())
    system = system_register(workspace=workspace, by=admin, name="=HYPERLINK(1)", purpose="Test formulas.")
    rating_save(system=system, by=admin, principle="lawfulness", group="public", likelihood=2, severity=3)
    with translation.override("fr"):
        data = workspace_data(workspace)
        book = load_workbook(io.BytesIO(workspace_xlsx(workspace)))
    assert data["readiness"][0]["overall"] == 50 and len(data["readiness"][0]["answers"]) == 24
    assert data["readiness"][0]["dimensions"][0]["name"] == "Gouvernance"
    assert data["systems"][0]["ratings"][0]["level_name"] == "Moyen"
    assert book.sheetnames == ["Maturité", "Réponses", "Systèmes d’IA", "Risques", "Mesures"]
    assert book["Systèmes d’IA"]["A2"].value == "'=HYPERLINK(1)"
    assert book["Maturité"]["C2"].value == 50
