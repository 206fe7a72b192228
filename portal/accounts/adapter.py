from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Send people to the site in their own language after logging in, and write allauth's
    mails (address confirmation, password reset, security notices) as the portal's are: in the
    recipient's language, with an HTML part in the portal's look beside the text."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        from portal.mail import add_html_alternative
        from portal.site_url import current_site_url

        request = allauth_context.request
        language = _language_of(email, context) or translation.get_language() or "en"
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context, site_url=current_site_url(), language=language[:2])
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
            add_html_alternative(message, language=language[:2], site_url=current_site_url())
        message.send()

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        if url in ("/", ""):
            language = getattr(request.user, "preferred_language", "") or translation.get_language()
            return f"/{(language or 'en')[:2]}/"
        return url


def _language_of(email: str, context: dict) -> str:
    """The preferred language of the account the mail is about (or of the address's owner)."""
    from .models import User

    user = context.get("user")
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).first()
    return getattr(user, "preferred_language", "") if user is not None else ""
