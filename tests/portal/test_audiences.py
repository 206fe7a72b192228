"""Clearance of each role and the audience rules of the page tree (the surfaces: test_access_matrix)."""

from __future__ import annotations

import pytest

from portal.audiences import Audience, can_view, clearance_for, visible_audiences
from portal.pages.models import NewsIndexPage
from tests.conftest import CLEARANCE, ORDER, ROLES, allowed
from tests.factories import UserFactory, add_page, en_index, news_page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_clearance_of_each_role(role, user_for_role):
    user = user_for_role(role)
    assert clearance_for(user) == CLEARANCE[role]
    assert visible_audiences(user) == [a.value for a in ORDER if allowed(role, a)]


@pytest.mark.django_db
def test_child_inherits_restriction_of_its_parent(client_for_role):
    """A section made stricter after publication restricts the pages already in it."""
    home = en_index(NewsIndexPage).get_parent().specific
    section = add_page(home, NewsIndexPage(title="Later restricted", slug="later-restricted"))
    child = news_page(title="Loose child", audience=Audience.PUBLIC, parent=section)
    assert client_for_role("delegate").get(child.url).status_code == 200
    section.audience = Audience.LAW_ENFORCEMENT
    section.save_revision().publish()
    assert client_for_role("delegate").get(child.url).status_code == 403
    assert client_for_role("law_enforcement").get(child.url).status_code == 200


@pytest.mark.django_db
def test_page_cannot_be_more_open_than_its_parent():
    from django.core.exceptions import ValidationError

    home = en_index(NewsIndexPage).get_parent().specific
    section = add_page(
        home,
        NewsIndexPage(title="Delegates news", slug="delegates-news", audience=Audience.DELEGATES),
    )
    child = news_page(title="Child", audience=Audience.DELEGATES, parent=section)
    child.audience = Audience.PUBLIC
    with pytest.raises(ValidationError) as excinfo:
        child.full_clean()
    assert "audience" in excinfo.value.message_dict


def test_can_view_unknown_audience_is_treated_as_most_restricted():
    assert can_view(None, "no-such-audience") is False


@pytest.mark.django_db
def test_inactive_user_has_public_clearance():
    user = UserFactory(role="law_enforcement")
    user.is_active = False
    assert clearance_for(user) == Audience.PUBLIC


# One authorization layer: clearance is a Django permission, whatever a group is called.


@pytest.mark.django_db
def test_clearance_comes_from_the_permission_not_the_group_name():
    from django.contrib.auth.models import Group, Permission

    officer = UserFactory()
    officer.user_permissions.add(Permission.objects.get(codename="see_law_enforcement_material"))
    assert clearance_for(type(officer).objects.get(pk=officer.pk)) == Audience.LAW_ENFORCEMENT

    renamed = Group.objects.create(name="Border liaison officers")
    renamed.permissions.add(Permission.objects.get(codename="see_delegates_material"))
    member = UserFactory()
    member.groups.add(renamed)
    assert clearance_for(member) == Audience.DELEGATES

    delegates = Group.objects.get(name="Delegates")
    delegates.permissions.clear()
    delegate = UserFactory(role="delegate")
    assert clearance_for(delegate) == Audience.PUBLIC


@pytest.mark.django_db
def test_forgetting_clearance_rereads_the_permissions():
    from portal.audiences import forget_clearance

    user = UserFactory()
    assert clearance_for(user) == Audience.PUBLIC
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name="Delegates"))
    assert clearance_for(user) == Audience.PUBLIC  # cached for the request
    forget_clearance(user)
    assert clearance_for(user) == Audience.DELEGATES


@pytest.mark.django_db
def test_a_withheld_superuser_keeps_only_what_their_groups_grant():
    from django.contrib.auth.models import Group

    from portal.audiences import withhold_staff

    admin = UserFactory(role="superuser")
    assert clearance_for(admin) == Audience.STAFF
    withhold_staff(admin)
    assert clearance_for(admin) == Audience.PUBLIC
    admin.groups.add(Group.objects.get(name="Delegates"))
    withhold_staff(admin)
    assert clearance_for(admin) == Audience.DELEGATES


@pytest.mark.django_db
def test_delegates_and_officers_clearance_is_not_a_staff_right():
    from portal.accounts.second_factor import is_staff_account

    assert not is_staff_account(UserFactory(role="delegate"))
    assert not is_staff_account(UserFactory(role="law_enforcement"))
    assert is_staff_account(UserFactory(role="editor"))


@pytest.mark.django_db
def test_the_admin_group_screen_grants_clearance(client):
    """A superuser ticks "Can see material reserved for law-enforcement officers" for a new group
    on Wagtail's group screen; its members then hold law-enforcement clearance."""
    from django.contrib.auth.models import Group, Permission

    admin = UserFactory(role="superuser")
    client.force_login(admin)
    page = client.get("/admin/groups/new/")
    assert page.status_code == 200
    assert "Can see material reserved for law-enforcement officers" in page.content.decode()
    permission = Permission.objects.get(codename="see_law_enforcement_material")
    access_admin = Permission.objects.get(codename="access_admin")
    response = client.post(
        "/admin/groups/new/",
        {
            "name": "Regional bureau officers",
            "permissions": [permission.pk, access_admin.pk],
            **{f"page_permissions-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()},
            **{f"collection_permissions-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()},
            **{f"document_permissions-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()},
            **{f"image_permissions-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = Group.objects.get(name="Regional bureau officers")
    assert set(group.permissions.values_list("codename", flat=True)) == {"see_law_enforcement_material", "access_admin"}
    member = UserFactory()
    member.groups.add(group)
    assert clearance_for(member) == Audience.LAW_ENFORCEMENT
