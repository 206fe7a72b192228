"""Settings: the environment is read in one place; production refuses to start half-configured."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import env

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7!" + "k2m9q4w8e1r5t3y6u0i" * 3,
    "DATABASE_URL": "sqlite:////tmp/liaison-prod-check.sqlite3",
    "ALLOWED_HOSTS": "liaison.example.org",
    "SITE_URL": "https://liaison.example.org",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "BADGE_SIGNING_KEYS": "2026a:" + "A" * 43,
}


def run_manage(*args, extra_env=None, drop=()):
    environment = {k: v for k, v in os.environ.items() if k not in GOOD_ENV}
    environment.update(GOOD_ENV)
    environment.update(extra_env or {})
    for name in drop:
        environment.pop(name, None)
    environment["LIAISON_VAR_DIR"] = str(Path("/tmp/liaison-settings-test"))
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SITE_URL", "CACHE_URL", "BADGE_SIGNING_KEYS"]
)
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", drop=[missing])
    assert result.returncode != 0
    assert missing in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_manage("check", extra_env={"SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "at least 50" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_has_no_demo_content_command():
    """The demo accounts share a published password: production cannot create them."""
    result = run_manage("load_demo")
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr


def test_the_wsgi_entry_point_loads_production_settings():
    environment = {k: v for k, v in os.environ.items() if k not in GOOD_ENV and k != "DJANGO_SETTINGS_MODULE"}
    environment["LIAISON_VAR_DIR"] = "/tmp/liaison-settings-test"
    script = "import portal.wsgi"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr  # production, refusing to start half-configured
    environment.update(GOOD_ENV)
    script = "import portal.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["portal.settings.production", "False"], result.stderr


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8101"}, "http://127.0.0.1:8101"),
        ({"PORT": "8101", "SITE_URL": "https://portal.example.org"}, "https://portal.example.org"),
    ],
)
def test_make_run_points_mail_links_at_the_address_it_serves(variables, expected):
    """Mail and calendar links follow HOST and PORT, unless SITE_URL is given."""
    environment = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "SITE_URL")}
    environment.update(variables)
    make = shutil.which("make")
    result = subprocess.run([make, "-n", "run"], cwd=ROOT, env=environment, capture_output=True, text=True)
    command = next(line for line in result.stdout.splitlines() if "runserver" in line)
    assert command.startswith(f"SITE_URL={expected} ")
    assert command.endswith(f"runserver 127.0.0.1:{variables.get('PORT', '8000')}")


def test_cache_url_selects_a_shared_redis_cache_and_refuses_others(tmp_path):
    assert env.cache_from_url("redis://cache.internal:6379/1", tmp_path)["BACKEND"].endswith("RedisCache")
    assert env.cache_from_url(None, tmp_path)["LOCATION"] == str(tmp_path)  # one machine: a folder
    with pytest.raises(ImproperlyConfigured, match="redis://"):
        env.cache_from_url("memcached://cache.internal:11211", tmp_path)


def test_media_and_cached_pdfs_go_to_a_bucket_when_one_is_named(tmp_path, monkeypatch):
    folders = env.storages_from_env(tmp_path / "media", tmp_path / "pdf", staticfiles="x")
    assert folders["default"]["OPTIONS"]["location"] == str(tmp_path / "media")
    assert folders["pdf_cache"]["BACKEND"] == "portal.storage.AtomicFileSystemStorage"
    monkeypatch.setenv("MEDIA_S3_BUCKET", "liaison-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "https://s3.example.org")
    bucket = env.storages_from_env(tmp_path / "media", tmp_path / "pdf", staticfiles="x")
    assert {bucket[a]["BACKEND"] for a in ("default", "pdf_cache")} == {"storages.backends.s3.S3Storage"}
    assert (bucket["default"]["OPTIONS"]["location"], bucket["pdf_cache"]["OPTIONS"]["location"]) == (
        "media",
        "pdf-cache",
    )
    assert bucket["default"]["OPTIONS"]["default_acl"] == "private" and bucket["default"]["OPTIONS"]["querystring_auth"]


def test_database_url_selects_postgresql():
    config = env.database_from_url("postgres://liaison:s3cret@db.internal:5433/liaison", Path("/x"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"]) == ("db.internal", 5433)
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("liaison", "liaison", "s3cret")


def test_sqlite_default_waits_for_locks_and_uses_wal(tmp_path):
    config = env.database_from_url(None, tmp_path / "db.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_sqlite_connection_really_is_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only check: tests are running on another database")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The in-memory test database cannot use WAL; a file database must.
    assert mode in ("wal", "memory")


def test_sqlite_connections_last_from_one_request_to_the_next(tmp_path):
    """A worker keeps its SQLite connection between requests (CONN_MAX_AGE), instead of opening
    the file and running four PRAGMAs for each one."""
    script = """
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection

def request():
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    opened = connection.connection
    request_finished.send(sender=None)
    return opened

first = request()
assert request() is first, "a new connection for the second request"
assert request() is first
print("kept")
"""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "LIAISON_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "kept" in done.stdout, done.stderr[-2000:]


def test_email_url_forms():
    assert env.email_from_url(None)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = env.email_from_url("smtp+tls://user%40x:p%2Fw@mail.example:2525")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == ("mail.example", 2525, True)
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("user@x", "p/w")
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        env.email_from_url("pigeon://coop")


def test_boolean_values_are_checked(monkeypatch):
    monkeypatch.setenv("LIAISON_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="LIAISON_FLAG"):
        env.get_bool("LIAISON_FLAG")


def test_only_the_env_module_reads_the_environment():
    offenders = []
    for path in (ROOT / "portal").rglob("*.py"):
        if path.name == "env.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "os.environ" in text or "os.getenv" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == ["portal/wsgi.py"]  # sets the default settings module only


def test_production_headers_cookies_and_csp():
    """A production process answers over HTTPS only, with HSTS, secure cookies and a CSP that
    allows no inline script or style."""
    code = (
        "import django, json; django.setup();"
        "from django.conf import settings as s;"
        "from django.test import Client;"
        "r = Client(HTTP_X_FORWARDED_PROTO='https').get('/robots.txt', HTTP_HOST='liaison.example.org');"
        "plain = Client().get('/robots.txt', HTTP_HOST='liaison.example.org');"
        "print(json.dumps({'hsts': r.headers.get('Strict-Transport-Security'),"
        " 'csp': r.headers.get('Content-Security-Policy'), 'redirect': plain.status_code,"
        " 'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY]}))"
    )
    result = run_manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    import json

    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["redirect"] == 301  # plain HTTP is sent to HTTPS
    assert seen["cookies"] == [True, True, True]
    assert "unsafe-inline" not in seen["csp"] and "unsafe-eval" not in seen["csp"]
    assert "script-src 'self'" in seen["csp"] and "object-src 'none'" in seen["csp"]


def test_a_local_dotenv_fills_what_the_environment_does_not_set(tmp_path, monkeypatch):
    from portal.settings import env

    dotenv = tmp_path / ".env"
    dotenv.write_text(
        '# local settings\nexport LIAISON_T_QUOTED="two words"\nLIAISON_T_SET=from-file\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("LIAISON_T_SET", "from-environment")
    monkeypatch.delenv("LIAISON_T_QUOTED", raising=False)
    env._load_dotenv(dotenv)
    try:
        assert env.get_str("LIAISON_T_QUOTED") == "two words"
        assert env.get_str("LIAISON_T_SET") == "from-environment"  # the real environment wins
    finally:
        import os

        os.environ.pop("LIAISON_T_QUOTED", None)
