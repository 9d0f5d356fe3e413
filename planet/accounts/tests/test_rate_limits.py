"""Brute force is slowed down: per account for logins and password resets."""

import pytest
from django.core import mail

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

# ACCOUNT_RATE_LIMITS: "login_failed": "10/m/ip,5/5m/key", "reset_password": "20/m/ip,5/m/key"
FAILED_LOGINS_ALLOWED = 5
RESETS_ALLOWED = 5


def test_repeated_failed_logins_lock_the_account_for_a_while(client):
    make_user("hana@example.org", "Hana")
    for attempt in range(FAILED_LOGINS_ALLOWED):
        response = client.post(
            "/accounts/login/", {"login": "hana@example.org", "password": f"wrong-{attempt}"}
        )
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": "HANA@example.org", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    # even the right password is refused while the account is locked
    response = client.post("/accounts/login/", {"login": "hana@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account(client):
    make_user("hana@example.org", "Hana")
    make_user("ivan@example.org", "Ivan")
    for _ in range(FAILED_LOGINS_ALLOWED + 1):
        client.post("/accounts/login/", {"login": "hana@example.org", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "ivan@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_mails_are_limited_per_account(client):
    make_user("hana@example.org", "Hana")
    for _ in range(RESETS_ALLOWED):
        response = client.post("/accounts/password/reset/", {"email": "hana@example.org"})
        assert response.status_code == 302
    assert len(mail.outbox) == RESETS_ALLOWED
    response = client.post("/accounts/password/reset/", {"email": "Hana@example.org"})
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode().lower()
    assert len(mail.outbox) == RESETS_ALLOWED
