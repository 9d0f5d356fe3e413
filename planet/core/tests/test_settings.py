"""Settings come from the environment; bad values stop the start with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from planet.lib.env import env_bool, env_int, env_list, env_url_config

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefgh",
    "ALLOWED_HOSTS": "learningplanet.example.org",
    "SITE_URL": "https://learningplanet.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DATABASE_URL": "sqlite:////tmp/learningplanet-deploy-check.sqlite3",
}


def run_manage(*args, env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV} | env_overrides
    env.pop("SECURE_HTTPS", None)
    env.pop("STATIC_MANIFEST", None)
    # Set for this test process by the browser tests (Playwright runs an event loop); a
    # production server never has it, and the deploy check rightly warns about it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_requires_a_secret_key():
    env = PRODUCTION_ENV | {"SECRET_KEY": ""}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_a_misspelt_boolean_stops_the_start():
    result = run_manage("check", env_overrides=PRODUCTION_ENV | {"DEBUG": "flase"})
    assert result.returncode != 0
    assert "DEBUG='flase' is not a boolean" in result.stderr


def test_only_sqlite_and_postgresql_are_accepted():
    result = run_manage("check", env_overrides=PRODUCTION_ENV | {"DATABASE_URL": "mysql://x@h/db"})
    assert result.returncode != 0
    assert "DATABASE_URL must be a sqlite:// or postgres:// URL" in result.stderr


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False)
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfigured, match="COUNT='ten' is not a whole number"):
        env_int("COUNT", 1)
    monkeypatch.setenv("COUNT", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("COUNT", 1, minimum=0)
    monkeypatch.setenv("HOSTS", " a.org, b.org ,")
    assert env_list("HOSTS", []) == ["a.org", "b.org"]
    monkeypatch.setenv("CACHE", "redis://127.0.0.1:6379/1")
    assert env_url_config("CACHE", "locmemcache://", "cache")["BACKEND"].endswith("RedisCache")


def test_pages_carry_a_content_security_policy_without_inline_script(client, db):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" not in response.content
