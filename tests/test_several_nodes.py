"""Production as several machines: two gunicorn web nodes and a task worker, each with a var/
folder of its own, sharing one PostgreSQL, one Redis (CACHE_URL), the media and PDF storage
and the search index.

- a publish made on node A shows on node B, in the menu at the next request and in search as
  soon as the worker has applied the index update;
- failed logins count across nodes (allauth's rate limits live in the shared cache);
- a session started on node A works on node B.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.pgserver import PostgresServer, binaries
from tests.redisserver import RedisServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
DELEGATE, PASSWORD = "delegate@liaison.example", "liaison-demo-2026"


def _needed():
    missing = [
        name
        for name, found in (("postgresql", binaries()), ("redis-server", shutil.which("redis-server")))
        if not found
    ]
    if missing:
        reason = f"{' and '.join(missing)} not installed (make test installs them as root)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Node:
    """One web node: its address, and a browser-like cookie jar (the production cookies are
    Secure, so they are kept by hand and sent with the proxy's X-Forwarded-Proto: https)."""

    def __init__(self, port: int):
        self.port = port

    def request(self, method: str, path: str, cookies: dict, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1{path}"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), text

    def csrf(self, path: str, cookies: dict) -> str:
        _status, _headers, text = self.request("GET", path, cookies)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)

    def log_in(self, cookies: dict, email: str, password: str):
        token = self.csrf("/en/accounts/login/", cookies)
        return self.request(
            "POST", "/en/accounts/login/", cookies, {"csrfmiddlewaretoken": token, "login": email, "password": password}
        )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    _needed()
    root = tmp_path_factory.mktemp("nodes")
    postgres = PostgresServer(binaries())
    redis = RedisServer()
    processes = []
    logs = []
    try:
        database_url, cache_url = postgres.start(), redis.start()
        shared = root / "shared"  # the storage every node mounts (or a bucket, with MEDIA_S3_BUCKET)
        ports = [_free_port(), _free_port()]
        common = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SEARCH_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "n0des-" + "q8w2e6r4t1y9u3i7o5p0" * 3,
            "BADGE_SIGNING_KEYS": "nodes:" + "B" * 43,
            "DATABASE_URL": database_url,
            "CACHE_URL": cache_url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "https://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SEARCH_URL": "",
            "SEARCH_EMBEDDED_PATH": str(shared / "search"),
            "MEDIA_ROOT": str(shared / "media"),
            "PDF_CACHE_DIR": str(shared / "pdf"),
            "STATIC_ROOT": str(root / "static"),  # built once by the deploy, copied to each node
            "EMAIL_URL": f"file://{root / 'mail'}",
            "PYTHONPATH": str(ROOT),
        }

        def environment(name: str, **extra) -> dict:
            return {**common, "LIAISON_VAR_DIR": str(root / name), **extra}  # a disk of its own

        def manage(name: str, *args: str, **extra) -> str:
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=environment(name, **extra),
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
            return result.stdout

        # The database is prepared once, with the demo content (the development settings have the
        # demo app; production has none); then every process runs the production settings.
        manage("setup", "migrate", "--noinput", "-v0", DJANGO_SETTINGS_MODULE="portal.settings.dev")
        manage("setup", "load_demo", "--quiet-users", DJANGO_SETTINGS_MODULE="portal.settings.dev")
        manage("setup", "search_index", "--rebuild")
        manage("setup", "collectstatic", "--noinput", "-v0")
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        for name, port in zip(("node-a", "node-b"), ports, strict=True):
            log = (root / f"{name}.log").open("w")
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [gunicorn, "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                    cwd=ROOT,
                    env=environment(name),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        worker_log = (root / "worker.log").open("w")
        logs.append(worker_log)
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
                cwd=ROOT,
                env=environment("worker"),
                stdout=worker_log,
                stderr=subprocess.STDOUT,
            )
        )
        nodes = [Node(port) for port in ports]
        deadline = time.monotonic() + 60
        for node in nodes:
            while True:
                try:
                    if node.request("GET", "/healthz", {})[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, (root / "node-a.log").read_text()[-3000:]
                time.sleep(0.3)
        yield {"a": nodes[0], "b": nodes[1], "manage": manage}
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
        redis.stop()
        postgres.stop()


def _publish(manage, page_slug: str, title: str) -> None:
    """An editor's publish, made on node A (its settings and disk)."""
    code = (
        "from wagtail.models import Page;"
        f"p = Page.objects.get(slug={page_slug!r}, locale__language_code='en').specific;"
        f"p.title = {title!r}; p.save_revision().publish()"
    )
    manage("node-a", "shell", "-c", code)


def test_a_publish_on_one_node_shows_on_the_other_in_the_menu_and_in_search(cluster):
    a, b = cluster["a"], cluster["b"]
    stamp = str(int(time.time()))
    for node in (a, b):  # both nodes have the menu cached
        assert "Toolkits" in node.request("GET", "/en/", {})[2]
    _publish(cluster["manage"], "toolkits", f"Toolkits and guides {stamp}")
    assert f"Toolkits and guides {stamp}" in b.request("GET", "/en/", {})[2]  # B's very next request

    _publish(cluster["manage"], "responsible-ai-toolkit", f"Responsible AI toolkit, edition {stamp}")
    deadline = time.monotonic() + 30
    while stamp not in b.request("GET", f"/en/search/?q={stamp}", {})[2]:
        assert time.monotonic() < deadline, "the worker's index update never reached node B's search"
        time.sleep(0.5)
    assert json.loads(a.request("GET", "/healthz", {})[2])["mail"]["failed"] == 0


def test_failed_logins_count_across_nodes(cluster):
    a, b = cluster["a"], cluster["b"]
    email = "officer@liaison.example"
    for attempt in range(5):  # allauth allows 5 failures per account in 5 minutes
        node = (a, b)[attempt % 2]
        status, _headers, text = node.log_in({}, email, "not-the-password")
        assert status == 200 and "Too many failed login attempts" not in text
    for node in (a, b):
        status, _headers, text = node.log_in({}, email, "not-the-password")
        assert "Too many failed login attempts" in text, f"node on port {node.port} did not count the others"


def test_a_session_started_on_one_node_works_on_the_other(cluster):
    a, b = cluster["a"], cluster["b"]
    cookies: dict = {}
    status, headers, _text = a.log_in(cookies, DELEGATE, PASSWORD)
    assert status == 302, headers
    status, _headers, text = b.request("GET", "/en/events/my/", cookies)
    assert status == 200 and "My registrations" in text
    assert "/accounts/login" not in text.split("<main", 1)[-1][:2000]
