"""Browser tests: a real portal process (gunicorn, SQLite, embedded search, mail to files) built
from a fresh data folder with the demo content, driven by Playwright in Debian's Chromium.

The server is a separate process with its own database, exactly as ``make run`` builds it, so
nothing here shares state with the Django test database of the other tests. Screenshots of each
journey's final state go to ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .scenario import DELEGATE_EMAIL

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
NODE_MODULES = ROOT / "tests" / "e2e" / "node_modules"
DEMO_PASSWORD = "liaison-demo-2026"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # This machine has no internet: without these Chromium keeps dialling Google's services.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str):
    """CI installs everything (.ci/run), so a missing tool there is a failure; on a developer's
    machine the browser tests are skipped with the reason and the install command."""
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    path = os.environ.get("LIAISON_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        unavailable("Chromium is not installed (apt-get install chromium); the browser tests need it")
    try:
        import playwright  # noqa: F401
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The served portal's badge signing key (a test key: 32 bytes of 0x01, base64url).
E2E_BADGE_KEY = "e2e:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE"


@dataclass
class LivePortal:
    base: str
    var: Path
    totp_secrets: dict[str, str]
    logs: Path
    pages: dict[str, int] = field(default_factory=dict)  # page type → id of a demo page of that type
    codes: dict[str, str] = field(default_factory=dict)  # approved delegate → check-in code on their badge
    desk: dict = field(default_factory=dict)  # the offline desk's meeting (scenario._desk_event)
    manage: object = None  # manage.py with the portal's environment: manage("shell", "-c", code)
    _used_codes: set = field(default_factory=set)

    def url(self, path: str) -> str:
        return self.base + path

    def mails(self, to: str) -> list[email.message.EmailMessage]:
        """Every message the server sent to ``to``, oldest first (Django's file mail backend)."""
        found = []
        for log in sorted((self.var / "mail").glob("*.log"), key=lambda p: p.stat().st_mtime):
            for raw in re.split(r"\n-{79}\n", log.read_text(encoding="utf-8")):
                if not raw.strip():
                    continue
                # As bytes: the parts are 8-bit UTF-8, which a str parser would decode as Latin-1.
                message = email.message_from_bytes(raw.lstrip("\n").encode("utf-8"), policy=email.policy.default)
                if to.lower() in (message.get("To") or "").lower():
                    found.append(message)
        return found

    def wait_for_mail(self, to: str, subject_contains: str, timeout: float = 15) -> email.message.EmailMessage:
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.mails(to)):
                if subject_contains.lower() in str(message["Subject"]).lower():
                    return message
            if time.monotonic() > deadline:
                subjects = [str(m["Subject"]) for m in self.mails(to)]
                raise AssertionError(f"no mail to {to} about {subject_contains!r}; got {subjects}")
            time.sleep(0.2)

    def totp(self, email_address: str) -> str:
        """The current code of a demo staff account's authenticator (each code is used once)."""
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        secret = self.totp_secrets[email_address]
        while True:
            counter = int(time.time() // 30)
            if (email_address, counter) not in self._used_codes and time.time() % 30 < 27:
                self._used_codes.add((email_address, counter))
                return format_hotp_value(hotp_value(secret, counter))
            time.sleep(1)  # too close to the end of the period, or this code was already used


def body_of(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else message.get_content()


@contextlib.contextmanager
def served_portal(var: Path, extra_env: dict | None = None, scenario: bool = True, workers: list[str] | None = None):
    """Build and serve a portal on loopback, as a new user's `make run` would (``extra_env``:
    settings of its environment, e.g. LIAISON_LANGUAGES; ``scenario``: the e2e people and codes;
    ``workers``: gunicorn's worker arguments, one threaded worker unless given)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "LIAISON_VAR_DIR": str(var),
        "DATABASE_URL": "",
        "SEARCH_URL": "",
        "BADGE_SIGNING_KEYS": E2E_BADGE_KEY,  # the tests read badges back with the same key
        "DEBUG": "false",
        "EMAIL_URL": f"file://{var / 'mail'}",
        "SITE_URL": base,
        "API_RATE_LIMIT": "off",  # schemathesis sends hundreds of requests a minute from one address
        "PYTHONPATH": str(ROOT),
        **(extra_env or {}),
    }
    logs = var / "server.log"

    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result.stdout

    manage("migrate", "--noinput", "-v0")
    manage("load_demo")
    manage("search_index", "--rebuild")
    facts = {"totp": {}, "pages": {}, "codes": {}, "desk": {}}
    if scenario:
        prepared = manage("shell", "-c", "from tests.e2e.scenario import prepare; prepare()")
        facts = json.loads([line for line in prepared.splitlines() if line.startswith("{")][-1])

    with logs.open("w") as log:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                *(workers or ["--worker-class", "gthread", "--threads", "4", "--workers", "1"]),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()  # noqa: S310 (loopback)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the e2e server did not start:\n" + logs.read_text()[-3000:]) from None
                time.sleep(0.2)
        yield LivePortal(
            base=base,
            var=var,
            totp_secrets=facts["totp"],
            logs=logs,
            pages=facts["pages"],
            codes=facts["codes"],
            desk=facts.get("desk", {}),
            manage=manage,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="session")
def portal(tmp_path_factory) -> LivePortal:
    """The portal as `make run` serves it: English and French, the demo and the e2e scenario."""
    with served_portal(tmp_path_factory.mktemp("e2e-portal")) as live:
        yield live


@pytest.fixture(scope="session")
def four_language_portal(tmp_path_factory) -> LivePortal:
    """`LIAISON_LANGUAGES=en,fr,es,ar make run`: the same demo, Spanish and Arabic switched on."""
    with served_portal(
        tmp_path_factory.mktemp("e2e-four"), {"LIAISON_LANGUAGES": "en,fr,es,ar"}, scenario=False
    ) as live:
        yield live


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright itself, once per run (a test that needs its own browser, e.g. a real profile
    with a fake camera, launches it from here: a second driver cannot run beside this one)."""
    chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    chromium = playwright_driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


class Console:
    """What the page printed to its console: a page that breaks the CSP says so there, and a
    script that failed leaves a page error."""

    def __init__(self):
        self.errors: list[str] = []

    def __call__(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def page_error(self, error) -> None:
        self.errors.append(f"page error: {error}")

    def csp_violations(self) -> list[str]:
        return [e for e in self.errors if "Content Security Policy" in e]


@pytest.fixture
def new_page(browser, portal, request):
    """``new_page(locale="fr-FR")`` opens a fresh browser context (its own cookies) and a page.
    At teardown, any page of the test that broke the Content Security Policy fails the test."""
    contexts = []
    consoles = []

    def make(locale: str = "en-GB", storage_state=None):
        context = browser.new_context(
            locale=locale, base_url=portal.base, accept_downloads=True, storage_state=storage_state
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        console = Console()
        page.on("console", console)
        page.on("pageerror", console.page_error)
        page.liaison_console = console  # tests that must have a clean console read it
        contexts.append(context)
        consoles.append(console)
        return page

    yield make
    violations = [v for console in consoles for v in console.csp_violations()]
    for context in contexts:
        context.close()
    assert not violations, f"pages of {request.node.name} broke the Content Security Policy: {violations[:5]}"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path


def log_in(page, email_address: str, password: str = DEMO_PASSWORD, portal: LivePortal | None = None) -> None:
    """Log in through the real forms; staff accounts answer the second-factor step too."""
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email_address)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    if "/2fa/authenticate" in page.url:
        assert portal is not None, "a staff account needs the portal fixture for its code"
        page.get_by_label(re.compile("Authenticator code|Code", re.I)).fill(portal.totp(email_address))
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_load_state()
    assert "/accounts/login" not in page.url, page.content()[:2000]


@pytest.fixture(scope="session")
def staff_state(browser, portal, tmp_path_factory):
    """Log each staff account in once (a TOTP code is valid once) and reuse its cookies."""
    states: dict[str, str] = {}
    folder = tmp_path_factory.mktemp("e2e-states")

    def get(email_address: str) -> str:
        if email_address not in states:
            context = browser.new_context(locale="en-GB", base_url=portal.base)
            page = context.new_page()
            log_in(page, email_address, portal=portal)
            path = folder / f"{email_address}.json"
            context.storage_state(path=str(path))
            context.close()
            states[email_address] = str(path)
        return states[email_address]

    return get


__all__ = ["ARTIFACTS", "DELEGATE_EMAIL", "NODE_MODULES", "LivePortal", "body_of", "log_in", "screenshot"]
