"""Local development: `make run`. SQLite under var/, mail printed to the console."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.get_bool("DEBUG", True)
# A fixed development key: never used in production (production.py requires SECRET_KEY).
SECRET_KEY = env.get_str("SECRET_KEY", "dev-only-insecure-key-change-me-7c1f0a2e9b")  # noqa: S105
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Serve static files straight from the app folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
