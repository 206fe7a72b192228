"""The one place where settings read the process environment.

Every environment variable the project understands is read here and nowhere else, so a
reader can see at a glance what can be configured (mirrored in ``.env.example``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LIAISON_VAR_DIR", BASE_DIR / "var"))


def _load_dotenv(path: Path) -> None:
    """A local ``.env`` (KEY=VALUE, quotes, comment lines, ``export``) read by django-environ; the real
    environment wins over it."""
    if path.is_file():
        environ.Env.read_env(path, overwrite=False)


_load_dotenv(BASE_DIR / ".env")

# The readers below stay ours, not django-environ's casts: a value that is not what the setting
# needs stops the start with the setting's name and the value (environ reads "maybe" as false).


def get_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def get_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}.")


def get_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name: str) -> str:
    """Return a variable that production cannot run without, or refuse to start."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production; see .env.example.")
    return value


def sqlite_database(path: Path) -> dict:
    """SQLite tuned for a small server: WAL, immediate transactions, waiting on locks."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # One connection per worker thread, kept between requests: opening one costs a file
        # open and four PRAGMAs per request otherwise.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            # Writers queue for up to 20 s instead of failing with "database is locked".
            "timeout": 20,
            # BEGIN IMMEDIATE takes the write lock at the start of a transaction, so two
            # transactions never deadlock upgrading read locks to write locks.
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        },
    }


def database_from_url(url: str | None, default_sqlite: Path) -> dict:
    """A ``DATABASES['default']`` entry from ``DATABASE_URL`` (or SQLite under var/)."""
    if not url:
        return sqlite_database(default_sqlite)
    import dj_database_url

    if url.startswith("sqlite:"):
        parsed = dj_database_url.parse(url)
        return sqlite_database(Path(parsed["NAME"]))
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be understood: {exc}") from exc
    return config


def cache_from_url(url: str | None, default_folder: Path) -> dict:
    """``CACHES['default']`` from ``CACHE_URL``: ``redis://host:6379/0`` (``rediss://`` for TLS)
    is shared by every node; unset, a folder under var/ serves one machine."""
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(default_folder),
            "TIMEOUT": 300,
        }
    scheme = urlparse(url).scheme.lower()
    if scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// or rediss:// address, not {scheme}://")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "TIMEOUT": 300}


def storages_from_env(media_root: Path, pdf_root: Path, staticfiles: str) -> dict:
    """``STORAGES``: media and the PDF cache in folders (share them between nodes with a shared
    mount), or in an S3-compatible bucket when ``MEDIA_S3_BUCKET`` is set (django-storages,
    ``pip install -e '.[s3]'``): media under ``media/``, cached PDFs under ``pdf-cache/``, both
    private with signed URLs."""
    bucket = get_str("MEDIA_S3_BUCKET")
    if not bucket:
        return {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(media_root)},
            },
            "pdf_cache": {"BACKEND": "portal.storage.AtomicFileSystemStorage", "OPTIONS": {"location": str(pdf_root)}},
            "staticfiles": {"BACKEND": staticfiles},
        }
    common = {
        "bucket_name": bucket,
        "endpoint_url": get_str("MEDIA_S3_ENDPOINT_URL"),  # MinIO, Ceph, … ; unset for AWS
        "region_name": get_str("MEDIA_S3_REGION"),
        "access_key": get_str("MEDIA_S3_ACCESS_KEY_ID"),
        "secret_key": get_str("MEDIA_S3_SECRET_ACCESS_KEY"),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": True,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**common, "location": "media"}},
        "pdf_cache": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**common, "location": "pdf-cache"}},
        "staticfiles": {"BACKEND": staticfiles},
    }


def email_from_url(url: str | None) -> dict:
    """Email settings from ``EMAIL_URL``.

    ``smtp://user:pass@host:port`` (``smtp+tls://`` for STARTTLS, ``smtps://`` for TLS),
    ``console://`` or ``file:///path``. Unset means the console backend.
    """
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path) or str(VAR_DIR / "mail"),
        }
    if scheme in {"smtp", "smtp+tls", "smtps"}:
        options = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 587 if scheme == "smtp+tls" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_TIMEOUT": int(options.get("timeout", ["10"])[0]),
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {scheme!r} is not supported (use smtp, smtp+tls, smtps, console or file)."
    )


def languages(codes: list[str], names: dict) -> list[tuple[str, object]]:
    """``settings.LANGUAGES`` from a list of codes; an unknown or repeated code stops the start
    with its name, rather than serving a site in a language nobody set up."""
    from django.core.exceptions import ImproperlyConfigured

    codes = [code.strip().lower() for code in codes if code.strip()]
    unknown = [code for code in codes if code not in names]
    if unknown or not codes or len(set(codes)) != len(codes):
        raise ImproperlyConfigured(
            f"LIAISON_LANGUAGES={','.join(codes)}: give each once, from {', '.join(names)}"
            + (f" (unknown: {', '.join(unknown)})" if unknown else "")
        )
    return [(code, names[code]) for code in codes]
