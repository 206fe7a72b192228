"""Creating workspaces, invitations, rounds saved as they go, risks and mitigations: every
refusal in words, every change in the workspace's log."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from assessments.models import Membership, ReadinessRound
from assessments.services import (
    WorkspaceError,
    answers_save,
    invitation_accept,
    invitation_create,
    member_remove,
    mitigation_add,
    mitigation_set_status,
    rating_save,
    round_start,
    system_register,
    workspace_create,
)
from portal.audit.models import Action, AuditEntry
from tests.factories import UserFactory

from .factories import agency, all_answers, member, officer

pytestmark = pytest.mark.django_db


def _log(workspace):
    return list(
        AuditEntry.objects.filter(object_type="workspace", object_id=str(workspace.pk)).values_list("action", "detail")
    )


def test_a_law_enforcement_account_creates_its_agency_and_is_its_admin():
    workspace, admin = agency("Polícia Federal — Brasília", "BR")
    assert workspace.slug == "policia-federal-brasilia" and workspace.region == "americas"
    assert workspace.memberships.get().user == admin and workspace.memberships.get().role == "admin"
    assert (Action.ASSESSMENT_CHANGE, {"what": "created"}) in _log(workspace)
    again, _admin = agency("Polícia Federal — Brasília", "BR")
    assert again.slug == "policia-federal-brasilia-2"


@pytest.mark.parametrize("role", ["public", "delegate", "editor", "event_manager", "superuser"])
def test_other_accounts_cannot_create_a_workspace(role):
    with pytest.raises(WorkspaceError) as refused:
        workspace_create(by=UserFactory(role=role), name="Agency", country="FR")
    assert "law-enforcement" in refused.value.message or "Staff" in refused.value.message


def test_only_the_very_person_invited_joins_before_the_invitation_expires():
    workspace, admin = agency()
    invitation = invitation_create(workspace=workspace, by=admin, email="Colleague@Example.test")
    assert invitation.email == "colleague@example.test"
    stranger = officer()
    with pytest.raises(WorkspaceError, match="sign in with that address"):
        invitation_accept(invitation=invitation, user=stranger)
    colleague = officer(email="colleague@example.test")
    joined = invitation_accept(invitation=invitation, user=colleague)
    assert joined.role == "member" and workspace.memberships.count() == 2
    with pytest.raises(WorkspaceError, match="already used"):
        invitation_accept(invitation=invitation, user=colleague)
    late = invitation_create(workspace=workspace, by=admin, email="late@example.test")
    late.expires_at = timezone.now() - dt.timedelta(minutes=1)
    late.save()
    with pytest.raises(WorkspaceError, match="expired"):
        invitation_accept(invitation=late, user=officer(email="late@example.test"))


def test_an_invited_delegate_without_law_enforcement_clearance_is_refused():
    workspace, admin = agency()
    invitation = invitation_create(workspace=workspace, by=admin, email="delegate@example.test")
    delegate = UserFactory(role="delegate", email="delegate@example.test")
    EmailAddress.objects.create(user=delegate, email=delegate.email, verified=True, primary=True)
    with pytest.raises(WorkspaceError, match="law-enforcement"):
        invitation_accept(invitation=invitation, user=delegate)
    assert not Membership.objects.filter(user=delegate).exists()


def test_the_invitation_is_mailed(mailoutbox):
    workspace, admin = agency("Cyber unit")
    invitation_create(workspace=workspace, by=admin, email="new@example.test")
    # The immediate task backend sends on commit; the test's transaction commits nothing,
    # so send as the worker would.
    from assessments.tasks import send_invitation

    send_invitation.call(workspace.invitations.get().pk)
    mail = mailoutbox[-1]
    assert mail.to == ["new@example.test"] and "Cyber unit" in mail.subject
    assert f"/en/workspaces/invitation/{workspace.invitations.get().token}/" in mail.body


def test_a_workspace_keeps_an_admin():
    workspace, admin = agency()
    with pytest.raises(WorkspaceError, match="at least one admin"):
        member_remove(membership=workspace.memberships.get(user=admin), by=admin)
    colleague = member(workspace)
    member_remove(membership=workspace.memberships.get(user=colleague), by=admin)
    assert workspace.memberships.count() == 1


def test_a_round_is_saved_as_it_goes_and_completes_when_every_question_is_answered():
    workspace, admin = agency()
    round = round_start(workspace=workspace, by=admin)
    assert round.number == 1
    with pytest.raises(WorkspaceError, match="still open"):
        round_start(workspace=workspace, by=admin)
    answers = all_answers()
    half = dict(list(answers.items())[:12])
    answers_save(round=round, by=admin, answers=half)
    assert round.answers.count() == 12 and round.completed_at is None
    answers_save(round=round, by=admin, answers={k: {"level": 4, "note": "better"} for k in list(half)[:1]})
    assert round.answers.count() == 12  # an answer changed, not added
    answers_save(round=round, by=admin, answers=dict(list(answers.items())[12:]))
    round.refresh_from_db()
    assert round.completed_at is not None
    with pytest.raises(WorkspaceError, match="complete"):
        answers_save(round=round, by=admin, answers=half)
    assert round_start(workspace=workspace, by=admin).number == 2
    whats = [detail["what"] for _action, detail in _log(workspace)]
    assert whats.count("answered") == 3 and "round completed" in whats


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"governance.owner": {"level": 5}}, "0 to 4"),
        ({"governance.owner": {"level": "high"}}, "0 to 4"),
        ({"nope": {"level": 1}}, "Unknown question"),
        ({"governance.owner": {"level": 1, "note": "x" * 1001}}, "1,000"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(answers, message):
    workspace, admin = agency()
    round = round_start(workspace=workspace, by=admin)
    with pytest.raises(WorkspaceError, match=message):
        answers_save(round=round, by=admin, answers={"data.basis": {"level": 2}, **answers})
    assert not round.answers.exists()


def test_risks_and_mitigations():
    workspace, admin = agency()
    system = system_register(workspace=workspace, by=admin, name="Face matching", purpose="Find missing people.")
    rating = rating_save(system=system, by=admin, principle="fairness", group="vulnerable", likelihood=3, severity=5)
    assert rating.level == "critical"
    again = rating_save(system=system, by=admin, principle="fairness", group="vulnerable", likelihood=2, severity=2)
    assert again.pk == rating.pk and again.level == "low" and system.ratings.count() == 1
    outsider = officer()
    with pytest.raises(WorkspaceError, match="member"):
        mitigation_add(system=system, by=admin, action="Audit", owner=outsider, due_date=dt.date(2027, 1, 1))
    mitigation = mitigation_add(
        system=system, by=admin, action="Audit", owner=admin, due_date=dt.date(2027, 1, 1), rating=rating
    )
    mitigation_set_status(mitigation=mitigation, by=admin, status="done")
    assert mitigation.done_at is not None
    mitigation_set_status(mitigation=mitigation, by=admin, status="in_progress")
    assert mitigation.done_at is None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        system_register(workspace=workspace, by=admin, name="", purpose="x", stage="moon")
    assert ReadinessRound.objects.filter(workspace=workspace).count() == 0
