"""Agencies for the tests, built through the services (each test makes its own: the test
database also holds the demo's two)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from assessments.services import workspace_create
from tests.factories import UserFactory


def officer(**fields):
    user = UserFactory(role="law_enforcement", **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def agency(name="Test agency", country="KE", admin=None):
    admin = admin or officer()
    return workspace_create(by=admin, name=name, country=country), admin


def member(workspace, role="member"):
    from assessments.models import Membership

    user = officer()
    Membership.objects.create(workspace=workspace, user=user, role=role)
    return user


def all_answers(level_of=lambda key: 2):
    from assessments.toolkit import QUESTION_KEYS

    return {key: {"level": level_of(key), "note": ""} for key in QUESTION_KEYS}
