"""Editorial workflow in the Wagtail admin: submit → approve, translation, French admin."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.users.models import UserProfile

from portal.pages.models import NewsPage
from tests.factories import UserFactory, news_page


def staff(role: str):
    user = UserFactory(role=role)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.mark.django_db
def test_editor_submits_and_moderator_approves(client):
    editor, moderator = staff("editor"), staff("moderator")
    page = news_page(title="Draft for moderation")
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()

    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Moderators approval"

    page.title = "Edited by the editor"
    page.save_revision(user=editor)
    state = workflow.start(page, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert NewsPage.objects.get(pk=page.pk).title == "Draft for moderation"  # not live yet

    client.force_login(editor)
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    client.post(approve_url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # an editor cannot approve

    client.force_login(moderator)
    response = client.post(approve_url, {"comment": "Looks good"})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert NewsPage.objects.get(pk=page.pk).title == "Edited by the editor"


@pytest.mark.django_db
def test_editor_translates_a_page_with_wagtail_localize(client):
    editor = staff("editor")
    page = news_page(title="To be translated")
    client.force_login(editor)
    fr = Locale.objects.get(language_code="fr")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [fr.pk]})
    assert response.status_code == 302
    translation = page.get_translation(fr)
    # The translation editor opens for the new French draft.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert response.status_code == 200
    assert "To be translated" in response.text


@pytest.mark.django_db
def test_admin_speaks_french_to_a_french_editor(client):
    editor = staff("editor")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Tableau de bord" in response.text
    # Our own model labels are translated too.
    news_index = NewsPage.objects.first().get_parent()
    response = client.get(reverse("wagtailadmin_pages:add", args=["pages", "newspage", news_index.pk]))
    assert response.status_code == 200
    assert "Public visé" in response.text


@pytest.mark.django_db
def test_event_managers_reach_the_admin_but_cannot_edit_pages(client):
    manager = staff("event_manager")
    client.force_login(manager)
    assert client.get("/admin/").status_code == 200
    page = NewsPage.objects.first()
    assert not page.permissions_for_user(manager).can_edit()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator", "event_manager"])
def test_staff_roles_cannot_change_users_or_groups_in_the_admin(client, role):
    """Only superusers manage accounts, so no staff role can raise anyone's clearance."""
    from django.contrib.auth.models import Group

    user = staff(role)
    client.force_login(user)
    response = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert response.status_code in (302, 403)
    le = Group.objects.get(name="Law enforcement")
    client.post(reverse("wagtailusers_users:edit", args=[user.pk]), {"groups": [le.pk], "email": user.email})
    assert not user.groups.filter(name="Law enforcement").exists()
    assert client.get(reverse("wagtailusers_groups:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_granting_groups_through_the_service_checks_names():
    from portal.accounts.services import user_grant_groups
    from portal.audiences import Audience, clearance_for

    user = UserFactory()
    assert clearance_for(user) == Audience.PUBLIC
    user_grant_groups(user=user, group_names=["Delegates"])
    assert clearance_for(user) == Audience.DELEGATES  # cached value was dropped
    with pytest.raises(ValueError, match="Unknown groups: Spies"):
        user_grant_groups(user=user, group_names=["Spies"])


@pytest.mark.django_db
def test_wagtail_page_and_collection_privacy_are_switched_off(client):
    """One access rule: the audience field. Wagtail's privacy dialog is gone from the editor and
    its views answer 410, so no page carries a restriction that only the page view would honour."""
    from wagtail.models import Collection, Page

    from tests.factories import UserFactory

    client.force_login(UserFactory(role="superuser"))
    page = Page.objects.get(slug="secretariat-conference-checklist", locale__language_code="en")
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "set-privacy" not in editor
    assert "Set by the Audience field in the Content tab: Staff." in editor
    for url in (
        f"/admin/pages/{page.pk}/privacy/",
        f"/admin/collections/{Collection.get_first_root_node().pk}/privacy/",
    ):
        assert client.get(url).status_code == 410
        assert client.post(url, {"restriction_type": "password", "password": "x"}).status_code == 410
    assert not page.get_view_restrictions().exists()
