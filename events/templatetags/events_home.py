"""The home page's pointer to registration. A template tag, so that the pages app (which the
events app builds on) never imports events: the home template loads this library."""

from __future__ import annotations

from django import template

from ..selectors import weeks_to_announce

register = template.Library()


@register.inclusion_tag("events/includes/registration_announcement.html", takes_context=True)
def registration_announcement(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"weeks": weeks_to_announce(user) if user is not None else [], "request": request}
