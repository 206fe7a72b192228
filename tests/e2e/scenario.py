"""Prepared on the e2e server before it starts (run inside its own process with ``manage.py shell``).

Staff invite the delegate of the browser journey to the demonstration week, through the same
service the admin uses, so the invitation email lands in the server's mail outbox. Prints, as one
JSON line, what the browser needs to know that a real person would have on paper: the staff
accounts' second-factor secrets.
"""

from __future__ import annotations

import json

DELEGATE_EMAIL = "nadia.benali@example.test"
WEEK = "demo-week"
MAIN_EVENT = "heads-of-ncb-demo"  # room for three delegates per country
SMALL_EVENT = "ncb-dpo-demo"  # one place per country; Senegal's is already taken by the demo delegate
# A delegate with a complete profile and no registration yet: the accessibility checks open the form.
FORM_DELEGATE_EMAIL = "kofi.mensah@example.test"
FORM_DELEGATE_PASSWORD = "Accra-Bureau-2027!"  # noqa: S105 — a test account on a loopback server
# A new editor with no authenticator yet: the normal state of new staff.
NEW_EDITOR_EMAIL = "lea.fontaine@example.test"
NEW_EDITOR_PASSWORD = "Redaction-Lyon-2027!"  # noqa: S105 — a test account on a loopback server


def prepare() -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt
    from django.contrib.auth.models import Group

    from events.models import ConferenceWeek
    from events.services.registrations import invitation_create
    from portal.accounts.models import User
    from portal.audiences import GROUP_DELEGATES, GROUP_EDITORS

    manager = User.objects.get(email="events@liaison.example")
    week = ConferenceWeek.objects.get(slug=WEEK)
    invitation_create(
        week=week,
        email=DELEGATE_EMAIL,
        by=manager,
        country="SN",
        bureau="NCB Dakar",
        events=list(week.events.filter(slug__in=[MAIN_EVENT, SMALL_EVENT])),
    )
    form_delegate = User.objects.create_user(
        FORM_DELEGATE_EMAIL,
        FORM_DELEGATE_PASSWORD,
        first_name="Kofi",
        last_name="Mensah",
        country="GH",
        organisation="NCB Accra",
    )
    form_delegate.groups.add(Group.objects.get(name=GROUP_DELEGATES))
    EmailAddress.objects.create(user=form_delegate, email=FORM_DELEGATE_EMAIL, verified=True, primary=True)
    new_editor = User.objects.create_user(
        NEW_EDITOR_EMAIL, NEW_EDITOR_PASSWORD, first_name="Léa", last_name="Fontaine", preferred_language="fr"
    )
    new_editor.groups.add(Group.objects.get(name=GROUP_EDITORS))
    EmailAddress.objects.create(user=new_editor, email=NEW_EDITOR_EMAIL, verified=True, primary=True)
    secrets = {
        authenticator.user.email: decrypt(authenticator.data["secret"])
        for authenticator in Authenticator.objects.filter(type=Authenticator.Type.TOTP).select_related("user")
    }
    print(json.dumps({"totp": secrets}))
