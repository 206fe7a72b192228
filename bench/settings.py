"""Settings for benchmarks: production-like (DEBUG off, no debug toolbar of any kind), a
separate data folder, and a bench-only endpoint that runs Wagtail's own search backend."""

import os
from pathlib import Path

os.environ.setdefault("LIAISON_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "bench"))

from portal.settings.base import *  # noqa: E402,F403
from portal.settings.base import VAR_DIR, env  # noqa: E402

DEBUG = False
SECRET_KEY = "bench-only-key-not-secret-0123456789abcdef0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
# One process's memory, unless CACHE_URL names a shared Redis (bench/registration.py --redis/--nodes).
CACHES = (
    {"default": env.cache_from_url(os.environ["CACHE_URL"], VAR_DIR / "cache")}
    if os.environ.get("CACHE_URL")
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The embedded engine unless bench/search.py --engines points a run at an OpenSearch cluster.
SEARCH_URL = os.environ.get("BENCH_SEARCH_URL") or None
# As in production: requests queue their tasks; bench/registration.py runs a db_worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# bench/registration.py sends the rush's mail to an SMTP sink on loopback (EMAIL_URL=smtp://…).
vars().update(
    env.email_from_url(os.environ["EMAIL_URL"])
    if os.environ.get("EMAIL_URL", "").startswith("smtp")
    else {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
)
SEARCH_EMBEDDED_PATH = str(VAR_DIR / "search")
# bench/search.py's peers: Wagtail's own search over the same pages — its database backend (on
# the database DATABASE_URL names: PostgreSQL's full-text search there) and, when
# BENCH_WAGTAIL_OPENSEARCH_URL is set, its Elasticsearch backend on the OpenSearch node the
# portal's own OpenSearch side uses, through the same elasticsearch-py client and plain-JSON node
# as ours (Wagtail's opensearch2 backend needs opensearch-py, whose `events` dependency the
# portal's events app shadows). Pages are indexed there by `update_index`, not on every save.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if os.environ.get("BENCH_WAGTAIL_OPENSEARCH_URL"):
    from search.engines.elastic_client import PlainJSONNode  # noqa: E402

    WAGTAILSEARCH_BACKENDS["opensearch"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [os.environ["BENCH_WAGTAIL_OPENSEARCH_URL"]],
        "INDEX_PREFIX": "wagtail-bench-",
        "TIMEOUT": 30,
        "AUTO_UPDATE": False,
        "OPTIONS": {"node_class": PlainJSONNode},
    }
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "ERROR"}}
VAR_DIR.mkdir(parents=True, exist_ok=True)
