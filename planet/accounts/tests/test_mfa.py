"""Two-factor authentication with a TOTP app: activation, then a code at every login."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

from conftest import PASSWORD, make_user
from planet.accounts.tests.helpers import totp_code

pytestmark = pytest.mark.django_db


def _log_in(client, email):
    return client.post("/accounts/login/", {"login": email, "password": PASSWORD})


def _activate_totp(client) -> str:
    # changing how one signs in needs the password again, even right after logging in
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": "not-my-password"})
    assert response.status_code == 200
    response = client.post(
        "/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in response.content.decode()  # shown for apps that cannot scan the QR code
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret


def test_after_activation_login_needs_the_code(client):
    erin = make_user("erin@example.org", "Erin")
    assert _log_in(client, "erin@example.org").status_code == 302
    secret = _activate_totp(client)
    assert Authenticator.objects.filter(user=erin, type=Authenticator.Type.TOTP).exists()
    client.post("/accounts/logout/")

    response = _log_in(client, "Erin@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    assert client.get("/accounts/settings/").status_code == 302

    response = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(erin.pk)
    assert client.get("/accounts/settings/").status_code == 200


def test_a_used_code_cannot_be_replayed(client):
    make_user("finn@example.org", "Finn")
    _log_in(client, "finn@example.org")
    secret = _activate_totp(client)
    client.post("/accounts/logout/")
    _log_in(client, "finn@example.org")
    code = totp_code(secret)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    _log_in(client, "finn@example.org")
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
