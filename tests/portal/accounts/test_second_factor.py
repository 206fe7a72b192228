"""One way in: every sign-in here goes through the real login pages (never force_login).

A staff account sees no staff surface until its session has passed the second factor; one
with no authenticator yet is sent to enrol first. Wagtail's own login and password-reset
views hand over to allauth's.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from wagtail.models import Page

from events.models import Event
from tests.factories import PASSWORD, UserFactory
from tests.portal.test_accounts import current_totp, verified_user

STAFF_ROLES = ["editor", "moderator", "event_manager", "staff_manager", "superuser"]


def staff_page_url() -> str:
    page = Page.objects.get(slug="secretariat-conference-checklist", locale__language_code="en")
    return page.url


def staff_surfaces() -> list[str]:
    event = Event.objects.order_by("pk").first()
    return [
        "/admin/",
        "/admin/pages/",
        "/admin/users/",
        f"/en/events/{event.slug}/export.csv",
        "/en/events/statistics/",
        "/en/events/checkin/",
    ]


def password_login(client, user, password=PASSWORD):
    return client.post("/en/accounts/login/", {"login": user.email, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_an_authenticator_signs_in_and_is_sent_to_enrol(client, role):
    user = verified_user(role=role)
    response = password_login(client, user)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)  # signed in with a password alone
    for url in staff_surfaces():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].endswith("/accounts/2fa/totp/activate/"), url
    # Staff-only content is out of reach too: the page, and its search hit.
    assert client.get(staff_page_url()).status_code == 403
    hits = client.get("/api/v1/search", {"q": "secretariat checklist conference weeks"}).json()["hits"]
    assert not [h for h in hits if "Secretariat checklist" in h["title"]]


@pytest.mark.django_db
def test_enrolling_totp_opens_the_staff_surfaces_in_that_session(client):
    user = verified_user(role="event_manager")
    password_login(client, user)
    response = client.get("/admin/")
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"
    page = client.get(response["Location"])
    assert page["Location"].startswith("/en/accounts/reauthenticate/")  # allauth asks for the password again
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": current_totp(secret)})
    assert response.status_code == 302
    for url in staff_surfaces():
        if url not in ("/admin/pages/", "/admin/users/"):  # an event manager's admin has no pages or users
            assert client.get(url).status_code == 200, url
    assert client.get(staff_page_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_with_an_authenticator_get_nothing_until_the_code(client, role):
    user = verified_user(role=role)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = password_login(client, user)
    assert response["Location"].endswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")
    assert client.post("/en/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_totp(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(staff_page_url()).status_code == 200


@pytest.mark.django_db
def test_a_session_that_skipped_the_code_is_signed_out_at_the_admin(client):
    """Django's own ``login`` (any path that is not allauth's) gives no second factor."""
    user = verified_user(role="editor")
    TOTP.activate(user, generate_totp_secret())
    assert client.login(email=user.email, password=PASSWORD)
    assert client.get(staff_page_url()).status_code == 403
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtail_login_view_hands_over_to_allauth_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/login/?next=https://elsewhere.example/")
    assert response["Location"] == "/en/accounts/login/"  # no open redirect
    response = client.get("/admin/")
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_posting_credentials_to_wagtail_login_signs_nobody_in(client):
    user = verified_user(role="superuser")
    for _attempt in range(40):
        client.post("/admin/login/", {"username": user.email, "password": "wrong password"})
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_wagtail_password_reset_hands_over_to_allauth(client):
    for url in ("/admin/password_reset/", "/admin/password_reset/done/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/en/accounts/password/reset/"


@pytest.mark.django_db
def test_unverified_staff_email_cannot_sign_in(client):
    user = UserFactory(role="editor")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    password_login(client, user)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_a_delegate_signs_in_with_a_password_alone(client):
    user = verified_user(role="delegate")
    password_login(client, user)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/en/events/my/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["delegate", "law_enforcement", "public"])
def test_accounts_without_staff_rights_are_not_asked_for_a_second_factor(client, role):
    user = verified_user(role=role)
    password_login(client, user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/2fa/" not in response["Location"]  # no staff rights to withhold: not sent to enrol
    assert client.get("/en/accounts/profile/").status_code == 200
