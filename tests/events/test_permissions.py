"""Who runs events is a Django permission (events.run_events), asked the same way by the site's
staff pages as the admin asks its model permissions; a staff account without its second factor
holds no permission at all."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from events.permissions import is_event_manager
from portal.audiences import withhold_staff
from tests.events import factories as f

pytestmark = pytest.mark.django_db


def test_the_event_managers_group_holds_the_permission():
    assert is_event_manager(f.delegate(role="event_manager"))
    assert not is_event_manager(f.delegate())
    assert not is_event_manager(f.delegate(role="editor"))


def test_the_permission_itself_decides_not_a_group_name():
    user = f.delegate()
    user.user_permissions.add(Permission.objects.get(codename="run_events"))
    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert is_event_manager(user) and user.has_perm("events.run_events")


def test_without_the_second_factor_a_manager_holds_no_permission():
    manager = f.delegate(role="event_manager")
    withhold_staff(manager)
    assert not is_event_manager(manager)
    assert not manager.has_perm("events.change_attendance")
    assert not manager.has_module_perms("events")
