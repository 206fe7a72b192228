"""Admin-wide additions of the portal itself (each app registers its own menus and views)."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def translated_field_css():
    # A stylesheet, not a style attribute: the admin runs under the same strict CSP as the site.
    return format_html('<link rel="stylesheet" href="{}">', static("portal/css/admin.css"))
