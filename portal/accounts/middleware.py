"""Staff must use a second factor before they reach the admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def user_has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_staff_user(user) -> bool:
    """Anyone who can use the Wagtail admin counts as staff for MFA purposes."""
    return user.is_authenticated and (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


class StaffMFARequiredMiddleware:
    """Redirect staff without an authenticator from the admin to the TOTP setup page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "LIAISON_STAFF_MFA_REQUIRED", True)
            and request.path.startswith(settings.LIAISON_ADMIN_PATH_PREFIX)
            and is_staff_user(request.user)
            and not user_has_mfa(request.user)
        ):
            messages.warning(
                request,
                _("Staff accounts must set up two-factor authentication before using the admin."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
