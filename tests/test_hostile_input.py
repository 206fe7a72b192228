"""Hostile input on every public form and API endpoint: never a 500, never a stored script.

Hypothesis generates the input (very long strings, control characters, mixed scripts,
malformed dates and ids, HTML and script payloads); known-nasty payloads are always among the
examples. The escape-everywhere tests store a payload in every field a delegate controls and
then open every page that shows it, as the delegate and as staff.
"""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from events.models import Registration
from tests.events import factories as f
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://evil.example")',
    "{{ request.user }}{% debug %}",
    "'; DROP TABLE events_registration; --",
    "\x00\x01\x1b[31m\u202eevil\u2066",
    "مرحبا Привет 你好 שלום नमस्ते",
    "A" * 10_000,
    "\ud7ff\ufffe\uffff",
]
MALFORMED = [
    "",
    "0",
    "-1",
    "99999999999999999999999",
    "1e9",
    "2026-02-30",
    "31/12/2026",
    "NaN",
    "../../etc/passwd",
    "%00",
]

hostile_text = st.one_of(
    st.sampled_from(PAYLOADS + MALFORMED),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1000, max_size=5000),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a failure is reproducible
)
SCRIPT = "<script>alert('x')</script>"


def assert_safe(response, *payloads):
    assert response.status_code < 500, response.status_code
    if response.get("Content-Type", "").startswith("text/html"):
        text = response.content.decode("utf-8", "replace")
        for payload in payloads:
            if "<" in payload:
                assert payload not in text, "raw HTML payload reflected"


@FUZZ
@given(value=hostile_text)
@example(value=SCRIPT)
def test_search_page_and_api(client, value):
    for response in (
        client.get("/en/search/", {"q": value, "type": value, "year": value, "page": value, "sort": value}),
        client.get("/fr/search/", {"q": value, "region": value, "language": value}),
        client.get("/api/v1/search", {"q": value, "lang": value, "year": value, "page": value}),
        client.get("/api/v1/search/autocomplete", {"q": value, "lang": value}),
    ):
        assert_safe(response, value)


@FUZZ
@given(value=hostile_text)
@example(value="99999999999999999999999")
def test_id_and_slug_bearing_urls(client, value):
    from urllib.parse import quote

    part = quote(value[:300], safe="")
    cache.clear()
    urls = [
        f"/api/v1/events/{part}",
        f"/api/v1/events/{part}/sessions",
        f"/api/v1/events/{part}.ics",
        f"/api/v1/agenda/{part}.ics",
        f"/en/events/{part}/",
        f"/en/events/invitation/{part}/",
        f"/en/pdf/{part}/",
    ]
    if value.isdigit():
        urls += [f"/en/pdf/{value}/", f"/en/events/registration/{value}/badge.pdf", f"/documents/{value}/x.pdf"]
    for url in urls:
        assert_safe(client.get(url), value)


@FUZZ
@given(value=hostile_text, date=hostile_text)
def test_sign_up_login_and_password_reset(client, value, date):
    cache.clear()  # rate limits would turn later examples into 429s
    signup = client.post(
        "/en/accounts/signup/",
        {
            "email": f"{value[:40]}@example.test",
            "password1": value,
            "password2": value,
            "first_name": value,
            "last_name": value,
            "country": value[:5],
            "organisation": value,
            "job_title": value,
            "preferred_language": date[:5],
        },
    )
    assert_safe(signup, value)
    assert_safe(client.post("/en/accounts/login/", {"login": value, "password": value}), value)
    assert_safe(client.post("/en/accounts/password/reset/", {"email": value}), value)


@FUZZ
@given(value=hostile_text, date=hostile_text)
@example(value=SCRIPT, date="2026-02-30")
def test_profile_and_registration_forms(client, value, date):
    user = f.delegate()
    week = f.week()
    event = f.event(week)
    client.force_login(user)
    profile = client.post(
        reverse("accounts_profile"),
        {"first_name": value, "last_name": value, "country": value[:3], "organisation": value, "job_title": value},
    )
    assert_safe(profile, value)
    response = client.post(
        reverse("events:register", args=[week.slug]),
        {
            "events": [str(event.pk), value[:20]],
            "role": value[:20],
            "arrival_date": date,
            "departure_date": value[:30],
            "dietary_needs": value,
            "accessibility_needs": value,
            "needs_visa_letter": "on",
            "passport_name": value,
            "passport_number": value,
            "passport_nationality": value[:3],
            "passport_expiry": date,
            "consent": "on",
        },
    )
    assert_safe(response, value)
    if response.status_code == 200:  # refused: the reasons are shown next to the fields
        assert 'class="errorlist' in response.text or "errornote" in response.text or "error" in response.text


class TestStoredPayloadsAreEscapedEverywhere:
    """A delegate stores HTML in every field they control; no page runs it."""

    @pytest.fixture
    def stored(self):
        user = f.delegate(first_name=SCRIPT, last_name='"><img src=x onerror=alert(1)>')
        user.organisation = "<svg onload=alert(2)>"
        user.job_title = SCRIPT
        user.save()
        event = f.event()
        f.session(event)
        from events.services.registrations import attendance_set_status, registration_submit

        registration = registration_submit(
            user=user,
            week=event.week,
            events=[event],
            data=f.registration_data(
                user,
                dietary_needs=SCRIPT,
                accessibility_needs="<iframe src=javascript:alert(3)>",
                needs_visa_letter=True,
                passport_name=SCRIPT,
                passport_number="<b>X1</b>",
                passport_nationality="FR",
                passport_expiry=dt.date(2031, 1, 1),
            ),
        )
        attendance_set_status(attendance=registration.attendances.get(), status="approved", by=None)
        return user, event, Registration.objects.get(pk=registration.pk)

    PAYLOAD_MARKERS = [SCRIPT, "<img src=x onerror", "<svg onload", "<iframe src=javascript", "<b>X1</b>"]

    def assert_escaped(self, response):
        assert response.status_code == 200, response.status_code
        text = response.content.decode()
        for marker in self.PAYLOAD_MARKERS:
            assert marker not in text

    def test_delegate_pages(self, client, stored):
        user, event, _registration = stored
        client.force_login(user)
        for url in (reverse("events:my"), reverse("accounts_profile"), reverse("events:detail", args=[event.slug])):
            self.assert_escaped(client.get(url))
        assert "&lt;script&gt;" in client.get(reverse("accounts_profile")).text  # shown, as text

    def test_staff_pages(self, client, stored):
        user, event, registration = stored
        manager = UserFactory(role="event_manager")
        TOTP.activate(manager, generate_totp_secret())
        client.force_login(manager)
        for url in (
            "/admin/snippets/events/registration/",
            f"/admin/snippets/events/registration/edit/{registration.pk}/",
            "/admin/snippets/events/attendance/",
            reverse("events:statistics"),
        ):
            self.assert_escaped(client.get(url))
        desk = reverse("events:checkin_desk", args=[event.slug])
        self.assert_escaped(client.post(desk, {"code": registration.checkin_code}))
        self.assert_escaped(client.get(desk, {"q": user.last_name}))
        csv = client.get(reverse("events:export", args=[event.slug, "csv"])).content.decode("utf-8-sig")
        assert "'=HYPERLINK" not in csv  # (no formula stored here; the guard has its own test)
        badge = client.get(reverse("events:document", args=[registration.pk, "badge"]))
        assert badge.status_code == 200 and badge["Content-Type"] == "application/pdf"
        badge.close()

    def test_search_results_show_stored_titles_as_text(self, client, django_capture_on_commit_callbacks):
        from tests.factories import news_page

        with django_capture_on_commit_callbacks(execute=True):
            news_page(title=f"Bulletin Xylofrond {SCRIPT}", body=f"<p>Xylofrond {SCRIPT}</p>")
        response = client.get("/en/search/", {"q": "Xylofrond"})
        assert response.status_code == 200 and SCRIPT not in response.text
        assert "Bulletin Xylofrond &lt;script&gt;" in response.text


@pytest.mark.parametrize("value", ["abc", "1e3", "1\x00", "", "-1", "99999999999999999999999", "٣"])
def test_adding_an_event_with_a_malformed_id_answers_400_with_a_message(client, value):
    delegate = UserFactory(role="delegate", organisation="NCB Lyon")
    first = f.event()
    registration = f.registered(delegate, first)
    client.force_login(delegate)
    response = client.post(reverse("events:add_event", args=[registration.pk]), {"event": value})
    assert response.status_code == 400
    assert "Choose one of this week&#x27;s events from the list." in response.content.decode()


def test_adding_an_event_the_delegate_may_not_see_names_no_event(client):
    delegate = UserFactory(role="delegate", organisation="NCB Lyon")
    first = f.event()
    hidden = f.event(first.week, audience="law_enforcement", name={"en": "Covert operations workshop"})
    other_week = f.event(name={"en": "Another week's meeting"})
    registration = f.registered(delegate, first)
    client.force_login(delegate)
    for target in (hidden, other_week):
        response = client.post(reverse("events:add_event", args=[registration.pk]), {"event": str(target.pk)})
        assert response.status_code == 400
        body = response.content.decode()
        assert target.name.translations["en"] not in body
        assert "Choose one of this week" in body
    assert registration.attendances.count() == 1


@pytest.mark.django_db
def test_the_api_answers_too_many_requests_with_a_wait_in_the_readers_language(client, settings):
    settings.API_RATE_LIMIT = "3/m"
    answers = [client.get("/api/v1/events", HTTP_ACCEPT_LANGUAGE="fr") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert int(refused["Retry-After"]) >= 1
    assert "Trop de requêtes" in refused.json()["detail"]
    # Another address has its own allowance; "off" lifts the limit.
    assert client.get("/api/v1/events", REMOTE_ADDR="192.0.2.7").status_code == 200
    settings.API_RATE_LIMIT = "off"
    assert client.get("/api/v1/events").status_code == 200
