"""A person's data across the portal: download it all (JSON) or delete the account.

``portal`` does not import the apps built on it, so each app that keeps personal data
registers a source here (events does, in its AppConfig.ready): how to export a user's data and
how to erase it before the account goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from portal.audit.models import Action, AuditEntry
from portal.audit.services import record


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[[object], object]  # user -> JSON-serialisable data
    erase: Callable[[object], dict]  # user -> what was done, e.g. {"registrations anonymised": 2}


_sources: dict[str, PersonalDataSource] = {}


def register_source(source: PersonalDataSource) -> None:
    _sources[source.name] = source


def _account(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "country": str(user.country),
        "organisation": user.organisation,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        # Which second factors exist and since when; never their secrets.
        "second_factors": [
            {"type": a.type, "created_at": a.created_at.isoformat()} for a in Authenticator.objects.filter(user=user)
        ],
    }


def personal_data_export(user, *, request=None) -> dict:
    """Everything the portal holds about ``user``, and who on the staff looked at it."""
    seen = AuditEntry.objects.filter(subject_user_id=user.pk).exclude(actor=user)
    data = {
        "generated_at": timezone.now().isoformat(),
        "account": _account(user),
        **{name: source.export(user) for name, source in sorted(_sources.items())},
        "staff_access": [
            {"at": e.at.isoformat(), "action": e.action, "object": e.object_label} for e in seen.order_by("at")
        ],
    }
    record(Action.SELF_EXPORT, actor=user, request=request, obj=user, subject_user_id=user.pk)
    return data


def account_delete(user, *, request=None) -> dict:
    """Erase what each app keeps (registrations are anonymised), then delete the account."""
    with transaction.atomic():
        done: dict[str, int] = {}
        for source in _sources.values():
            done.update(source.erase(user))
        record(
            Action.ACCOUNT_DELETED,
            actor=None,
            request=request,
            object_type="user",
            object_id=user.pk,
            subject_user_id=user.pk,
            **done,
        )
        user.delete()
    return done
