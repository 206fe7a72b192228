"""The PDF report, read back: readiness beside the previous round, risks, mitigations, in the
reader's language, marked confidential."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from assessments.report import workspace_report_pdf
from assessments.services import answers_save, mitigation_add, rating_save, round_start, system_register
from tests.pdftools import pdf_text

from .factories import agency, all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed():
    workspace, admin = agency("Kenya Cyber Unit")
    answers_save(round=round_start(workspace=workspace, by=admin), by=admin, answers=all_answers(lambda k: 1))
    answers_save(round=round_start(workspace=workspace, by=admin), by=admin, answers=all_answers(lambda k: 3))
    system = system_register(workspace=workspace, by=admin, name="Phone triage", purpose="Sort seized images.")
    rating_save(system=system, by=admin, principle="harm", group="staff", likelihood=4, severity=4)
    mitigation_add(system=system, by=admin, action="Blur by default", owner=admin, due_date=dt.date(2027, 2, 1))
    return workspace


def test_the_report_in_english(assessed):
    text = " ".join(pdf_text(workspace_report_pdf(assessed)).split())
    assert "Responsible AI self-assessment" in text and "Kenya Cyber Unit" in text
    assert "Round 2 (complete). Overall score: 75%." in text
    assert "Governance" in text and "+50" in text
    assert "Phone triage" in text and "Critical" in text and "Blur by default" in text
    assert "Confidential: members of the Kenya Cyber Unit workspace only" in text


def test_the_same_report_in_french(assessed):
    with translation.override("fr"):
        text = " ".join(pdf_text(workspace_report_pdf(assessed)).split())
    assert "Auto-évaluation" in text and "Gouvernance" in text and "Critique" in text
    assert "75 %" in text.replace("\u202f", " ").replace("\xa0", " ")
