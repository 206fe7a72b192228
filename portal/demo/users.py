"""Demo accounts, one per role, with verified emails; staff get a ready second factor."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth.models import Group
from django.db import transaction

from portal.accounts.models import User
from portal.audiences import (
    GROUP_DELEGATES,
    GROUP_EDITORS,
    GROUP_EVENT_MANAGERS,
    GROUP_LAW_ENFORCEMENT,
    GROUP_MODERATORS,
    GROUP_STAFF_MANAGERS,
    STAFF_GROUPS,
)

DEMO_PASSWORD = "liaison-demo-2026"  # noqa: S105 — printed on purpose; demo data only


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    first_name: str
    last_name: str
    country: str
    organisation: str
    language: str
    groups: tuple[str, ...] = ()
    superuser: bool = False

    @property
    def needs_mfa(self) -> bool:
        return self.superuser or any(g in STAFF_GROUPS for g in self.groups)


DEMO_USERS = [
    DemoUser("visitor@liaison.example", "public account", "Ana", "Ribeiro", "PT", "", "en"),
    DemoUser(
        "delegate@liaison.example",
        "delegate",
        "Amadou",
        "Diallo",
        "SN",
        "NCB Dakar",
        "fr",
        (GROUP_DELEGATES,),
    ),
    DemoUser(
        "officer@liaison.example",
        "law enforcement",
        "Mei",
        "Tan",
        "SG",
        "Singapore Police Force",
        "en",
        (GROUP_LAW_ENFORCEMENT,),
    ),
    DemoUser(
        "editor@liaison.example",
        "editor",
        "Claire",
        "Moreau",
        "FR",
        "General Secretariat",
        "fr",
        (GROUP_EDITORS,),
    ),
    DemoUser(
        "moderator@liaison.example",
        "moderator",
        "James",
        "Okafor",
        "NG",
        "General Secretariat",
        "en",
        (GROUP_MODERATORS,),
    ),
    DemoUser(
        "events@liaison.example",
        "event manager",
        "Sofía",
        "Herrera",
        "CO",
        "General Secretariat",
        "en",
        (GROUP_EVENT_MANAGERS,),
    ),
    DemoUser(
        "privacy@liaison.example",
        "staff manager (reads the audit log)",
        "Ingrid",
        "Larsen",
        "NO",
        "General Secretariat",
        "en",
        (GROUP_STAFF_MANAGERS,),
    ),
    DemoUser(
        "admin@liaison.example",
        "administrator",
        "Site",
        "Administrator",
        "FR",
        "General Secretariat",
        "en",
        (),
        True,
    ),
]


@dataclass
class DemoCredentials:
    user: DemoUser
    totp_secret: str | None
    recovery_code: str | None


@transaction.atomic
def ensure_demo_user(spec: DemoUser) -> DemoCredentials:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            spec.email,
            DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
            country=spec.country,
            organisation=spec.organisation,
            preferred_language=spec.language,
            is_superuser=spec.superuser,
            is_staff=spec.superuser,
        )
    user.groups.set(Group.objects.filter(name__in=spec.groups))
    EmailAddress.objects.update_or_create(user=user, email=spec.email, defaults={"verified": True, "primary": True})
    secret = code = None
    if spec.needs_mfa:
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
        else:
            secret = decrypt(totp.data["secret"])
        codes = RecoveryCodes.activate(user).get_unused_codes()
        code = codes[0] if codes else None
    return DemoCredentials(spec, secret, code)
