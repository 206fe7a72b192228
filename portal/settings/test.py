"""Cheap, deterministic settings for the test suite."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789abcdef0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "pdf_cache": {
        "BACKEND": "portal.storage.AtomicFileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "test-pdf")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the app folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Each test run gets its own embedded index; search tests point engines at their own places.
import tempfile  # noqa: E402

SEARCH_URL = None
SEARCH_EMBEDDED_PATH = tempfile.mkdtemp(prefix="liaison-test-search-")
PDF_CACHE_DIR = VAR_DIR / "test-pdf"
PDF_PREPARE_ON_PUBLISH = False  # tests that need it turn it on; the demo content would render every PDF
