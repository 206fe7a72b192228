"""Demo: two agencies, each with its own workspace, built through the same services as the
site. officer@liaison.example runs Singapore's (two rounds, so the dashboard compares them; a
licence-plate system with risks and mitigations); a second officer, inspector@liaison.example
(password as every demo account), runs Kenya's. Neither sees the other's."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.audiences import GROUP_LAW_ENFORCEMENT
from portal.demo.users import DemoUser, ensure_demo_user

from .models import Membership, Workspace
from .services import (
    answers_save,
    mitigation_add,
    mitigation_set_status,
    rating_save,
    round_start,
    system_register,
    workspace_create,
)
from .toolkit import DIMENSIONS

INSPECTOR = DemoUser(
    "inspector@liaison.example",
    "law enforcement (a second agency)",
    "Wanjiru",
    "Kamau",
    "KE",
    "National Police Service of Kenya",
    "fr",
    (GROUP_LAW_ENFORCEMENT,),
)

# Levels per dimension, in the order of toolkit.DIMENSIONS (four questions each).
SINGAPORE_ROUNDS = [
    {"governance": [2, 1, 2, 1], "people": [1, 1, 2, 2], "data": [2, 2, 3, 1], "technology": [2, 1, 3, 1],
     "processes": [1, 2, 1, 1], "engagement": [0, 1, 1, 0]},
    {"governance": [3, 3, 4, 2], "people": [3, 2, 2, 3], "data": [3, 3, 4, 2], "technology": [3, 2, 3, 2],
     "processes": [3, 3, 2, 2], "engagement": [2, 1, 2, 1]},
]  # fmt: skip
KENYA_ROUND = {"governance": [1, 2, 1, 0], "people": [2, 1, 1, 2], "data": [1, 1, 2, 2], "technology": [1, 0, 2, 1],
               "processes": [2, 1, 1, 1], "engagement": [1, 0, 1, 1]}  # fmt: skip


def _answer_round(workspace, by, levels):
    round = round_start(workspace=workspace, by=by)
    answers = {
        question.key: {"level": level, "note": ""}
        for dimension in DIMENSIONS
        for question, level in zip(dimension.questions, levels[dimension.key], strict=True)
    }
    return answers_save(round=round, by=by, answers=answers)


def _agency(user, name, country):
    existing = Workspace.objects.filter(memberships__user=user, name=name).first()
    if existing:
        return existing, False
    return workspace_create(by=user, name=name, country=country), True


def build(refresh: bool = False) -> str:
    from portal.accounts.models import User

    officer = User.objects.filter(email="officer@liaison.example").first()
    if officer is None:  # load_demo --no-users: the workspaces need their members
        return "no demo accounts, so no agency workspaces"
    ensure_demo_user(INSPECTOR)
    inspector = User.objects.get(email=INSPECTOR.email)
    today = timezone.localdate()

    singapore, created = _agency(officer, "Singapore Police Force — Technology Office", "SG")
    if created:
        for levels in SINGAPORE_ROUNDS:
            _answer_round(singapore, officer, levels)
        plates = system_register(
            workspace=singapore,
            by=officer,
            name="Licence-plate recognition on patrol cars",
            purpose="Cameras on twelve patrol cars read number plates and flag stolen or wanted vehicles to the crew.",
            data="Plate images and the national list of wanted vehicles; images kept 30 days unless flagged.",
            supplier="A local integrator, on a commercial model",
            stage="pilot",
        )
        privacy = rating_save(system=plates, by=officer, principle="autonomy", group="public", likelihood=4, severity=3,
                              note="Every passing car is read, not only suspects'.")  # fmt: skip
        rating_save(system=plates, by=officer, principle="lawfulness", group="public", likelihood=2, severity=4)
        bias = rating_save(system=plates, by=officer, principle="fairness", group="vulnerable", likelihood=2,
                           severity=4, note="Patrol routes decide whose cars are read most.")  # fmt: skip
        rating_save(system=plates, by=officer, principle="harm", group="suspects", likelihood=3, severity=5,
                    note="A misread plate can lead to a wrongful stop.")  # fmt: skip
        mitigation_add(system=plates, by=officer, action="Shorten the retention of unflagged images to 48 hours.",
                       owner=officer, due_date=today + dt.timedelta(days=21), rating=privacy)  # fmt: skip
        mitigation_add(system=plates, by=officer, action="Compare read rates across districts every quarter.",
                       owner=officer, due_date=today + dt.timedelta(days=60), rating=bias)  # fmt: skip
        check = mitigation_add(system=plates, by=officer, action="Crew confirms every alert by eye before a stop.",
                               owner=officer, due_date=today - dt.timedelta(days=10))  # fmt: skip
        mitigation_set_status(mitigation=check, by=officer, status="done")

    kenya, created = _agency(inspector, "National Police Service of Kenya — Cybercrime Unit", "KE")
    if created:
        _answer_round(kenya, inspector, KENYA_ROUND)
        triage = system_register(
            workspace=kenya,
            by=inspector,
            name="Triage of images on seized phones",
            purpose="Sorts images from seized devices so that analysts see likely abuse material first.",
            data="Images copied from seized devices under warrant.",
            supplier="Built in house",
            stage="development",
        )
        staff = rating_save(system=triage, by=inspector, principle="harm", group="staff", likelihood=4, severity=3,
                            note="Analysts are exposed to distressing material.")  # fmt: skip
        mitigation_add(system=triage, by=inspector, action="Blur images by default and limit shifts to four hours.",
                       owner=inspector, due_date=today + dt.timedelta(days=30), rating=staff)  # fmt: skip
    return f"{Workspace.objects.count()} agency workspaces, {Membership.objects.count()} members"


BUILDERS = [("responsible-AI workspaces", build)]
