"""A member's own download lists their workspaces; deleting the account leaves the agency's
assessments with the agency, hands a workspace on to a member, deletes an empty one."""

from __future__ import annotations

import pytest

from assessments.models import Workspace
from portal.accounts.personal_data import account_delete, personal_data_export

from .factories import agency, member

pytestmark = pytest.mark.django_db


def test_the_download_and_the_deletion():
    shared, admin = agency("Shared agency")
    colleague = member(shared)
    alone, _admin = agency("Solo agency", admin=admin)
    data = personal_data_export(admin)
    assert {m["workspace"] for m in data["workspaces"]["memberships"]} == {"Shared agency", "Solo agency"}
    done = account_delete(admin)
    assert done["workspaces handed to a new admin"] == 1 and done["workspaces deleted (no member left)"] == 1
    assert not Workspace.objects.filter(pk=alone.pk).exists()
    assert shared.memberships.get().user == colleague and shared.memberships.get().role == "admin"
