"""Accounts: sign up → verify → log in, staff MFA, rate limits, self-service profile."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

from portal.accounts.models import User
from portal.audiences import Audience, clearance_for
from tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "email": "new.delegate@example.test",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
    "first_name": "Nadia",
    "last_name": "Benali",
    "country": "DZ",
    "organisation": "NCB Algiers",
    "job_title": "Head of bureau",
    "preferred_language": "fr",
}


def verified_user(role="public", **kwargs):
    user = UserFactory(role=role, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def current_totp(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.django_db
def test_sign_up_verify_then_log_in(client):
    response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="new.delegate@example.test")
    assert (user.country.code, user.organisation, user.preferred_language) == ("DZ", "NCB Algiers", "fr")
    assert clearance_for(user) == Audience.PUBLIC  # public until staff grant a group

    # Unverified: logging in sends people back to the verification notice.
    client.logout()
    response = client.post("/en/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) >= 1
    link = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified

    response = client.post("/en/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"  # their preferred language
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_sign_up_rejects_bad_input_with_clear_messages(client):
    response = client.post("/en/accounts/signup/", {**SIGNUP, "email": "not-an-email", "password2": "different"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert not User.objects.filter(email="not-an-email").exists()


@pytest.mark.django_db
def test_login_is_by_email_case_insensitively(client):
    client.post("/en/accounts/signup/", {**SIGNUP, "email": "Mixed.Case@Example.test"})
    client.logout()
    EmailAddress.objects.filter(email__iexact="mixed.case@example.test").update(verified=True)
    user = User.objects.get(email__iexact="mixed.case@example.test")
    for login in ("mixed.case@example.test", "MIXED.CASE@EXAMPLE.TEST"):
        response = client.post("/en/accounts/login/", {"login": login, "password": SIGNUP["password1"]})
        assert response.status_code == 302, login
        assert int(client.session["_auth_user_id"]) == user.pk
        client.logout()


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    user = verified_user()
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.text
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
    assert "Too many failed login attempts. Try again later." in response.text
    # Even the right password is refused until the window passes.
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_attempts_from_one_address_are_capped(client):
    """Spraying many accounts from one address: failures lock out after 10, requests after 30."""
    responses = [
        client.post("/en/accounts/login/", {"login": f"nobody{n}@example.test", "password": "x"}) for n in range(31)
    ]
    assert all("Too many failed" not in r.text for r in responses[:10])
    assert "Too many failed login attempts" in responses[10].text
    assert [r.status_code for r in responses[:30]] == [200] * 30
    assert responses[30].status_code == 429


@pytest.mark.django_db
def test_password_reset_sends_a_link(client):
    user = verified_user()
    response = client.post("/en/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_recovery_code_works_once(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = verified_user(role="moderator")
    TOTP.activate(user, generate_totp_secret())
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.post("/en/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.logout()
    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.post("/en/accounts/2fa/authenticate/", {"code": code}).status_code == 200


@pytest.mark.django_db
def test_non_staff_never_reach_the_admin(client):
    client.force_login(verified_user(role="law_enforcement"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "/admin/login" in response["Location"]


@pytest.mark.django_db
def test_profile_update_keeps_clearance(client):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {
            "first_name": "Ana",
            "last_name": "Ribeiro",
            "country": "BR",
            "organisation": "NCB Brasília",
            "job_title": "Analyst",
            "preferred_language": "fr",
            # Attempts to raise one's own clearance are ignored.
            "groups": ["1", "2", "3"],
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert (user.country.code, user.organisation, user.preferred_language) == ("BR", "NCB Brasília", "fr")
    assert not user.is_staff and not user.is_superuser
    assert user.groups.count() == 0
    assert clearance_for(user) == Audience.PUBLIC

    from wagtail.users.models import UserProfile

    assert UserProfile.get_for_user(user).preferred_language == "fr"  # admin follows suit


@pytest.mark.django_db
def test_profile_rejects_unknown_country(client):
    client.force_login(verified_user())
    response = client.post("/en/accounts/profile/", {"country": "XX", "preferred_language": "en"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


@pytest.mark.django_db
def test_profile_page_shows_the_access_level_in_french(client):
    client.force_login(verified_user(role="delegate"))
    response = client.get("/fr/accounts/profile/")
    assert "Niveau d’accès" in response.text or "Niveau d&#x27;accès" in response.text
    assert "Délégués" in response.text


def test_no_authenticator_means_no_mfa(db):
    user = UserFactory(role="editor")
    assert not Authenticator.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_password_reset_is_rate_limited_per_address_and_per_account(client):
    user = verified_user()
    statuses = [client.post("/en/accounts/password/reset/", {"email": user.email}).status_code for _ in range(4)]
    assert statuses[:3] == [302, 302, 302]  # three links a minute for one account…
    assert statuses[3] == 429  # …then the requests are refused
    assert len(mail.outbox) == 3
    for n in range(7):  # other accounts from the same address: ten a minute in all
        client.post("/en/accounts/password/reset/", {"email": f"someone{n}@example.test"})
    assert client.post("/en/accounts/password/reset/", {"email": "another@example.test"}).status_code == 429


@pytest.mark.django_db
def test_sign_up_is_rate_limited_per_address(client):
    statuses = [
        client.post("/en/accounts/signup/", {**SIGNUP, "email": f"new{n}@example.test"}).status_code for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert User.objects.filter(email__startswith="new").count() == 10
