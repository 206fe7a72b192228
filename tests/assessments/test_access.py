"""A workspace is for its members only, on every surface: pages, PDF, exports, API, search.
Tried by every role, by a member of another agency, and by a member of this one."""

from __future__ import annotations

import datetime as dt

import pytest

from assessments.services import answers_save, mitigation_add, rating_save, round_start, system_register
from tests.factories import UserFactory

from .factories import agency, all_answers, member, officer

pytestmark = pytest.mark.django_db

SECRET = "Zebracorn gait analysis"  # a name no demo text holds


@pytest.fixture
def two_agencies():
    ours, admin = agency("Agency One", "KE")
    theirs, their_admin = agency("Agency Two", "FR")
    round = answers_save(round=round_start(workspace=ours, by=admin), by=admin, answers=all_answers())
    system = system_register(workspace=ours, by=admin, name=SECRET, purpose="Identify people by their walk.")
    rating_save(system=system, by=admin, principle="autonomy", group="public", likelihood=4, severity=4)
    mitigation = mitigation_add(system=system, by=admin, action="Stop", owner=admin, due_date=dt.date(2027, 3, 1))
    return {
        "ours": ours,
        "admin": admin,
        "member": member(ours),
        "other_agency": their_admin,
        "round": round,
        "system": system,
        "mitigation": mitigation,
    }


def _urls(f):
    slug, n, system, mitigation = f["ours"].slug, f["round"].number, f["system"].pk, f["mitigation"].pk
    base = f"/en/workspaces/{slug}/"
    return {
        "dashboard": base,
        "members": base + "members/",
        "rounds": base + "readiness/",
        "round": base + f"readiness/{n}/",
        "results": base + f"readiness/{n}/results/",
        "systems": base + "systems/",
        "system": base + f"systems/{system}/",
        "report": base + "report.pdf",
        "json": base + "export.json",
        "xlsx": base + "export.xlsx",
        "api": f"/api/v1/workspaces/{slug}",
        "api_rounds": f"/api/v1/workspaces/{slug}/rounds",
        "api_systems": f"/api/v1/workspaces/{slug}/systems",
        "log": base + "log/",
        "_mitigation": base + f"mitigations/{mitigation}/status/",
    }


OUTSIDERS = ["public", "delegate", "law_enforcement", "editor", "event_manager", "staff_manager", "superuser"]


def _who(f, role):
    if role in ("admin", "member", "other_agency"):
        return f[role]
    return UserFactory(role=role)


@pytest.mark.parametrize("role", ["anonymous", *OUTSIDERS, "other_agency", "member", "admin"])
def test_every_surface_answers_its_members_only(client, two_agencies, role):
    f = two_agencies
    if role != "anonymous":
        client.force_login(_who(f, role))
    for name, url in _urls(f).items():
        if name.startswith("_"):
            continue
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if role in ("member", "admin") and not (name == "log" and role == "member"):
            assert response.status_code == 200, (name, role)
            continue
        expected = (401 if name.startswith("api") else 302) if role == "anonymous" else 404
        assert response.status_code == expected, (name, role, response.status_code)
        assert SECRET.encode() not in body and b"Agency One" not in body, (name, role)
    # Writes from outside change nothing.
    if role not in ("member", "admin"):
        before = f["mitigation"].status
        client.post(_urls(f)["_mitigation"], {"status": "done"})
        f["mitigation"].refresh_from_db()
        assert f["mitigation"].status == before
        client.post(f"/en/workspaces/{f['ours'].slug}/systems/", {"name": "Injected", "purpose": "x", "stage": "idea"})
        assert not f["ours"].systems.filter(name="Injected").exists()


def test_the_list_of_workspaces_shows_only_ones_own(client, two_agencies):
    client.force_login(two_agencies["other_agency"])
    page = client.get("/en/workspaces/").text
    assert "Agency Two" in page and "Agency One" not in page
    assert [w["name"] for w in client.get("/api/v1/workspaces").json()] == ["Agency Two"]


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_staff_are_told_they_see_only_aggregates(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get("/en/workspaces/")
    assert response.status_code == 403 and "see only the aggregates" in response.text
    assert client.get("/en/workspaces/aggregates/").status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "delegate", "law_enforcement"])
def test_the_aggregates_are_for_staff_only(client, role):
    if role != "anonymous":
        client.force_login(UserFactory(role=role))
    assert client.get("/en/workspaces/aggregates/").status_code in (302, 403)


def test_workspaces_are_never_indexed(client, two_agencies):
    client.force_login(two_agencies["admin"])  # even its own member finds nothing: nothing is indexed
    assert client.get("/api/v1/search", {"q": "Zebracorn"}).json()["total"] == 0
    assert SECRET not in client.get("/en/search/", {"q": "Zebracorn gait"}).text


def test_a_member_who_loses_law_enforcement_clearance_loses_the_workspace(client, two_agencies):
    user = two_agencies["member"]
    user.groups.clear()
    client.force_login(user)
    assert client.get(f"/en/workspaces/{two_agencies['ours'].slug}/").status_code == 404


def test_an_officer_not_yet_invited_cannot_join_by_guessing(client, two_agencies):
    stranger = officer()
    client.force_login(stranger)
    assert client.get("/en/workspaces/invitation/not-a-token/").status_code == 404
    assert not two_agencies["ours"].memberships.filter(user=stranger).exists()


def test_the_admin_reads_who_viewed_exported_and_changed(client, two_agencies):
    f = two_agencies
    client.force_login(f["member"])
    client.get(f"/en/workspaces/{f['ours'].slug}/")
    client.get(f"/en/workspaces/{f['ours'].slug}/export.xlsx")
    client.force_login(f["admin"])
    log = client.get(f"/en/workspaces/{f['ours'].slug}/log/").text
    member_email = f["member"].email
    assert log.count(member_email) == 2
    assert "Viewed an agency" in log and "Exported an agency" in log and "Changed an agency" in log
    assert "xlsx" in log and "dashboard" in log
    # The other agency's admin reads only their own log.
    client.force_login(f["other_agency"])
    theirs = client.get(f"/en/workspaces/{f['ours'].slug.replace('one', 'two')}/log/").text
    assert member_email not in theirs
