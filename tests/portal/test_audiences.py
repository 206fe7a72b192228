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
