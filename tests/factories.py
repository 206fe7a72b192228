"""factory_boy factories for users and pages."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Group
from wagtail.models import Locale

from portal.accounts.models import User
from portal.audiences import (
    GROUP_DELEGATES,
    GROUP_EDITORS,
    GROUP_EVENT_MANAGERS,
    GROUP_LAW_ENFORCEMENT,
    GROUP_MODERATORS,
    GROUP_STAFF_MANAGERS,
)
from portal.pages.models import BestPracticeIndexPage, BestPracticePage, NewsIndexPage, NewsPage

PASSWORD = "correct horse battery"

ROLE_GROUPS = {
    "public": [],
    "delegate": [GROUP_DELEGATES],
    "law_enforcement": [GROUP_LAW_ENFORCEMENT],
    "editor": [GROUP_EDITORS],
    "moderator": [GROUP_MODERATORS],
    "event_manager": [GROUP_EVENT_MANAGERS],
    "staff_manager": [GROUP_STAFF_MANAGERS],
    "superuser": [],
}


class UserFactory(factory.django.DjangoModelFactory):
    """``UserFactory(role="delegate")`` gives an account in that role's groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    country = "FR"
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        role = extracted or "public"
        self.is_superuser = self.is_staff = role == "superuser"
        self.save()
        if create:
            self.groups.set(Group.objects.filter(name__in=ROLE_GROUPS[role]))


def en_index(model):
    """The demo's English index of this type (the first in the tree, if tests added more)."""
    return model.objects.filter(locale=Locale.objects.get(language_code="en")).order_by("path").first()


def add_page(parent, page):
    """Add ``page`` under ``parent`` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def news_page(*, title: str, audience: str = "public", parent=None, **fields) -> NewsPage:
    parent = parent or en_index(NewsIndexPage)
    fields.setdefault("date", datetime.date(2025, 1, 15))
    fields.setdefault("body", f"<p>Body of {title}.</p>")
    return add_page(parent, NewsPage(title=title, audience=audience, summary=f"Summary of {title}", **fields))


def best_practice_page(*, title: str, audience: str = "public", parent=None, **fields) -> BestPracticePage:
    parent = parent or en_index(BestPracticeIndexPage)
    fields.setdefault("body", f"<p>Body of {title}.</p>")
    return add_page(
        parent,
        BestPracticePage(title=title, audience=audience, summary=f"Summary of {title}", **fields),
    )
