"""Account pages work under the strict Content-Security-Policy: no inline script or style."""

import re

import pytest
from allauth.account.models import EmailAddress

from conftest import client_for

pytestmark = pytest.mark.django_db

# Data blocks (JSON, JSON-LD) are not scripts: the browser never runs them, CSP allows them.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>")
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.IGNORECASE)


def assert_csp_safe(html: str):
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html).group(0)
    assert "<style" not in html
    assert not re.search(r"<[^>]+\son[a-z]+=", html)  # no onclick= and friends


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/",
    ],
)
def test_entrance_pages(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_csp_safe(response.content.decode())


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/settings/",
        "/accounts/delete/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/moderation/audit/",
        "/moderation/curators/",
    ],
)
def test_settings_and_moderation_pages(site_admin, url):
    response = client_for(site_admin).get(url)
    assert response.status_code == 200
    assert_csp_safe(response.content.decode())


def test_the_email_page_with_a_change_pending(member):
    EmailAddress.objects.create(user=member, email="new@example.org", verified=False)
    response = client_for(member).get("/accounts/email/")
    assert "new@example.org" in response.content.decode()
    assert_csp_safe(response.content.decode())


def test_the_profile_page(member):
    response = client_for(None).get(member.profile.get_absolute_url())
    assert response.status_code == 200
    assert_csp_safe(response.content.decode())
