"""Staff pass their second factor, in this session, before any staff surface.

A staff account is a superuser, an account with Django's ``is_staff`` flag, or one holding any
permission beyond delegates' and officers' clearance (staff clearance and the admin's
``access_admin`` among them). Until the
session has passed TOTP (or a recovery code) — or enrolled its first authenticator, which
proves the same possession — the account is treated everywhere as the non-staff person it
also is: :func:`portal.audiences.withhold_staff` drops its staff clearance and event-manager
role for the request, so staff-only pages, documents, search hits, exports, statistics,
check-in and other people's documents are refused by the one audience rule, and the admin
sends it to the second-factor step.

How a session proves it: allauth records each authentication step in the session
(``get_authentication_records``: method ``mfa`` after the TOTP or recovery-code step); the
enrolment of a first authenticator is recorded here, since allauth records no step for it.
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.audiences import CLEARANCE_PERMISSIONS, Audience, withhold_staff

# What delegates and officers hold; every other permission is a staff right.
NON_STAFF_PERMISSIONS = frozenset(
    {CLEARANCE_PERMISSIONS[Audience.DELEGATES], CLEARANCE_PERMISSIONS[Audience.LAW_ENFORCEMENT]}
)

# The user id whose session enrolled an authenticator (see module docstring).
ENROLLED_SESSION_KEY = "liaison_second_factor_enrolled"


def is_staff_account(user) -> bool:
    """Whether an account must pass a second factor before staff surfaces: any permission
    beyond the clearance a delegate or an officer holds makes it one."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(user.get_all_permissions() - NON_STAFF_PERMISSIONS)


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_second_factor(request) -> bool:
    user = request.user
    if request.session.get(ENROLLED_SESSION_KEY) == str(user.pk):
        return True
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def record_second_factor(request, user) -> None:
    """This session has proved the account's second factor (enrolment; test sign-ins)."""
    request.session[ENROLLED_SESSION_KEY] = str(user.pk)


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.LIAISON_ADMIN_PATH_PREFIX)


def second_factor_response(request):
    """Where a staff account without a second factor in this session goes instead.

    With no authenticator yet: to the TOTP enrolment page. With one
    (a session that got in some other way than allauth's login): signed out and sent to log
    in again, which asks for the code.
    """
    next_url = request.get_full_path()
    if has_authenticator(request.user):
        logout(request)
        messages.warning(request, _("Please sign in again with your authenticator code."))
        return redirect_to_login(next_url, reverse("account_login"))
    messages.warning(
        request,
        _("Staff accounts must set up two-factor authentication before using staff pages."),
    )
    return redirect(reverse("mfa_activate_totp"))


class StaffSecondFactorMiddleware:
    """Withhold staff rights from a session that has not passed its second factor.

    Placed after the authentication middleware. The admin (every URL under
    ``LIAISON_ADMIN_PATH_PREFIX``) and the event-staff views redirect to the second-factor step;
    every other surface simply sees the account without staff rights (a 403 page says why).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not session_passed_second_factor(request) and is_staff_account(user):
            withhold_staff(user)
            if is_admin_path(request.path):
                return second_factor_response(request)
        enrolling = request.method == "POST" and request.path == reverse("mfa_activate_totp")
        had_authenticator = enrolling and user.is_authenticated and has_authenticator(user)
        response = self.get_response(request)
        if enrolling and not had_authenticator and response.status_code == 302 and has_authenticator(user):
            # allauth accepted a code from the secret it kept in this very session: that is the
            # second factor, proved. (allauth records no authentication step for it.)
            record_second_factor(request, user)
        return response
