import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import health, views
from portal.accounts import views as account_views
from portal.api import api
from portal.pages import media
from portal.pages import views as page_views
from portal.pages.admin_views import GuardedUpdateTranslationsView
from portal.pages.syndication import NewsFeed, PublicSitemap

urlpatterns = [
    # Wagtail's login and password-reset views hand over to allauth (one way in, with MFA).
    path("admin/login/", account_views.admin_login, name="admin_login_allauth"),
    re_path(r"^admin/password_reset/", account_views.admin_password_reset, name="admin_password_reset_allauth"),
    # Wagtail's page and collection privacy would be a second access rule beside the audience
    # field, honoured by the page view alone: switched off (see pages/migrations/0003).
    re_path(r"^admin/(pages|collections)/\d+/privacy/$", views.privacy_switched_off),
    # wagtail-localize's "Sync translated pages" publishes for anyone; this one only for publishers.
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(GuardedUpdateTranslationsView.as_view()),
        name="liaison_update_translations",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("accounts/profile/", account_views.profile, name="accounts_profile"),
    path("accounts/personal-data.json", account_views.personal_data, name="accounts_personal_data"),
    path("accounts/delete/", account_views.delete_account, name="accounts_delete"),
    path("accounts/", include("allauth.urls")),
    path("pdf/<int:page_id>/", page_views.page_pdf, name="page_pdf"),
    path("feeds/news.xml", NewsFeed(), name="news_feed"),
    path("", include("search.urls")),
    path("", include("events.urls")),
    path("", include("assessments.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Uploaded files, in development and production alike, only through the audience rule.
urlpatterns = [
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media.serve_media, name="media")
] + urlpatterns

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
