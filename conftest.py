"""The fixed cast of the test suite and small `make_*` helpers.

anonymous, outsider, member, editor, org_admin (the organisation's admin), curator, site_admin.
`member`, `editor` and `org_admin` belong to the `organisation` fixture with those roles.
"""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.utils.crypto import get_random_string
from PIL import Image

from planet.accounts.models import User
from planet.orgs.models import Membership, Organisation, Role

PASSWORD = "a-long-Passphrase-for-tests-42"


def make_user(email: str, name: str = "", *, verified: bool = True, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    user.profile.display_name = name or email.split("@")[0].title()
    user.profile.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def make_organisation(name: str = "Lycée Planète", *, admin: User | None = None, **extra):
    extra.setdefault("kind", "school")
    organisation = Organisation.objects.create(name=name, **extra)
    if admin:
        Membership.objects.create(organisation=organisation, user=admin, role=Role.ADMIN)
    return organisation


def make_image(fmt: str = "PNG", size=(64, 48), colour=(30, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def token_client(user: User, scope: str = "read_write") -> Client:
    """An API client sending a new personal token of `user` (scope read or read_write)."""
    from planet.apikeys.models import PersonalToken

    _token, raw = PersonalToken.issue(user, name="my app", scope=scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def session_client(user: User, *, csrf: bool = True) -> Client:
    """A signed-in browser that checks CSRF like a real one (the test client skips it unless
    asked), sending the CSRF token in `X-CSRFToken` when `csrf`."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    if csrf:
        secret = get_random_string(32)  # letters and digits, as Django's CSRF secrets
        client.cookies["csrftoken"] = secret
        client.defaults["HTTP_X_CSRFTOKEN"] = secret
    return client


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used TOTP codes live in the cache: every test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the real algorithm costs ~0.3 s a user; tests do not need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_due_tasks(monkeypatch) -> None:
    """Run every background task that is due now (by the clock, which tests may move), as
    `manage.py db_worker` does, in the test's own database connection."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def outsider(db):
    return make_user("outsider@example.org", "Olu Outsider")


@pytest.fixture
def org_admin(db):
    return make_user("admin@school.example.org", "Ada Admin")


@pytest.fixture
def organisation(db, org_admin):
    return make_organisation("Lycée Planète", admin=org_admin, country="FR")


@pytest.fixture
def member(db, organisation):
    user = make_user("member@school.example.org", "Mia Member")
    Membership.objects.create(organisation=organisation, user=user, role=Role.MEMBER)
    return user


@pytest.fixture
def editor(db, organisation):
    user = make_user("editor@school.example.org", "Eddie Editor")
    Membership.objects.create(organisation=organisation, user=user, role=Role.EDITOR)
    return user


@pytest.fixture
def curator(db):
    return make_user("curator@example.org", "Cora Curator", site_role="curator", is_staff=True)


@pytest.fixture
def site_admin(db):
    return make_user("root@example.org", "Sam Siteadmin", is_staff=True, is_superuser=True)


@pytest.fixture
def cast(anonymous, outsider, member, editor, org_admin, curator, site_admin):
    return {
        "anonymous": anonymous,
        "outsider": outsider,
        "member": member,
        "editor": editor,
        "org_admin": org_admin,
        "curator": curator,
        "site_admin": site_admin,
    }
