"""Settings shared by every environment. Values that vary come from ``env``."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from . import env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR
PORTAL_DIR = BASE_DIR / "portal"

DEBUG = False
SECRET_KEY = env.get_str("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override third-party ones.
    "portal",
    "portal.accounts",
    "portal.audit",
    "portal.taxonomy",
    "portal.pages",
    "portal.demo",
    "search",
    "events",
    "assessments",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.site_url.SiteURLMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivateResponsesMiddleware",
    "portal.middleware.SignOutClearsSiteDataMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.TryAgainMiddleware",
    "portal.accounts.second_factor.StaffSecondFactorMiddleware",
    "portal.audit.middleware.PersonalDataAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The request's Wagtail site and page route from the shared cache (portal/pages/routing.py).
    "portal.pages.routing.CachedRoutesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site",
            ],
        },
    },
    # Plain-text mail: the same templates, rendered without HTML escaping (an apostrophe in an
    # event's name must reach the reader as ', not &#x27;).
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {"default": env.database_from_url(env.get_str("DATABASE_URL"), VAR_DIR / "liaison.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Page-tree and glossary versions, rate limits: one cache every node agrees on (CACHE_URL).
CACHES = {"default": env.cache_from_url(env.get_str("CACHE_URL"), VAR_DIR / "cache")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend with permissions kept in the shared cache (portal/accounts/lookups.py).
    "portal.accounts.lookups.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# --- Languages ---------------------------------------------------------------------------
# The site's languages, default first: English and French unless LIAISON_LANGUAGES names others
# (e.g. en,fr,es,ar). Each needs a name here and an analysis in search/languages.py.
LANGUAGE_NAMES = {"en": _("English"), "fr": _("French"), "es": _("Spanish"), "ar": _("Arabic")}
LANGUAGES = env.languages(env.get_list("LIAISON_LANGUAGES", ["en", "fr"]), LANGUAGE_NAMES)
LANGUAGE_CODE = LANGUAGES[0][0]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [PORTAL_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PORTAL_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", str(VAR_DIR / "media")))
PDF_CACHE_DIR = Path(env.get_str("PDF_CACHE_DIR", str(VAR_DIR / "pdf")))
STORAGES = env.storages_from_env(
    MEDIA_ROOT, PDF_CACHE_DIR, staticfiles="whitenoise.storage.CompressedManifestStaticFilesStorage"
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Liaison"
# No call to releases.wagtail.org from the dashboard (this machine has no internet, and the CSP
# allows no outside connection).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env.get_str("SITE_URL", "http://127.0.0.1:8000")
# No Gravatar in the admin: it would send a hash of every staff address to a third party (and the
# CSP would block the images anyway). Wagtail shows its built-in default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_LOGIN_URL = "account_login"  # the admin logs in through allauth, so MFA applies
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are managed by allauth
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.pages.uploads.DocumentForm"  # checks content against the extension
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # every download goes through the audience check, never /media/
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.pages.uploads.ImageForm"  # unreadable images get a form error
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry scripts
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# A page sent for translation gets a draft in the other language, never a live copy of the source
# text: the translation is published through the moderation workflow (portal/pages/translations.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Accounts (django-allauth) ------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.SignupProfileForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Liaison] "
# Requests per person (or per address, signed out) to /api/v1/, e.g. 300/m; "off" for no limit.
API_RATE_LIMIT = env.get_str("API_RATE_LIMIT", "300/m")
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Liaison"
MFA_RECOVERY_CODE_COUNT = 10
# Staff pass their second factor (TOTP or a recovery code) in each session before any staff
# surface: portal.accounts.second_factor. There is no switch to turn that off.

DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "Liaison <no-reply@liaison.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
vars().update(env.email_from_url(env.get_str("EMAIL_URL")))

# --- Search -------------------------------------------------------------------------------
# Unset SEARCH_URL = the embedded engine (tantivy) on disk under var/search.
SEARCH_URL = env.get_str("SEARCH_URL")
SEARCH_FLAVOUR = env.get_str("SEARCH_FLAVOUR", "auto")  # auto | elasticsearch | opensearch
SEARCH_INDEX_NAME = env.get_str("SEARCH_INDEX_NAME", "liaison")
SEARCH_EMBEDDED_PATH = env.get_str("SEARCH_EMBEDDED_PATH", str(VAR_DIR / "search"))
SEARCH_TIMEOUT = env.get_int("SEARCH_TIMEOUT", 5)
# Embedded engine: facet counts remembered per query and index version, per process (0: none).
SEARCH_FACET_CACHE = env.get_int("SEARCH_FACET_CACHE", 512)
# A cluster in production: credentials (basic or an API key), the CA that signed its
# certificate, and the shape of new indexes (applied at the next rebuild).
SEARCH_USERNAME = env.get_str("SEARCH_USERNAME")
SEARCH_PASSWORD = env.get_str("SEARCH_PASSWORD")
SEARCH_API_KEY = env.get_str("SEARCH_API_KEY")  # the base64 "id:key" Elasticsearch/OpenSearch give
SEARCH_CA_FILE = env.get_str("SEARCH_CA_FILE")
SEARCH_VERIFY_CERTS = env.get_bool("SEARCH_VERIFY_CERTS", True)
SEARCH_SHARDS = env.get_int("SEARCH_SHARDS", 1)
SEARCH_REPLICAS = env.get_int("SEARCH_REPLICAS", 0)
SEARCH_REFRESH_INTERVAL = env.get_str("SEARCH_REFRESH_INTERVAL", "1s")

# --- Personal data -----------------------------------------------------------------------
# `manage.py purge_personal_data` (run daily) applies these, counted from the end of the
# conference week: passport details kept for the visa letter go after N days; the rest of a
# registration's personal data is anonymised after M days (the figures stay).
RETENTION_PASSPORT_DAYS = env.get_int("RETENTION_PASSPORT_DAYS", 30)  # N
RETENTION_REGISTRATION_DAYS = env.get_int("RETENTION_REGISTRATION_DAYS", 365)  # M
# The audit log (who saw or took personal data) is kept two years, then deleted by the same command.
RETENTION_AUDIT_DAYS = env.get_int("RETENTION_AUDIT_DAYS", 730)

# Staff pages that show people's personal data: each answer writes an audit entry
# (portal/audit/middleware.py). Views that record their own, more specific entries are not here.
# How long a registration waits for an event's lock before answering "busy, try again" (503).
REGISTRATION_LOCK_TIMEOUT_MS = env.get_int("REGISTRATION_LOCK_TIMEOUT_MS", 5000)
# "Work through what is waiting" tasks queued after a commit start this much later; until then a
# process queues none again and asks the queue nothing (portal/task_queue.py). 0: check each time.
TASK_COALESCE_MS = env.get_int("TASK_COALESCE_MS", 500)

AUDIT_PERSONAL_DATA_VIEWS = {
    **{
        f"wagtailsnippets_events_registration:{view}": {"object": "registration"}
        for view in ("list", "list_results", "history", "history_results", "inspect", "usage")
    },
    **{
        f"wagtailsnippets_events_attendance:{view}": {"object": "attendance"}
        for view in ("list", "list_results", "edit", "history", "history_results", "inspect", "usage")
    },
    **{f"wagtailusers_users:{view}": {"object": "user"} for view in ("index", "results", "edit", "history")},
    **{
        f"wagtailsnippets_events_notification:{view}": {"object": "notification"}
        for view in ("list", "list_results", "edit", "inspect")
    },
    "events:checkin_desk": {"object": "registration", "field": "code", "only_looked_up": True},
}

# --- Badges ---------------------------------------------------------------------------------
# ed25519 keys that sign the QR codes of badges (events/badge_signing.py): "id:seed" pairs,
# comma-separated, the first signs and all verify. Unset: one derived from SECRET_KEY (not in
# production). A new one: manage.py badge_key ID.
BADGE_SIGNING_KEYS = env.get_list("BADGE_SIGNING_KEYS")

# --- Background tasks ---------------------------------------------------------------------
# Development and tests run tasks at once; production queues them in the database for a
# worker (`manage.py db_worker`). Index updates and emails have their own durable queues
# (PendingIndexUpdate, Notification), so a task lost with a worker is only a delay.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Security headers (tightened further in production) -----------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt into same-origin framing themselves
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the shared cache, written through to the database (Django's own engine):
# one query fewer on every signed-in request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin still relies on inline styles in places; it gets its own, looser policy
# (see portal.middleware); the public site keeps the strict one above.
LIAISON_ADMIN_PATH_PREFIX = "/admin/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "liaison": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# PDFs: cached content documents (STORAGES["pdf_cache"]), bold instances of the variable fonts.
PDF_FONT_CACHE = VAR_DIR / "fonts"
PDF_PREPARE_ON_PUBLISH = True
