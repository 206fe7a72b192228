"""The demo: two agencies, officer@ in one, each with a complete round, a system, risks and
mitigations; neither member sees the other's."""

from __future__ import annotations

import pytest

from assessments.models import Workspace

pytestmark = pytest.mark.django_db


def test_two_agencies_one_each(client):
    singapore = Workspace.objects.get(memberships__user__email="officer@liaison.example")
    kenya = Workspace.objects.get(memberships__user__email="inspector@liaison.example")
    assert singapore != kenya
    assert singapore.rounds.filter(completed_at__isnull=False).count() == 2 and kenya.rounds.count() == 1
    assert singapore.systems.get().ratings.count() == 4 and singapore.systems.get().mitigations.count() == 3
    assert kenya.systems.get().mitigations.count() == 1
    from portal.accounts.models import User

    client.force_login(User.objects.get(email="officer@liaison.example"))
    assert client.get(f"/en/workspaces/{singapore.slug}/").status_code == 200
    assert client.get(f"/en/workspaces/{kenya.slug}/").status_code == 404
