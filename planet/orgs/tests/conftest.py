import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the production work factor costs most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
