"""What the portal tells machines about its pages: the sitemap and the news feeds.

Both are read without a session (crawlers, feed readers), and may be cached by anyone, so
both list public pages only, whoever asks: a restricted page's title or address never
appears, nor any page in a restricted section.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from portal.audiences import Audience

from .models import HomePage, NewsPage
from .models.base import hidden_section_paths

FEED_LENGTH = 20


def public_pages():
    """Live pages in every language that an anonymous visitor may open, in tree order."""
    hidden = hidden_section_paths(AnonymousUser())
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").specific().defer_streamfields()
    keep = [
        page.pk
        for page in pages
        if getattr(page, "audience", Audience.PUBLIC) == Audience.PUBLIC
        and not any(page.path.startswith(path) for path in hidden)
    ]
    return Page.objects.filter(pk__in=keep).order_by("path").specific().defer_streamfields()


class PublicSitemap(Sitemap):
    def items(self):
        return public_pages()


class NewsFeed(Feed):
    """The latest public news of one language, as RSS."""

    def get_object(self, request, *args, **kwargs):
        language = request.LANGUAGE_CODE
        home = HomePage.objects.live().filter(locale__language_code=language).first()
        if home is None:
            raise Http404
        return home

    def title(self, home):
        return _("Liaison news")

    def description(self, home):
        return _("The latest public news of the Liaison portal.")

    def link(self, home):
        return home.url

    def items(self, home):
        news = NewsPage.objects.visible_to(AnonymousUser()).for_language(home.locale.language_code)
        return news.order_by("-date", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        if item.date is None:
            return item.first_published_at
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)
