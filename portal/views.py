from __future__ import annotations

from django.http import HttpResponse, HttpResponseGone
from django.shortcuts import render
from django.utils.translation import gettext as _


def robots_txt(request):
    """Crawlers may read the public site; the accounts, admin and API stay out of their way."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /en/accounts/",
        "Disallow: /fr/accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def privacy_switched_off(request, *args, **kwargs):
    """Wagtail's page and collection privacy views: access is the audience field's alone."""
    return HttpResponseGone(_("Page privacy is set by the Audience field; this setting is switched off."))
