"""The interface language: the browser's choice until the person picks one."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_browser_language_is_used(client):
    page = client.get("/accounts/login/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    html = page.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Connexion" in html  # allauth's own French


def test_an_unknown_browser_language_falls_back_to_english(client):
    html = client.get("/accounts/login/", headers={"accept-language": "tlh"}).content.decode()
    assert '<html lang="en" dir="ltr">' in html


def test_a_chosen_language_wins_over_the_browser(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "ar", "next": "/accounts/login/"},
        headers={"accept-language": "fr"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.cookies["django_language"].value == "ar"
    html = client.get("/accounts/login/", headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "تسجيل الدخول" in html


def test_an_unsafe_next_address_is_not_followed(client):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://evil.example.com/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
