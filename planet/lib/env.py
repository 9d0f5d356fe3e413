"""Read settings from the environment, failing loudly on values that make no sense.

Every setting of the platform comes through these helpers, so that a typo in a
deployment ("DEBUG=flase") stops the start with a message that names the variable
instead of silently doing the wrong thing.
"""

import os

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


def _raw(name: str, default):
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return None
    return value.strip()


def env_str(name: str, default=_MISSING) -> str | None:
    value = _raw(name, default)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name, default)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of true/false, yes/no, on/off, 1/0."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name, default)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url_config(name: str, default: str, kind: str) -> dict:
    """Parse DATABASE_URL, CACHE_URL or EMAIL_URL into Django's settings shape."""
    value = env_str(name, default)
    parsers = {
        "database": environ.Env.db_url_config,
        "cache": environ.Env.cache_url_config,
        "email": environ.Env.email_url_config,
    }
    try:
        return parsers[kind](value)
    except Exception as error:  # the parsers raise several kinds of errors
        raise ImproperlyConfigured(f"{name}={value!r} is not a valid {kind} URL: {error}") from None
