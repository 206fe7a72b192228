"""Per-user lookups cached between requests: fewer queries, and a change is seen at once."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts.lookups import email_verified
from portal.audiences import GROUP_DELEGATES, GROUP_LAW_ENFORCEMENT, clearance_for

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request loads it (nothing cached on the object)."""
    return get_user_model().objects.get(pk=user.pk)


def make_user(*groups):
    user = get_user_model().objects.create_user(email="officer@example.test", password="long-enough-password")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def test_permissions_are_read_in_one_query_then_from_the_cache():
    user = make_user(GROUP_DELEGATES)
    with CaptureQueriesContext(connection) as first:
        assert clearance_for(fresh_user := fresh(user)) == "delegates"
    assert len([q for q in first.captured_queries if "auth_permission" in q["sql"]]) == 1
    assert fresh_user.has_perm("accounts.see_delegates_material")
    again = fresh(user)
    with CaptureQueriesContext(connection) as second:
        assert clearance_for(again) == "delegates"
    assert second.captured_queries == []


def test_a_membership_taken_away_counts_on_the_next_request():
    user = make_user(GROUP_DELEGATES, GROUP_LAW_ENFORCEMENT)
    assert clearance_for(fresh(user)) == "law_enforcement"
    user.groups.remove(Group.objects.get(name=GROUP_LAW_ENFORCEMENT))
    assert clearance_for(fresh(user)) == "delegates"
    user.groups.clear()
    assert clearance_for(fresh(user)) == "public"


def test_a_permission_taken_from_a_group_counts_on_the_next_request():
    user = make_user(GROUP_DELEGATES)
    assert fresh(user).has_perm("accounts.see_delegates_material")
    group = Group.objects.get(name=GROUP_DELEGATES)
    group.permissions.remove(Permission.objects.get(codename="see_delegates_material"))
    assert not fresh(user).has_perm("accounts.see_delegates_material")
    assert clearance_for(fresh(user)) == "public"


def test_a_switched_off_account_holds_nothing_even_with_a_cached_set():
    user = make_user(GROUP_DELEGATES)
    assert clearance_for(fresh(user)) == "delegates"
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert not fresh(user).has_perm("accounts.see_delegates_material")


def test_a_verified_address_is_remembered_and_forgotten_when_removed():
    user = make_user()
    assert not email_verified(user)  # a "no" is never remembered:
    address = EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    assert email_verified(user)
    with CaptureQueriesContext(connection) as queries:
        assert email_verified(user)
    assert queries.captured_queries == []
    address.delete()
    assert not email_verified(user)
