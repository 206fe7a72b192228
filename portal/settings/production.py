"""Production. Refuses to start without a secret key, a database, allowed hosts and the site's address."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# The demo content (and its accounts with a published password) never reaches production:
# without the app, `manage.py load_demo` does not exist there.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "portal.demo"]  # noqa: F405
SECRET_KEY = env.require("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise env.ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")
DATABASES = {"default": env.database_from_url(env.require("DATABASE_URL"), env.VAR_DIR / "unused.sqlite3")}
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise env.ImproperlyConfigured("ALLOWED_HOSTS is required in production; see .env.example.")
# Several web nodes: the cache (page-tree and glossary versions, rate limits) must be shared.
CACHES = {"default": env.cache_from_url(env.require("CACHE_URL"), env.VAR_DIR / "cache")}

# Mail and calendar links are written by workers, away from any request: they need the address.
WAGTAILADMIN_BASE_URL = env.require("SITE_URL").rstrip("/")

SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Tasks (index updates, emails) wait in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING["root"]["level"] = "INFO"  # noqa: F405

BADGE_SIGNING_KEYS = env.get_list("BADGE_SIGNING_KEYS")
if not BADGE_SIGNING_KEYS:
    raise env.ImproperlyConfigured(
        "BADGE_SIGNING_KEYS is required in production (manage.py badge_key ID makes one); see .env.example."
    )
