"""Shared fixtures: the demo content is built once per test session, through load_demo."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command

from portal.audiences import Audience
from tests.factories import UserFactory

ROLES = [
    "anonymous",
    "public",
    "delegate",
    "law_enforcement",
    "editor",
    "moderator",
    "event_manager",
    "superuser",
]
# Expected clearance of each role: the access tests derive what each role may see from it.
CLEARANCE = {
    "anonymous": Audience.PUBLIC,
    "public": Audience.PUBLIC,
    "delegate": Audience.DELEGATES,
    "law_enforcement": Audience.LAW_ENFORCEMENT,
    "editor": Audience.STAFF,
    "moderator": Audience.STAFF,
    "event_manager": Audience.STAFF,
    "superuser": Audience.STAFF,
}
ORDER = [Audience.PUBLIC, Audience.DELEGATES, Audience.LAW_ENFORCEMENT, Audience.STAFF]


def allowed(role: str, audience: str) -> bool:
    """Whether ``role`` may see content of ``audience``."""
    return ORDER.index(audience) <= ORDER.index(CLEARANCE[role])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    import shutil

    from django.conf import settings

    shutil.rmtree(settings.PDF_CACHE_DIR, ignore_errors=True)  # cached PDFs of an earlier run
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    # An embedded index exists, as after `make run` (an engine never makes one up on the fly:
    # a missing index is an outage). Empty: tests that search index what they need.
    from search.engines.embedded import EmbeddedEngine

    EmbeddedEngine(settings.SEARCH_EMBEDDED_PATH).rebuild([])


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login`` stands for a completed sign-in, second factor included, so tests
    of other things can skip the login pages. The tests of the sign-in rule itself
    (tests/portal/accounts/test_second_factor.py, tests/e2e) go through the real pages instead."""
    from django.test import Client

    from portal.accounts.second_factor import ENROLLED_SESSION_KEY

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[ENROLLED_SESSION_KEY] = str(user.pk)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _clear_cache():
    from portal import task_queue

    cache.clear()
    task_queue._covered_until.clear()  # what this process knows of queued tasks: the test's DB is new
    yield
    cache.clear()
    task_queue._covered_until.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request served in French must not leak into the next
    test's reverse() or gettext."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def user_for_role(db):
    """Build a user for one of ROLES (None for anonymous)."""

    def make(role: str):
        if role == "anonymous":
            return None
        return UserFactory(role=role)

    return make


@pytest.fixture
def client_for_role(client, user_for_role):
    def make(role: str):
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


def pytest_ignore_collect(collection_path, config):
    """tests/four_languages/ runs in its own pass, with portal.settings.test_four_languages
    (`make test` runs both); the default pass, with English and French, leaves it out."""
    if collection_path.name == "four_languages":
        from django.conf import settings

        return "es" not in dict(settings.LANGUAGES)
    return None


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory):
    """A real OpenSearch node (scripts/opensearch_cluster.py: Maven Central's jars on Java 17),
    for the session. Fails in CI without Java and Maven; elsewhere skips, saying why."""
    import os
    import shutil

    from scripts.opensearch_cluster import Cluster

    if not (shutil.which("java") or os.environ.get("JAVA_HOME")) or not shutil.which("mvn"):
        if os.environ.get("CI"):
            pytest.fail("Java 17 and Maven are needed for OpenSearch (apt-get install openjdk-17-jdk-headless maven)")
        pytest.skip("OpenSearch needs Java 17 and Maven (apt-get install openjdk-17-jdk-headless maven)")
    cluster = Cluster(home=tmp_path_factory.mktemp("opensearch"), nodes=1, name="liaison-test")
    cluster.start(progress=lambda message: None)
    yield cluster
    cluster.stop()
