"""Changing one's e-mail address: the new one counts only once verified, then replaces the old."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from conftest import PASSWORD, client_for, make_user
from planet.accounts.models import User
from planet.accounts.tests.helpers import link_in_last_mail

pytestmark = pytest.mark.django_db


def test_a_new_address_replaces_the_old_one_once_verified():
    dana = make_user("dana@example.org", "Dana")
    client = client_for(dana)
    assert client.get("/accounts/email/").status_code == 200

    response = client.post("/accounts/email/", {"action_add": "", "email": "Dana@New.example.org"})
    assert response.status_code == 302
    # until verified, the old address is still the login and the primary one
    dana.refresh_from_db()
    assert dana.email == "dana@example.org"
    pending = EmailAddress.objects.get(user=dana, email="dana@new.example.org")
    assert not pending.verified and not pending.primary
    page = client.get("/accounts/email/").content.decode()
    assert "dana@new.example.org" in page and "pending verification" in page

    confirm_url = link_in_last_mail("dana@new.example.org", "/accounts/confirm-email/")
    assert client.post(confirm_url).status_code == 302

    dana.refresh_from_db()
    assert dana.email == "dana@new.example.org"
    address = EmailAddress.objects.get(user=dana)
    assert (address.email, address.verified, address.primary) == (
        "dana@new.example.org",
        True,
        True,
    )
    # the old address is told about the change, then no longer works as a login
    assert any("dana@example.org" in m.to for m in mail.outbox)
    anonymous = client_for(None)
    response = anonymous.post(
        "/accounts/login/", {"login": "dana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    response = anonymous.post(
        "/accounts/login/", {"login": "dana@new.example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_an_address_used_by_someone_else_cannot_be_taken_over():
    """Unlike sign-up, this page does not reveal that the address is taken (no enumeration);
    the address stays with its owner even if they follow the link sent to them."""
    taken = make_user("taken@example.org", "Taken")
    dana = make_user("dana@example.org", "Dana")
    client = client_for(dana)
    response = client.post("/accounts/email/", {"action_add": "", "email": "TAKEN@example.org"})
    assert response.status_code == 302
    confirm_url = link_in_last_mail("taken@example.org", "/accounts/confirm-email/")
    client_for(taken).post(confirm_url)
    dana.refresh_from_db()
    taken.refresh_from_db()
    assert dana.email == "dana@example.org"
    assert taken.email == "taken@example.org"
    assert EmailAddress.objects.get(email="taken@example.org", verified=True).user == taken
    assert (
        not EmailAddress.objects.filter(user=dana, verified=True)
        .exclude(email="dana@example.org")
        .exists()
    )


def test_an_invalid_address_is_refused():
    dana = make_user("dana@example.org", "Dana")
    response = client_for(dana).post("/accounts/email/", {"action_add": "", "email": "dana@"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert EmailAddress.objects.filter(user=dana).count() == 1


def test_the_email_page_requires_login(client):
    response = client.get("/accounts/email/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not User.objects.exists()
