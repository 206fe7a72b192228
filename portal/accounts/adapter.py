from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Send people to the site in their own language after logging in."""

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        if url in ("/", ""):
            language = getattr(request.user, "preferred_language", "") or translation.get_language()
            return f"/{(language or 'en')[:2]}/"
        return url
