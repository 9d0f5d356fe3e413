"""Sign-up, e-mail verification, login, logout and password reset, step by step."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from conftest import PASSWORD, make_user
from planet.accounts.models import User
from planet.accounts.tests.helpers import last_mail_to, link_in_last_mail, signup_data

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-Passphrase-77"


def _logged_in_as(client: Client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).email if user_id else None


def test_sign_up_verify_log_in_and_reset_the_password(client):
    # sign up: the account exists, unverified, with the chosen display name
    response = client.post("/accounts/signup/", signup_data(email="Alice@Example.org"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get()
    assert user.email == "alice@example.org"
    assert user.profile.display_name == "Alice Ngozi"
    assert user.profile.handle == "alice-ngozi"
    assert EmailAddress.objects.get(user=user).verified is False
    assert _logged_in_as(client) is None

    # the verification mail names the site and carries the confirmation link
    message = last_mail_to("alice@example.org")
    assert message.subject.startswith("[LearningPlanet] ")
    confirm_url = link_in_last_mail("alice@example.org", "/accounts/confirm-email/")
    assert client.get(confirm_url).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified  # GET alone confirms nothing
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert _logged_in_as(client) == "alice@example.org"

    # log out, then in again with the address typed in another case
    assert client.post("/accounts/logout/").status_code == 302
    assert _logged_in_as(client) is None
    response = client.post("/accounts/login/", {"login": "ALICE@example.ORG", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert _logged_in_as(client) == "alice@example.org"
    client.post("/accounts/logout/")

    # forgotten password: a mail with a single-use link, a new password, a login with it
    mail.outbox.clear()
    response = client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = link_in_last_mail("alice@example.org", "/accounts/password/reset/key/")
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth hides the key from the address bar
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reset_url).status_code == 200  # the spent link shows "bad token"
    assert (
        client.post(
            "/accounts/login/", {"login": "alice@example.org", "password": PASSWORD}
        ).status_code
        == 200
    )  # the old password no longer works
    response = client.post(
        "/accounts/login/", {"login": "alice@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert _logged_in_as(client) == "alice@example.org"


def test_the_sign_up_page_asks_for_a_display_name(client):
    page = client.get("/accounts/signup/").content.decode()
    assert 'name="display_name"' in page
    assert "Display name" in page


def test_an_unverified_member_cannot_log_in(client):
    make_user("bea@example.org", verified=False)
    response = client.post("/accounts/login/", {"login": "bea@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert _logged_in_as(client) is None
    assert "/accounts/confirm-email/" in last_mail_to("bea@example.org").body  # a fresh link


def test_a_wrong_password_is_refused_with_a_clear_message(client):
    make_user("carl@example.org")
    response = client.post("/accounts/login/", {"login": "carl@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "email address and/or password you specified are not correct" in (
        response.content.decode()
    )
    assert _logged_in_as(client) is None


def test_a_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"email": "alice@"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        ({"password2": "a-different-Passphrase-1"}, "password2", "same password"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"display_name": ""}, "display_name", "This field is required."),
        ({"display_name": "    "}, "display_name", "This field is required."),
    ],
)
def test_bad_sign_up_input_is_refused(client, overrides, field, message):
    response = client.post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not User.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("email", ["alice@example.org", "ALICE@example.org", "Alice@Example.ORG"])
def test_a_taken_address_is_refused_whatever_its_case(client, email):
    alice = make_user("alice@example.org", "Alice")
    response = client.post("/accounts/signup/", signup_data(email=email, display_name="Imposter"))
    assert response.status_code == 200
    assert "An account already uses this e-mail address." in response.content.decode()
    assert list(User.objects.all()) == [alice]
    assert list(EmailAddress.objects.values_list("email", flat=True)) == ["alice@example.org"]
    alice.profile.refresh_from_db()
    assert alice.profile.display_name == "Alice"
    assert _logged_in_as(client) is None
    assert not mail.outbox


@pytest.mark.parametrize(
    "display_name, handle",
    [("Алиса Петрова", "alisa-petrova"), ("Zoë  O’Brien", "zoe-obrien"), ("🙂", "member-")],
)
def test_the_profile_address_comes_from_the_display_name(client, display_name, handle):
    client.post("/accounts/signup/", signup_data(display_name=display_name))
    profile = User.objects.get(email="alice@example.org").profile
    assert profile.display_name == " ".join(display_name.split())
    assert profile.handle == (handle + str(profile.user_id) if handle == "member-" else handle)


def test_two_people_with_the_same_name_get_different_addresses(client):
    client.post("/accounts/signup/", signup_data(email="a@example.org", display_name="Sam Lee"))
    client.post("/accounts/signup/", signup_data(email="b@example.org", display_name="Sam Lee"))
    handles = [u.profile.handle for u in User.objects.order_by("pk")]
    assert handles == ["sam-lee", "sam-lee-2"]
