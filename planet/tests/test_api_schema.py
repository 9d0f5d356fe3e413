"""Every operation of the JSON API, fuzzed by Schemathesis from its own OpenAPI description.

The description is read from /api/v1/openapi.json of the Django app in process, and the
requests go to the WSGI app in process too. Each operation gets the examples phase (path
parameters naming items that exist, see api_seed.py) and a bounded, derandomized fuzzing phase
of valid and invalid requests, all sent with a member's read-write token so that write
operations are exercised beyond 401. Every response must be no server error and conform to
the description: a documented status code, content type, headers and body.

A failure prints the request as a curl command. Run one operation with
`pytest planet/tests/test_api_schema.py -k "POST and registration"`.
"""

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks

from planet.tests.api_seed import seed_public_data, with_examples

CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

CONFIG = {
    "generation": {
        "mode": "all",  # valid requests and invalid ones
        "deterministic": True,
        "database": "none",
        # Our token is sent with every request; no generated Authorization header.
        "with-security-parameters": False,
    },
    "phases": {
        "examples": {"enabled": True, "fill-missing": True},
        "fuzzing": {"enabled": True},
        "coverage": {"enabled": False},
        "stateful": {"enabled": False},
    },
}


def description() -> dict:
    return Client().get("/api/v1/openapi.json").json()


def load_schema():
    config = schemathesis.Config.from_dict(CONFIG)
    schema = schemathesis.openapi.from_dict(with_examples(description()), config=config)
    schema.app = WSGIHandler()
    return schema


schema = load_schema()


@pytest.fixture
def token(db, settings, _test_connection_stays_open):
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    return seed_public_data()


@pytest.fixture
def _test_connection_stays_open():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction on PostgreSQL; Django's test client prevents that the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_the_description_is_valid_openapi_3_1():
    loaded = schemathesis.openapi.from_dict(description())
    assert loaded.raw_schema["openapi"].startswith("3.1")
    loaded.validate()


@schema.parametrize()
@hypothesis.settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
    ],
)
def test_operation_conforms_to_the_description(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
